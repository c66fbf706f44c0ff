/**
 * npm run bench:queues [-- --db concern_desk_bench_reports --runs 30 --max-seconds 30 --only <names,…>]
 *
 * Times the lists at volume: the triage queue and the case search (`GET /cases`: every sort, each
 * filter, a first and a deep page, search by case code, reporter phone and words), the leader's
 * drill-down behind a figure (`figure=received|overdue` with a period), and the agency inbox
 * (`GET /assignments`: default, overdue, a deep page), against a database filled by
 * `npm run bench:data -- --cases 200000` (it never generates data itself). Starts the compiled API
 * on that database and logs in as triage@demo.local, leader@demo.local and a user of the lead
 * agency with the most open assignments (found with SQL). Each query runs 2 times to warm up, then
 * --runs times (fewer when one query's runs take longer than --max-seconds); prints p50 / p95 / max
 * and the `total` each answered. Target: p95 < 300 ms each. A non-200 answer is reported and the run
 * goes on; the exit code is 1 when any request failed.
 */
import os from 'node:os';
import { OPEN_ASSIGNMENT_SQL } from '../../src/modules/cases/entities/assignment.entity.js';
import { arg, argString, countCases, databaseUrl, openFilledDatabase, percentile, startApi } from './bench-support.js';

const DB = argString('db', 'concern_desk_bench_reports');
const RUNS = Math.max(1, Math.floor(arg('runs', 30)));
const WARMUP = 2;
const MAX_SECONDS = arg('max-seconds', 30);
/** Only the queries whose name contains one of these (comma-separated), for a quick look at a few. */
const ONLY = argString('only', '').split(',').filter(Boolean);
const P95_MS = 300;
const DAY_MS = 86_400_000;

type Who = 'triager' | 'leader' | 'agency';

interface Query {
  name: string;
  path: string;
  as: Who;
}

interface Result {
  query: Query;
  latencies: number[];
  total: string;
  error?: string;
}

const fmtMs = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(ms < 10 ? 1 : 0) : '–');
/** A local (Vietnam) day, YYYY-MM-DD, `daysAgo` days before today. */
const vnDay = (daysAgo = 0) => new Date(Date.now() + 7 * 3600_000 - daysAgo * DAY_MS).toISOString().slice(0, 10);

