/**
 * npm run bench:routing [-- --seconds 30 --rate 50 --jobs 100000]
 *
 * Runs the API and the worker against a fresh database and a Redis of its own, with an SMTP
 * server inside this process. Issues triage decisions at a fixed rate and prints, for each, the
 * latency from the triage commit (its HTTP answer) to the lead agency's e-mail being accepted by
 * the SMTP server (p50/p95/p99), and the jobs handled per second. Then fills Redis with pending
 * deadline jobs shaped like the real ones and prints the memory each takes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { JOB_OPTIONS } from '../../src/infrastructure/queue/queue.registry.js';
import { deadlineJobId } from '../../src/modules/deadlines/deadline-jobs.js';
import {
  arg,
  argString,
  followQueueEvents,
  freePort,
  freshDatabase,
  type JobStamps,
  percentile,
  ROOT,
  sampleDatabase,
  scrape,
  startApi,
  startRedis,
} from './bench-support.js';

const SECONDS = arg('seconds', 30);
const RATE = arg('rate', 50);
const JOBS = arg('jobs', 100_000);
/** `split` runs the worker as deployed (demo, compose): WORKER_ROLE=core and WORKER_ROLE=reports; `all` one process for everything. */
const WORKERS = argString('workers', 'split');

// Whatever happens, no API or worker outlives the benchmark (one left behind keeps relaying the next run's database).
const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

