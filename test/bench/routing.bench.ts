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
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { JOB_OPTIONS } from '../../src/infrastructure/queue/queue.registry.js';
import { deadlineJobId } from '../../src/modules/deadlines/deadline-jobs.js';
import { arg, freePort, freshDatabase, percentile, ROOT, startApi } from './bench-support.js';

const SECONDS = arg('seconds', 30);
const RATE = arg('rate', 50);
const JOBS = arg('jobs', 100_000);

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const r = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  for (let i = 0; i < 100; i++) {
    if (await r.connect().then(() => true, () => false)) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  r.disconnect();
  return child;
}

async function main() {
  const url = await freshDatabase('concern_desk_bench_routing');
  const redisPort = await freePort();
  const redisProc = await startRedis(redisPort);
  const redisUrl = `redis://127.0.0.1:${redisPort}/0`;

  // Mail: remember when each case code's first notice to its lead agency was accepted.
  const accepted = new Map<string, number>();
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
        if (code && !accepted.has(code)) accepted.set(code, at);
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(smtpPort, '127.0.0.1', r));
  const env = { DATABASE_URL: url, REDIS_URL: redisUrl, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, LOG_LEVEL: 'warn' };
  const api = await startApi(env);
  const worker = spawn(process.execPath, [join(ROOT, 'dist/src/worker.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });

  const login = async (email: string) =>
    ((await (await fetch(`${api.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo-2026' }) })).json()) as { accessToken: string }).accessToken;
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
        concerns: Array.from({ length: n }, (_, k) => ({ channel: 'PETITION', areaCode: 'X02', categoryCode: 'LAND', title: `Phản ánh số ${i + k}`, description: 'Chậm bồi thường đất.' })),
      }),
    });
    const body = (await res.json()) as { items: Array<{ caseId: string; caseCode: string }> };
    cases.push(...body.items.map((x) => ({ id: x.caseId, code: x.caseCode })));
  }
  const leads = ['NNMT', 'XD', 'YT', 'GDDT', 'NV', 'UBND', 'TAND', 'CA'];

  // Wait for the worker to listen on every queue, then warm up (JIT, pools, SMTP sessions) with
  // a few decisions that are not measured.
  const probes = ['routing', 'notifications', 'deadlines'].map((q) => new Queue(q, { connection: { url: redisUrl }, prefix: 'cd' }));
  for (let t = 0; t < 300 && (await Promise.all(probes.map((q) => q.getWorkersCount()))).some((n) => n === 0); t++) await new Promise((r) => setTimeout(r, 100));
  await Promise.all(probes.map((q) => q.close()));
  const warmup = cases.splice(0, Math.min(100, Math.floor(cases.length / 10)));
  await Promise.all(
    warmup.map((c, i) =>
      fetch(`${api.url}/api/v1/cases/${c.id}/triage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${triager}` },
        body: JSON.stringify({ categoryCode: 'LAND', priority: 'NORMAL', sensitivity: 'PUBLIC', leadAgency: leads[i % leads.length] }),
      }).then((r) => r.arrayBuffer()),
    ),
  );
  for (let t = 0; t < 600 && warmup.some((c) => !accepted.has(c.code)); t++) await new Promise((r) => setTimeout(r, 100));
  const mailsAtStart = mails;

  // Open loop: one decision every 1/RATE s, whatever the answers' latency.
  const committed = new Map<string, number>();
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
            if (r.status === 200) committed.set(c.code, performance.now());
            else errors++;
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

  const latencies = [...committed].filter(([code]) => accepted.has(code)).map(([code, at]) => accepted.get(code)! - at).sort((a, b) => a - b);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const codes = [...committed.keys()];
  const [{ events }] = (
    await db.query(`SELECT count(*)::int AS events FROM case_event e JOIN cases c ON c.id = e.case_id WHERE c.code = ANY($1) AND e.type IN ('TRIAGED', 'ASSIGNED')`, [codes])
  ).rows;
  const [{ sent }] = (await db.query(`SELECT count(*)::int AS sent FROM notification n JOIN cases c ON c.id = n.case_id WHERE c.code = ANY($1) AND n.status = 'SENT'`, [codes])).rows;
  await db.end();

  console.log(`triage decisions: ${committed.size} at ${RATE}/s over ${decidedIn.toFixed(1)} s (${errors} errors); all e-mails in by ${drainedIn.toFixed(1)} s`);
  console.log(`triage commit → lead agency e-mail accepted by SMTP (ms): p50 ${percentile(latencies, 50).toFixed(0)}  p95 ${percentile(latencies, 95).toFixed(0)}  p99 ${percentile(latencies, 99).toFixed(0)}  (n=${latencies.length}; target p95 < 250)`);
  const routed = events / 2; // TRIAGED + ASSIGNED per decision; only ASSIGNED makes a case-event job
  console.log(`jobs handled: ${routed} case-event + ${sent} send-email = ${((routed + sent) / drainedIn).toFixed(0)} jobs/s; ${mails - mailsAtStart} e-mails received`);

  api.child.kill('SIGTERM');
  worker.kill('SIGTERM');
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
  console.log(`Redis memory with ${JOBS} pending deadline jobs: ${((after - before) / 1024 / 1024).toFixed(1)} MiB, ${((after - before) / JOBS).toFixed(0)} bytes per job (target < 1024)`);
  await queue.close();
  await redis.quit();
  redisProc.kill('SIGTERM');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