function excerpt(body: string, n = 300): string {
  const s = body.replace(/\s+/g, ' ').trim();
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** What the benchmark needs from the database: the data is there, and who and what to ask for. */
async function lookUp(url: string) {
  const hint = `run \`npm run bench:data -- --cases 200000 --db ${DB}\` first (this benchmark never generates data)`;
  const db = await openFilledDatabase(url, DB, hint);
  try {
    const cases = await countCases(db, `SELECT count(*)::int AS n FROM cases`, DB, hint);
    const n = cases.rows[0].n as number;
    if (!n) throw new Error(`database ${DB} has no cases: ${hint}`);
    // The lead agency with the most open assignments, and one of its users.
    const {
      rows: [agency],
    } = await db.query(
      `SELECT o.code, count(*)::int AS open, (SELECT u.email FROM app_user u WHERE u.org_unit_id = o.id AND u.role = 'agency' ORDER BY u.email LIMIT 1) AS email
         FROM assignment a JOIN org_unit o ON o.id = a.org_unit_id
        WHERE a.role = 'LEAD' AND a.status IN ${OPEN_ASSIGNMENT_SQL}
          AND EXISTS (SELECT 1 FROM app_user u WHERE u.org_unit_id = o.id AND u.role = 'agency')
        GROUP BY o.id, o.code ORDER BY count(*) DESC LIMIT 1`,
    );
    // Something to search for: a case code from the middle, a reporter phone, two words of a case's text.
    const {
      rows: [code],
    } = await db.query(`SELECT code FROM cases ORDER BY created_at OFFSET $1 LIMIT 1`, [Math.floor(n / 2)]);
    const {
      rows: [phone],
    } = await db.query(`SELECT reporter_phone AS phone FROM concern WHERE reporter_phone IS NOT NULL ORDER BY received_at DESC OFFSET 1000 LIMIT 1`);
    const {
      rows: [channel],
    } = await db.query(`SELECT channel FROM concern GROUP BY channel ORDER BY count(*) DESC LIMIT 1`);
    return { cases: n, agency, code: code.code as string, phone: (phone?.phone as string | undefined) ?? null, channel: channel.channel as string };
  } finally {
    await db.end();
  }
}

/** A phone as a person might type it: "0912 345 678" (spaces every 3–4 digits). */
function typedPhone(phone: string): string {
  const d = phone.replace(/\D/g, '');
  return `${d.slice(0, 4)} ${d.slice(4, 7)} ${d.slice(7)}`;
}

async function main() {
  const url = databaseUrl(DB);
  const found = await lookUp(url);
  const today = vnDay();
  const year = Number(today.slice(0, 4)) - 1;
  const last30 = `from=${vnDay(29)}&to=${today}`;
  const last90 = `from=${vnDay(89)}&to=${today}`;
  const fullYear = `from=${year}-01-01&to=${year}-12-31`;
  const waiting = 'status=NEW,RETURNED,NEEDS_INFO';
  const triage = (extra = '') => `/api/v1/cases?${waiting}&sort=oldest&pageSize=20${extra ? `&${extra}` : ''}`;
  const cases = (extra: string) => `/api/v1/cases?pageSize=20&${extra}`;
  const inbox = (extra = '') => `/api/v1/assignments?pageSize=50${extra ? `&${extra}` : ''}`;
  const agencyCode = found.agency?.code as string | undefined;

  console.log(
    `Concern Desk queues benchmark — ${new Date().toISOString()}\n` +
      `database ${DB}: ${found.cases.toLocaleString('en')} cases; agency ${agencyCode ?? '–'} (${found.agency?.open ?? 0} open lead assignments, ${found.agency?.email ?? 'no user'}); ` +
      `host ${os.cpus().length} CPU, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB\n`,
  );

  const all: Query[] = [
    // The triage queue as the page asks for it: the cases waiting on the standing body, oldest first, 20 a page.
    { name: 'triage queue: default (waiting, oldest), page 1', path: triage(), as: 'triager' },
    { name: 'triage queue: page 50', path: triage('page=50'), as: 'triager' },
    { name: 'triage queue: status=NEW', path: `/api/v1/cases?status=NEW&sort=oldest&pageSize=20`, as: 'triager' },
    { name: `triage queue: channel=${found.channel}`, path: triage(`channel=${found.channel}`), as: 'triager' },
    { name: 'triage queue: category=LAND', path: triage('category=LAND'), as: 'triager' },
    { name: 'triage queue: area=X02', path: triage('area=X02'), as: 'triager' },
    { name: 'triage queue: priority=URGENT,HIGH', path: triage('priority=URGENT,HIGH'), as: 'triager' },
    { name: 'triage queue: from/to last 30 days', path: triage(last30), as: 'triager' },
    { name: 'triage queue: late=true', path: triage('late=true'), as: 'triager' },
    { name: 'triage queue: sort=newest', path: `/api/v1/cases?${waiting}&sort=newest&pageSize=20`, as: 'triager' },
    { name: 'triage queue: sort=deadline', path: `/api/v1/cases?${waiting}&sort=deadline&pageSize=20`, as: 'triager' },
    { name: 'triage queue: sort=priority', path: `/api/v1/cases?${waiting}&sort=priority&pageSize=20`, as: 'triager' },
    { name: 'triage queue: sort=affected', path: `/api/v1/cases?${waiting}&sort=affected&pageSize=20`, as: 'triager' },
    // The case search over every case (all statuses) with the filters the queue does not offer.
    { name: 'cases: all, newest, page 1', path: cases('sort=newest'), as: 'triager' },
    { name: 'cases: all, oldest, page 50', path: cases('sort=oldest&page=50'), as: 'triager' },
    { name: 'cases: all, sort=deadline', path: cases('sort=deadline'), as: 'triager' },
    { name: 'cases: all, sort=priority', path: cases('sort=priority'), as: 'triager' },
    { name: 'cases: all, sort=affected', path: cases('sort=affected'), as: 'triager' },
    { name: `cases: channel=${found.channel}`, path: cases(`sort=oldest&channel=${found.channel}`), as: 'triager' },
    ...(agencyCode
      ? [
          { name: `cases: agency=${agencyCode}`, path: cases(`sort=oldest&agency=${agencyCode}`), as: 'triager' as const },
          { name: `cases: leadAgency=${agencyCode}`, path: cases(`sort=oldest&leadAgency=${agencyCode}`), as: 'triager' as const },
        ]
      : []),
    { name: 'cases: unassigned=true', path: cases('sort=oldest&unassigned=true'), as: 'triager' },
    { name: 'cases: overdue=true', path: cases('sort=oldest&overdue=true'), as: 'triager' },
    { name: 'cases: overdue=true, page 50', path: cases('sort=oldest&overdue=true&page=50'), as: 'triager' },
    { name: 'cases: from/to last 90 days', path: cases(`sort=oldest&${last90}`), as: 'triager' },
    // Search: a code, a phone however typed, words (folded or with diacritics).
    { name: 'search: case code', path: cases(`q=${encodeURIComponent(found.code)}`), as: 'triager' },
    ...(found.phone
      ? [{ name: 'search: reporter phone (typed with spaces)', path: cases(`q=${encodeURIComponent(typedPhone(found.phone))}`), as: 'triager' as const }]
      : []),
    { name: 'search: words "bồi thường"', path: cases(`q=${encodeURIComponent('bồi thường')}`), as: 'triager' },
    { name: 'search: words "ô nhiễm" in the queue', path: triage(`q=${encodeURIComponent('ô nhiễm')}`), as: 'triager' },
    // The leader's drill-down: the cases behind a figure, as the dashboard links them (newest first).
    { name: `leader: figure=received, year ${year}`, path: cases(`figure=received&${fullYear}`), as: 'leader' },
    { name: 'leader: figure=received, last 90 days, page 50', path: cases(`figure=received&${last90}&page=50`), as: 'leader' },
    { name: `leader: figure=overdue, year ${year}`, path: cases(`figure=overdue&${fullYear}`), as: 'leader' },
    { name: 'leader: figure=overdue, last 90 days', path: cases(`figure=overdue&${last90}`), as: 'leader' },
    ...(agencyCode
      ? [
          {
            name: `leader: figure=received, leadAgency=${agencyCode}, year ${year}`,
            path: cases(`figure=received&leadAgency=${agencyCode}&${fullYear}`),
            as: 'leader' as const,
          },
        ]
      : []),
    { name: 'leader: figure=open, age=60+', path: cases('figure=open&age=60%2B'), as: 'leader' },
    // The agency inbox: default (open work, most urgent first, 50 a page), overdue, a deep page, a search.
    { name: 'agency inbox: default', path: inbox(), as: 'agency' },
    { name: 'agency inbox: overdue=true', path: inbox('overdue=true'), as: 'agency' },
    { name: 'agency inbox: page 20', path: inbox('page=20'), as: 'agency' },
    { name: 'agency inbox: sort=oldest', path: inbox('sort=oldest'), as: 'agency' },
    { name: 'agency inbox: finished too (active=false), page 20', path: inbox('active=false&page=20'), as: 'agency' },
    { name: 'agency inbox: words "bồi thường"', path: inbox(`q=${encodeURIComponent('bồi thường')}`), as: 'agency' },
    { name: 'agency: case search, newest', path: cases('sort=newest'), as: 'agency' },
  ];
  const queries = ONLY.length ? all.filter((q) => ONLY.some((o) => q.name.includes(o))) : all;

  const api = await startApi({ DATABASE_URL: url, LOG_LEVEL: 'warn' });
  let failures = 0;
  try {
    const login = async (email: string): Promise<string | undefined> => {
      const res = await fetch(`${api.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'demo-2026' }),
      });
      const body = await res.text();
      if (res.status !== 200 && res.status !== 201) {
        console.log(`login as ${email} failed: HTTP ${res.status} ${excerpt(body)}`);
        return undefined;
      }
      return (JSON.parse(body) as { accessToken?: string }).accessToken;
    };
    const tokens: Record<Who, string | undefined> = {
      triager: await login('triage@demo.local'),
      leader: await login('leader@demo.local'),
      agency: found.agency?.email ? await login(found.agency.email as string) : undefined,
    };
    console.log(`API ${api.url}; ${WARMUP} warm-up runs, then ${RUNS} timed runs per query (at most ${MAX_SECONDS} s per query); today ${today} (Vietnam)\n`);

    const results: Result[] = [];
    for (const q of queries) {
      const token = tokens[q.as];
      const r: Result = { query: q, latencies: [], total: '' };
      results.push(r);
      if (!token) {
        r.error = 'no token (login failed)';
        failures++;
        continue;
      }
      const started = performance.now();
      for (let i = 0; i < WARMUP + RUNS; i++) {
        let status: number;
        let body: string;
        const t0 = performance.now();
        try {
          const res = await fetch(`${api.url}${q.path}`, { headers: { authorization: `Bearer ${token}` } });
          status = res.status;
          body = await res.text();
        } catch (e) {
          r.error = `request failed: ${e instanceof Error ? e.message : e}`;
          break;
        }
        const ms = performance.now() - t0;
        if (status !== 200) {
          r.error = `HTTP ${status} ${excerpt(body)}`;
          break;
        }
        if (i >= WARMUP) r.latencies.push(ms);
        else {
          const b = JSON.parse(body) as { total?: number; items?: unknown[]; counts?: Record<string, number> };
          const counts = b.counts ? ` (open ${b.counts.open}, overdue ${b.counts.overdue})` : '';
          r.total = `${b.total ?? '?'}${counts}, ${b.items?.length ?? 0} items`;
        }
        if (i >= WARMUP && (performance.now() - started) / 1000 > MAX_SECONDS) break;
      }
      if (r.error) failures++;
      r.latencies.sort((a, b) => a - b);
      const p95 = percentile(r.latencies, 95);
      console.log(
        r.error
          ? `  ✗ ${q.name}: ${r.error}`
          : `  ${p95 < P95_MS ? '✓' : '✗'} ${q.name}: p50 ${fmtMs(percentile(r.latencies, 50))} ms, p95 ${fmtMs(p95)} ms, max ${fmtMs(r.latencies.at(-1) ?? NaN)} ms, total ${r.total} (${r.latencies.length} runs)`,
      );
    }

    const w = Math.max(...queries.map((q) => q.name.length));
    console.log(`\n${'query'.padEnd(w)}  as        runs   p50 ms   p95 ms   max ms  verdict  total`);
    for (const r of results) {
      const p95 = percentile(r.latencies, 95);
      const verdict = r.error ? 'ERROR' : p95 < P95_MS ? 'ok' : 'MISSED';
      console.log(
        `${r.query.name.padEnd(w)}  ${r.query.as.padEnd(8)}  ${String(r.latencies.length).padStart(4)}  ${fmtMs(percentile(r.latencies, 50)).padStart(7)}  ${fmtMs(p95).padStart(7)}  ${fmtMs(r.latencies.at(-1) ?? NaN).padStart(7)}  ${verdict.padEnd(7)}  ${r.error ? r.error.slice(0, 80) : r.total}`,
      );
    }
    const ok = results.filter((r) => !r.error && percentile(r.latencies, 95) < P95_MS).length;
    console.log(`\nsummary: ${ok}/${queries.length} queries with p95 < ${P95_MS} ms; ${failures} failed`);
  } finally {
    api.child.kill('SIGTERM');
  }
  if (failures) process.exit(1);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