async function main() {
  const url = await freshDatabase('concern_desk_bench_routing');
  const redisPort = await freePort();
  const redisProc = await startRedis(redisPort);
  children.push(redisProc);
  const redisUrl = `redis://127.0.0.1:${redisPort}/0`;

  // Mail: remember when each case code's first notice to its lead agency was accepted (and the
  // wall-clock instant, to line it up with the queues' event streams).
  const accepted = new Map<string, number>();
  const acceptedAt = new Map<string, number>();
  let mails = 0;
  const smtpPort = await freePort();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, cb) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString('latin1')));
      stream.on('end', () => {
        const at = performance.now();
        mails++;
        const code = /X-Concern-Desk-Case:\s*(\S+)/i.exec(raw)?.[1] ?? /VV-\d{4}-\d{6}/.exec(raw.replace(/=\r?\n/g, ''))?.[0];
        if (code && !accepted.has(code)) {
          accepted.set(code, at);
          acceptedAt.set(code, Date.now());
        }
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(smtpPort, '127.0.0.1', r));
  const env = { DATABASE_URL: url, REDIS_URL: redisUrl, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, LOG_LEVEL: 'warn' };
  const api = await startApi(env);
  children.push(api.child);
  // Each worker's own /metrics: event-loop delay and job durations of this run. Extra Node flags
  // (e.g. BENCH_WORKER_NODE_FLAGS=--cpu-prof) go to every worker process.
  const workerFlags = (process.env.BENCH_WORKER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const workers: Array<{ role: string; metrics: string; child: ChildProcess }> = [];
  for (const role of WORKERS === 'all' ? ['all'] : ['core', 'reports']) {
    const port = await freePort();
    const child = spawn(process.execPath, [...workerFlags, join(ROOT, 'dist/src/worker.js')], {
      env: { ...process.env, ...env, WORKER_ROLE: role, WORKER_METRICS_PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    workers.push({ role, metrics: `http://127.0.0.1:${port}/metrics`, child });
  }
  // Routing and e-mail run in the first one.
  const workerMetrics = workers[0].metrics;

  const login = async (email: string) =>
    (
      (await (
        await fetch(`${api.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: 'demo-2026' }),
        })
      ).json()) as { accessToken: string }
    ).accessToken;
  const officer = await login('officer@demo.local');
  const triager = await login('triage@demo.local');

  // Cases to route: one per decision.
  const total = SECONDS * RATE + Math.min(100, Math.floor((SECONDS * RATE) / 10));
  const cases: Array<{ id: string; code: string }> = [];
  for (let i = 0; i < total; i += 500) {
    const n = Math.min(500, total - i);
    const res = await fetch(`${api.url}/api/v1/concerns/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
      body: JSON.stringify({
        concerns: Array.from({ length: n }, (_, k) => ({
          channel: 'PETITION',
          areaCode: 'X02',
          categoryCode: 'LAND',
          title: `Phản ánh số ${i + k}`,
          description: 'Chậm bồi thường đất.',
        })),
      }),
    });
    const body = (await res.json()) as { items: Array<{ caseId: string; caseCode: string }> };
    cases.push(...body.items.map((x) => ({ id: x.caseId, code: x.caseCode })));
  }
  const leads = ['NNMT', 'XD', 'YT', 'GDDT', 'NV', 'UBND', 'TAND', 'CA'];

  // Wait for the worker to listen on every queue, then warm up (JIT, pools, SMTP sessions) with
  // a few decisions that are not measured.
  const probes = ['notices', 'notifications', 'deadlines', 'reports'].map((q) => new Queue(q, { connection: { url: redisUrl }, prefix: 'cd' }));
  for (let t = 0; t < 300 && (await Promise.all(probes.map((q) => q.getWorkersCount()))).some((n) => n === 0); t++)
    await new Promise((r) => setTimeout(r, 100));
  await Promise.all(probes.map((q) => q.close()));
  const warmup = cases.splice(0, Math.min(100, Math.floor(cases.length / 10)));
  // One decision alone first: a cold calendar cache under 20+ concurrent triage transactions
  // starves the API's pool for good (assignDeadlines loads the calendar on a second connection
  // while holding one; see the routing benchmark notes).
  const triage = (c: { id: string }, i: number) =>
    fetch(`${api.url}/api/v1/cases/${c.id}/triage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${triager}` },
      body: JSON.stringify({ categoryCode: 'LAND', priority: 'NORMAL', sensitivity: 'PUBLIC', leadAgency: leads[i % leads.length] }),
    }).then((r) => r.arrayBuffer());
  await triage(warmup[0], 0);
  await Promise.all(warmup.slice(1).map((c, i) => triage(c, i + 1)));
  for (let t = 0; t < 600 && warmup.some((c) => !accepted.has(c.code)); t++) await new Promise((r) => setTimeout(r, 100));
  const mailsAtStart = mails;

  // Measurement starts here: scraping resets the processes' event-loop delay histograms.
  const queues = followQueueEvents(redisUrl, ['notices', 'notifications', 'reports']);
  const dbSampler = sampleDatabase(url, 'concern_desk_bench_routing');
  const cpuBefore = machineCpu();
  const [workerBefore, , reportsBefore] = await Promise.all([scrape(workerMetrics), scrape(`${api.url}/metrics`), scrape(workers[workers.length - 1].metrics)]);

  // Open loop: one decision every 1/RATE s, whatever the answers' latency.
  const committed = new Map<string, number>();
  const committedAt = new Map<string, number>();
  let errors = 0;
  const started = performance.now();
  await new Promise<void>((done) => {
    let i = 0;
    const inFlight: Promise<void>[] = [];
    const timer = setInterval(() => {
      if (i >= cases.length) {
        clearInterval(timer);
        void Promise.all(inFlight).then(() => done());
        return;
      }
      const c = cases[i];
      const lead = leads[i++ % leads.length];
      inFlight.push(
        fetch(`${api.url}/api/v1/cases/${c.id}/triage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${triager}` },
          body: JSON.stringify({ categoryCode: 'LAND', priority: 'NORMAL', sensitivity: 'PUBLIC', leadAgency: lead }),
        }).then(
          (r) => {
            if (r.status === 200) {
              committed.set(c.code, performance.now());
              committedAt.set(c.code, Date.now());
            } else errors++;
            return void r.arrayBuffer();
          },
          () => void errors++,
        ),
      );
    }, 1000 / RATE);
  });
  const decidedIn = (performance.now() - started) / 1000;
  // Wait for the last e-mails.
  for (let t = 0; t < 600 && [...committed.keys()].some((code) => !accepted.has(code)); t++) await new Promise((r) => setTimeout(r, 100));
  const drainedIn = (performance.now() - started) / 1000;
  const [workerAfter, apiAfter, reportsAfter] = await Promise.all([
    scrape(workerMetrics),
    scrape(`${api.url}/metrics`),
    scrape(workers[workers.length - 1].metrics),
  ]);
  const cpuAfter = machineCpu();
  await new Promise((r) => setTimeout(r, 300)); // the streams' last entries
  await queues.stop();
  const dbSamples = await dbSampler.stop();

  const latencies = [...committed]
    .filter(([code]) => accepted.has(code))
    .map(([code, at]) => accepted.get(code)! - at)
    .sort((a, b) => a - b);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const codes = [...committed.keys()];
  const [{ events }] = (
    await db.query(
      `SELECT count(*)::int AS events FROM case_event e JOIN cases c ON c.id = e.case_id WHERE c.code = ANY($1) AND e.type IN ('TRIAGED', 'ASSIGNED')`,
      [codes],
    )
  ).rows;
  const [{ sent }] = (
    await db.query(`SELECT count(*)::int AS sent FROM notification n JOIN cases c ON c.id = n.case_id WHERE c.code = ANY($1) AND n.status = 'SENT'`, [codes])
  ).rows;
  const noticeCase = new Map<string, string>(
    (await db.query(`SELECT n.id, c.code FROM notification n JOIN cases c ON c.id = n.case_id WHERE c.code = ANY($1)`, [codes])).rows.map((r) => [
      r.id,
      r.code,
    ]),
  );
  await db.end();

  console.log(
    `triage decisions: ${committed.size} at ${RATE}/s over ${decidedIn.toFixed(1)} s (${errors} errors); all e-mails in by ${drainedIn.toFixed(1)} s`,
  );
  console.log(
    `triage commit → lead agency e-mail accepted by SMTP (ms): p50 ${percentile(latencies, 50).toFixed(0)}  p95 ${percentile(latencies, 95).toFixed(0)}  p99 ${percentile(latencies, 99).toFixed(0)}  (n=${latencies.length}; target p95 ≤ 100)`,
  );
  const routed = events / 2; // TRIAGED + ASSIGNED per decision; only ASSIGNED makes a case-notices job
  console.log(
    `jobs handled: ${routed} case-notices + ${sent} send-email = ${((routed + sent) / drainedIn).toFixed(0)} jobs/s; ${mails - mailsAtStart} e-mails received`,
  );

  console.log(
    `run of ${new Date().toISOString()}, workers: ${workers.map((w) => w.role).join(' + ')}, METRICS_REFRESH_MS=${process.env.METRICS_REFRESH_MS ?? 'default'}`,
  );
  // The host is shared: how busy its CPUs were tells a slow run from a slow change.
  const busy = (cpuAfter.busy - cpuBefore.busy) / (cpuAfter.total - cpuBefore.total);
  console.log(
    `host: ${cpus().length} CPUs ${(busy * 100).toFixed(0)} % busy over the run (every process, not only this benchmark's), load average ${loadavg()[0].toFixed(1)}`,
  );
  breakdown({ cases, committedAt, acceptedAt, noticeCase, jobs: queues.jobs, workerBefore, workerAfter, apiAfter, dbSamples });
  if (workers.length > 1) {
    const cpu = (m: Map<string, number>) => m.get('concern_desk_process_cpu_seconds_total') ?? NaN;
    console.log(`reports worker: CPU ${(cpu(reportsAfter) - cpu(reportsBefore)).toFixed(1)} s over the run`);
  }

  api.child.kill('SIGTERM');
  workers.forEach((w) => w.child.kill('SIGTERM'));
  smtp.close();

  // Pending deadline jobs: memory per job in a Redis holding nothing else.
  const redis = new Redis(redisUrl);
  await redis.flushall();
  const before = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
  const queue = new Queue('deadlines', { connection: { url: redisUrl }, prefix: 'cd' });
  const far = Date.now() + 30 * 86_400_000;
  for (let i = 0; i < JOBS; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, JOBS - i) }, (_, k) => {
        const assignmentId = crypto.randomUUID();
        return {
          name: 'deadline-check',
          data: { a: assignmentId, k: k % 3 === 0 ? 'acknowledge' : k % 3 === 1 ? 'remind' : 'resolve' },
          opts: { ...JOB_OPTIONS.deadline, jobId: deadlineJobId(assignmentId, 'remind', k % 3), delay: far - Date.now() + k },
        };
      }),
    );
  }
  const after = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
  console.log(
    `Redis memory with ${JOBS} pending deadline jobs: ${((after - before) / 1024 / 1024).toFixed(1)} MiB, ${((after - before) / JOBS).toFixed(0)} bytes per job (target < 1024)`,
  );
  await queue.close();
  await redis.quit();
  redisProc.kill('SIGTERM');
}

/** The host's CPU time (jiffies) from /proc/stat: busy and total over every CPU. */
function machineCpu(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3] - (f[4] ?? 0), total };
}

/**
 * Where the time of each decision went, from the queues' event streams (Redis clock) and the
 * bench's clock (same host): commit → case-notices added (outbox relay) → active (BullMQ wait) →
 * send-email added (the case-notices job's notice committed and relayed) → active (wait) → SMTP.
 * Then the worker's event-loop delay and job durations over the measured window, the reports
 * jobs that ran in it, the share of slow decisions that overlapped one, and PostgreSQL's waits.
 */
function breakdown(r: {
  cases: Array<{ id: string; code: string }>;
  committedAt: Map<string, number>;
  acceptedAt: Map<string, number>;
  noticeCase: Map<string, string>;
  jobs: Map<string, Map<string, JobStamps>>;
  workerBefore: Map<string, number>;
  workerAfter: Map<string, number>;
  apiAfter: Map<string, number>;
  dbSamples: Awaited<ReturnType<ReturnType<typeof sampleDatabase>['stop']>>;
}) {
  const codeOf = new Map(r.cases.map((c) => [c.id, c.code]));
  const routing = new Map<string, JobStamps>();
  for (const [id, s] of r.jobs.get('notices')!) {
    const code = codeOf.get(id.split('.')[1]);
    if (code) routing.set(code, s);
  }
  const email = new Map<string, JobStamps>();
  for (const [id, s] of r.jobs.get('notifications')!) {
    const code = r.noticeCase.get(id.replace(/^email-/, '').replace(/-(retry|a\d|r\d).*/, ''));
    // The case's first notice to be sent, as the SMTP side counts.
    if (code && s.done !== undefined && (!email.has(code) || email.get(code)!.done! > s.done)) email.set(code, s);
  }
  const stages: Record<string, number[]> = {
    'commit → case-notices added (relay)': [],
    'case-notices wait (added → active)': [],
    'case-notices active → send-email added': [],
    'case-notices run (active → done)': [],
    'send-email wait (added → active)': [],
    'send-email active → SMTP accepted': [],
    'total (commit → SMTP accepted)': [],
  };
  const v = Object.values(stages);
  for (const [code, at] of r.committedAt) {
    const a = routing.get(code);
    const b = email.get(code);
    const smtp = r.acceptedAt.get(code);
    if (!a?.added || !a.active || !a.done || !b?.added || !b.active || smtp === undefined) continue;
    [a.added - at, a.active - a.added, b.added - a.active, a.done - a.active, b.active - b.added, smtp - b.active, smtp - at].forEach((x, i) => v[i].push(x));
  }
  console.log(`breakdown of ${v[0].length} decisions (ms; wall clock, ±1 ms)          p50     p95     p99     max`);
  for (const [name, xs] of Object.entries(stages)) {
    xs.sort((a, b) => a - b);
    console.log(`  ${name.padEnd(48)} ${[50, 95, 99, 100].map((p) => percentile(xs, p).toFixed(0).padStart(7)).join(' ')}`);
  }
  const s = (m: Map<string, number>, k: string) => m.get(`concern_desk_${k}`) ?? NaN;
  console.log(
    `worker event-loop delay over the run (ms): p50 ${(s(r.workerAfter, 'nodejs_eventloop_lag_p50_seconds') * 1000).toFixed(1)}  p99 ${(s(r.workerAfter, 'nodejs_eventloop_lag_p99_seconds') * 1000).toFixed(1)}  max ${(s(r.workerAfter, 'nodejs_eventloop_lag_max_seconds') * 1000).toFixed(1)}; ` +
      `API p99 ${(s(r.apiAfter, 'nodejs_eventloop_lag_p99_seconds') * 1000).toFixed(1)}  max ${(s(r.apiAfter, 'nodejs_eventloop_lag_max_seconds') * 1000).toFixed(1)}`,
  );
  const cpu = (m: Map<string, number>) => s(m, 'process_cpu_seconds_total');
  const window = (Math.max(...r.acceptedAt.values()) - Math.min(...r.committedAt.values())) / 1000;
  console.log(`worker CPU over the run: ${(cpu(r.workerAfter) - cpu(r.workerBefore)).toFixed(1)} s in ${window.toFixed(1)} s`);
  const durations: string[] = [];
  for (const [k, n] of r.workerAfter) {
    const m = /^concern_desk_job_duration_seconds_count\{(.*)\}$/.exec(k);
    if (!m || !m[1].includes('outcome="ok"')) continue;
    const count = n - (r.workerBefore.get(k) ?? 0);
    const sum = s(r.workerAfter, `job_duration_seconds_sum{${m[1]}}`) - (r.workerBefore.get(`concern_desk_job_duration_seconds_sum{${m[1]}}`) ?? 0);
    if (count > 0) durations.push(`${/job="([^"]+)"/.exec(m[1])![1]} ${count} × ${((sum / count) * 1000).toFixed(1)} ms`);
  }
  console.log(`worker job durations (mean, from its histogram): ${durations.join('; ')}`);
  const refreshes = [...r.jobs.get('reports')!.values()].filter((j) => j.active && j.done).sort((a, b) => a.active! - b.active!);
  console.log(`reports jobs in the window: ${refreshes.map((j) => `${j.name} ${j.done! - j.active!} ms`).join(', ') || 'none'}`);
  // Decisions whose journey overlapped a reports job against the others.
  const during: number[] = [];
  const outside: number[] = [];
  for (const [code, at] of r.committedAt) {
    const smtp = r.acceptedAt.get(code);
    if (smtp === undefined) continue;
    (refreshes.some((j) => j.active! < smtp && j.done! > at) ? during : outside).push(smtp - at);
  }
  during.sort((a, b) => a - b);
  outside.sort((a, b) => a - b);
  console.log(
    `decisions overlapping a reports job: ${during.length}, p50 ${percentile(during, 50).toFixed(0)} p95 ${percentile(during, 95).toFixed(0)} ms; ` +
      `the others: ${outside.length}, p50 ${percentile(outside, 50).toFixed(0)} p95 ${percentile(outside, 95).toFixed(0)} ms`,
  );
  const d = r.dbSamples;
  console.log(`PostgreSQL sessions of the bench database, ${d.samples} samples: ${d.waits.map(([w, n]) => `${w} ${n}`).join(', ')}`);
  for (const l of d.longest) console.log(`  seen running ${l.ms} ms (${l.app}): ${l.query}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
