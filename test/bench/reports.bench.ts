/**
 * npm run bench:reports [-- --db concern_desk_bench_reports --runs 30 --max-seconds 30]
 *
 * Times the leader dashboard queries and the periodic review report against a database filled by
 * `npm run bench:data` (it never generates data itself, and stops with a clear message when there
 * are no cases). Starts the compiled API on that database, logs in as leader@demo.local, and runs
 * each dashboard query 2 times to warm up and then --runs times (fewer when one query's runs take
 * longer than --max-seconds), printing p50 / p95 / max latency and the number of rows answered;
 * a few queries run as an agency user (nnmt@demo.local) for the agency-scoped path. Then builds
 * one year's review report in each format once. Targets at 1M cases: each dashboard query
 * p95 < 300 ms, a year's report < 10 s. A non-200 answer is reported (status and the start of the
 * body) and the run goes on; the exit code is 1 when any request failed.
 */
import os from 'node:os';
import { arg, argString, countCases, databaseUrl, openFilledDatabase, percentile, startApi } from './bench-support.js';

const DB = argString('db', 'concern_desk_bench_reports');
const RUNS = Math.max(1, Math.floor(arg('runs', 30)));
const WARMUP = 2;
const MAX_SECONDS = arg('max-seconds', 30);
const DASHBOARD_P95_MS = 300;
const REPORT_S = 10;

interface Query {
  name: string;
  path: string;
  as: 'leader' | 'agency';
}

interface Timed {
  status: number;
  ms: number;
  body: Buffer;
  type: string;
}

interface Result {
  query: Query;
  latencies: number[];
  rows: string;
  error?: string;
}

const fmtMs = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(ms < 10 ? 1 : 0) : '–');
const DAY_MS = 86_400_000;
/** A local (Vietnam) day, YYYY-MM-DD, `daysAgo` days before today. */
const vnDay = (daysAgo = 0) => new Date(Date.now() + 7 * 3600_000 - daysAgo * DAY_MS).toISOString().slice(0, 10);

function excerpt(body: Buffer, n = 300): string {
  const s = body.toString('utf8').replace(/\s+/g, ' ').trim();
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** How many rows an answer holds: `rows`, `items`, or the first array in it (plus totals when present). */
function rowCount(t: Timed): string {
  if (!t.type.includes('json')) return '';
  try {
    const body = JSON.parse(t.body.toString('utf8')) as unknown;
    if (Array.isArray(body)) return String(body.length);
    if (body && typeof body === 'object') {
      const o = body as Record<string, unknown>;
      const list = ['rows', 'items', 'groups'].map((k) => o[k]).find(Array.isArray) ?? Object.values(o).find(Array.isArray);
      if (Array.isArray(list)) return list.length === 0 && o.totals ? 'totals' : String(list.length);
      return '1';
    }
  } catch {
    return '?';
  }
  return '';
}

async function timed(url: string, token: string): Promise<Timed> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, ms: performance.now() - t0, body, type: res.headers.get('content-type') ?? '' };
}

/** Fails with a message telling what to do when the database has no generated cases. */
async function checkDatabase(url: string) {
  const hint = `run \`npm run bench:data -- --db ${DB}\` first (this benchmark never generates data)`;
  const db = await openFilledDatabase(url, DB, hint);
  try {
    const cases = await countCases(db, `SELECT count(*)::int AS n, min(created_at) AS first FROM cases`, DB, hint);
    const { n, first } = cases.rows[0];
    if (!n) throw new Error(`database ${DB} has no cases: ${hint}`);
    const facts = await db.query(`SELECT count(*)::int AS n FROM case_fact`).then(
      (r) => r.rows[0].n as number,
      () => -1,
    );
    const [{ size, events }] = (
      await db.query(
        `SELECT pg_size_pretty(pg_database_size(current_database())) AS size, (SELECT reltuples::bigint FROM pg_class WHERE relname = 'case_event') AS events`,
      )
    ).rows;
    return { cases: n as number, first: first as Date, facts, size: size as string, events: Number(events) };
  } finally {
    await db.end();
  }
}

async function main() {
  const url = databaseUrl(DB);
  const info = await checkDatabase(url);
  console.log(
    `machine: ${os.cpus().length} cores, node ${process.version}; database ${DB}: ${info.cases.toLocaleString('en-US')} cases, ~${info.events.toLocaleString('en-US')} events, ${info.size}`,
  );
  if (info.facts === 0)
    console.log(
      'note: case_fact is empty — the metrics rollup was not built (bench:data runs dist/src/cli/metrics-rebuild.js when it exists); figures will be empty',
    );
  if (info.facts > 0 && info.facts < info.cases * 0.5) console.log(`note: case_fact has ${info.facts} rows for ${info.cases} cases — the rollup looks behind`);

  // Periods: today in Vietnam time; the last complete year the data covers (else this year so far).
  const today = vnDay();
  const thisYear = Number(today.slice(0, 4));
  const firstDay = new Date(info.first.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const year = firstDay <= `${thisYear - 1}-01-01` ? thisYear - 1 : thisYear;
  const last12 = `from=${vnDay(364)}&to=${today}`;
  const last90 = `from=${vnDay(89)}&to=${today}`;
  const fullYear = `from=${year}-01-01&to=${year}-12-31`;
  const allTime = `from=${firstDay}&to=${today}`;
  const rt = (q: string) => `/api/v1/metrics/resolution-times?${q}`;
  const queries: Query[] = [
    { name: 'resolution-times by agency, last 12 months', path: rt(`groupBy=agency&${last12}`), as: 'leader' },
    { name: 'resolution-times by category, last 12 months', path: rt(`groupBy=category&${last12}`), as: 'leader' },
    { name: 'resolution-times by area, last 90 days', path: rt(`groupBy=area&${last90}`), as: 'leader' },
    { name: `resolution-times by channel, year ${year}`, path: rt(`groupBy=channel&${fullYear}`), as: 'leader' },
    { name: 'resolution-times by priority, last 90 days', path: rt(`groupBy=priority&${last90}`), as: 'leader' },
    { name: 'resolution-times by month, all time', path: rt(`groupBy=month&${allTime}`), as: 'leader' },
    { name: 'resolution-times by week, last 12 months', path: rt(`groupBy=week&${last12}`), as: 'leader' },
    { name: 'resolution-times by quarter, all time', path: rt(`groupBy=quarter&${allTime}`), as: 'leader' },
    { name: 'resolution-times by year, all time', path: rt(`groupBy=year&${allTime}`), as: 'leader' },
    { name: 'resolution-times totals, last 12 months', path: rt(last12), as: 'leader' },
    { name: 'resolution-times by agency × month, last 12 months', path: rt(`groupBy=agency,month&${last12}`), as: 'leader' },
    { name: `resolution-times by category × area, year ${year}`, path: rt(`groupBy=category,area&${fullYear}`), as: 'leader' },
    { name: 'resolution-times by month, agency=NNMT, last 12 months', path: rt(`groupBy=month&agency=NNMT&${last12}`), as: 'leader' },
    { name: `resolution-times by agency, category=LAND, year ${year}`, path: rt(`groupBy=agency&category=LAND&${fullYear}`), as: 'leader' },
    { name: 'resolution-times by week, area=X02, last 90 days', path: rt(`groupBy=week&area=X02&${last90}`), as: 'leader' },
    { name: 'resolution-times by month, priority=URGENT, all time', path: rt(`groupBy=month&priority=URGENT&${allTime}`), as: 'leader' },
    { name: 'resolution-times by agency, channel=PETITION, 12 months', path: rt(`groupBy=agency&channel=PETITION&${last12}`), as: 'leader' },
    { name: 'agency-ranking, last 12 months', path: `/api/v1/metrics/agency-ranking?${last12}`, as: 'leader' },
    { name: `agency-ranking, category=LAND, year ${year}`, path: `/api/v1/metrics/agency-ranking?category=LAND&${fullYear}`, as: 'leader' },
    { name: 'agency-ranking as an agency, last 90 days', path: `/api/v1/metrics/agency-ranking?${last90}`, as: 'agency' },
    { name: 'open-cases totals', path: '/api/v1/metrics/open-cases', as: 'leader' },
    { name: 'open-cases by agency', path: '/api/v1/metrics/open-cases?groupBy=agency', as: 'leader' },
    { name: 'open-cases by category', path: '/api/v1/metrics/open-cases?groupBy=category', as: 'leader' },
    { name: 'open-cases by area', path: '/api/v1/metrics/open-cases?groupBy=area', as: 'leader' },
    { name: 'open-cases by priority', path: '/api/v1/metrics/open-cases?groupBy=priority', as: 'leader' },
    { name: 'open-cases by agency, category=LAND', path: '/api/v1/metrics/open-cases?groupBy=agency&category=LAND', as: 'leader' },
    { name: 'hotspots (active)', path: '/api/v1/hotspots', as: 'leader' },
    { name: 'hotspots (all)', path: '/api/v1/hotspots?status=ALL', as: 'leader' },
    { name: 'agency NNMT: resolution-times by month, 12 months', path: rt(`groupBy=month&${last12}`), as: 'agency' },
    { name: `agency NNMT: resolution-times by category, ${year}`, path: rt(`groupBy=category&${fullYear}`), as: 'agency' },
    { name: 'agency NNMT: open-cases by category', path: '/api/v1/metrics/open-cases?groupBy=category', as: 'agency' },
  ];

  const api = await startApi({ DATABASE_URL: url, LOG_LEVEL: 'warn' });
  let failures = 0;
  try {
    const login = async (email: string, base = api.url): Promise<string | undefined> => {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'demo-2026' }),
      });
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200 && res.status !== 201) {
        console.log(`login as ${email} failed: HTTP ${res.status} ${excerpt(body)}`);
        return undefined;
      }
      return (JSON.parse(body.toString('utf8')) as { accessToken?: string }).accessToken;
    };
    const leader = await login('leader@demo.local');
    if (!leader) throw new Error('cannot log in as leader@demo.local (is this a bench:data database with the demo reference data?)');
    const agency = await login('nnmt@demo.local');

    console.log(
      `API ${api.url}; ${WARMUP} warm-up runs, then ${RUNS} timed runs per query (at most ${MAX_SECONDS} s per query); periods up to ${today} (Vietnam), full year ${year}\n`,
    );
    const results: Result[] = [];
    for (const q of queries) {
      const token = q.as === 'leader' ? leader : agency;
      const r: Result = { query: q, latencies: [], rows: '' };
      results.push(r);
      if (!token) {
        r.error = 'no token (login failed)';
        failures++;
        continue;
      }
      const started = performance.now();
      for (let i = 0; i < WARMUP + RUNS; i++) {
        let t: Timed;
        try {
          t = await timed(`${api.url}${q.path}`, token);
        } catch (e) {
          r.error = `request failed: ${e instanceof Error ? e.message : e}`;
          break;
        }
        if (t.status !== 200) {
          r.error = `HTTP ${t.status} ${excerpt(t.body)}`;
          break;
        }
        if (i >= WARMUP) r.latencies.push(t.ms);
        else r.rows = rowCount(t);
        if (i >= WARMUP && (performance.now() - started) / 1000 > MAX_SECONDS) break;
      }
      if (r.error) failures++;
      r.latencies.sort((a, b) => a - b);
      const p95 = percentile(r.latencies, 95);
      console.log(
        r.error
          ? `  ✗ ${q.name}: ${r.error}`
          : `  ${p95 < DASHBOARD_P95_MS ? '✓' : '✗'} ${q.name}: p50 ${fmtMs(percentile(r.latencies, 50))} ms, p95 ${fmtMs(p95)} ms, max ${fmtMs(r.latencies.at(-1) ?? NaN)} ms, rows: ${r.rows} (${r.latencies.length} runs)`,
      );
    }

    const hotspots = results.find((r) => r.query.path === '/api/v1/hotspots?status=ALL');
    if (hotspots && hotspots.rows === '0') {
      console.log(
        "  note: the hotspot table is empty — only the worker's scan fills it (bench:data does not run the worker), so the hotspot queries time an empty list",
      );
    }

    // One year's review report in each format: one cold-ish request each (the report is built anew).
    console.log(`\nreview report for ${year}:`);
    const reports: Array<{ format: string; s: number; bytes: number; error?: string }> = [];
    for (const format of ['json', 'docx', 'xlsx', 'csv', 'pdf']) {
      let t: Timed | undefined;
      let error: string | undefined;
      try {
        t = await timed(`${api.url}/api/v1/reports/review?period=${year}&format=${format}`, leader);
        if (t.status !== 200) error = `HTTP ${t.status} ${excerpt(t.body)}`;
      } catch (e) {
        error = `request failed: ${e instanceof Error ? e.message : e}`;
      }
      if (error) failures++;
      reports.push({ format, s: t ? t.ms / 1000 : NaN, bytes: t?.body.length ?? 0, error });
      console.log(
        error
          ? `  ✗ ${format}: ${error}`
          : `  ${t!.ms / 1000 < REPORT_S ? '✓' : '✗'} ${format}: ${(t!.ms / 1000).toFixed(2)} s, ${(t!.body.length / 1024).toFixed(0)} KB (${t!.type.split(';')[0]})`,
      );
    }

    // How close the rollup's estimated percentiles are: the same queries on an API that sorts every duration.
    const accuracy = await compareWithExact(
      queries.filter((q) => q.as === 'leader' && q.path.includes('resolution-times')),
      api.url,
      leader,
      url,
      (base) => login('leader@demo.local', base),
    );

    // The final table.
    const w = Math.max(...queries.map((q) => q.name.length));
    console.log(`\n${'query'.padEnd(w)}  runs   p50 ms   p95 ms   max ms    rows  target p95 < ${DASHBOARD_P95_MS} ms`);
    for (const r of results) {
      const p95 = percentile(r.latencies, 95);
      const verdict = r.error ? `ERROR ${r.error.slice(0, 60)}` : p95 < DASHBOARD_P95_MS ? 'ok' : 'MISSED';
      console.log(
        `${r.query.name.padEnd(w)}  ${String(r.latencies.length).padStart(4)}  ${fmtMs(percentile(r.latencies, 50)).padStart(7)}  ${fmtMs(p95).padStart(7)}  ${fmtMs(r.latencies.at(-1) ?? NaN).padStart(7)}  ${r.rows.padStart(6)}  ${verdict}`,
      );
    }
    for (const r of reports) {
      const verdict = r.error ? `ERROR ${r.error.slice(0, 60)}` : r.s < REPORT_S ? 'ok' : 'MISSED';
      console.log(
        `${`review report ${year}, ${r.format}`.padEnd(w)}     1  ${`${r.s.toFixed(2)} s`.padStart(25)}  ${`${(r.bytes / 1024).toFixed(0)}KB`.padStart(7)}  target < ${REPORT_S} s: ${verdict}`,
      );
    }
    const timedOk = results.filter((r) => !r.error);
    const missed = timedOk.filter((r) => percentile(r.latencies, 95) >= DASHBOARD_P95_MS).length;
    const slowReports = reports.filter((r) => !r.error && r.s >= REPORT_S).length;
    if (accuracy) {
      console.log(
        `\npercentiles: ${accuracy.estimated} of ${accuracy.compared} answers estimated from the rollup; largest difference from the exact value beyond the rounding to 0.01 h ` +
          `${(accuracy.worst * 100).toFixed(2)} % (${accuracy.where}); the exact answers took p50 ${fmtMs(accuracy.exactP50)} ms`,
      );
    }
    console.log(
      `\nsummary: ${timedOk.length - missed}/${queries.length} dashboard queries with p95 < ${DASHBOARD_P95_MS} ms; ` +
        `${reports.filter((r) => !r.error).length - slowReports}/${reports.length} report formats < ${REPORT_S} s; ${failures} failed requests`,
    );
  } finally {
    api.child.kill('SIGTERM');
  }
  if (failures) process.exit(1);
}

/**
 * Runs each query once more against a second API whose METRICS_EXACT_MAX is out of reach (every
 * percentile sorted from case_fact) and compares medians and 90th percentiles with the first API's
 * answers: the largest relative difference, where it was, and how long the exact answers took.
 */
async function compareWithExact(queries: Query[], apiUrl: string, token: string, url: string, login: (base: string) => Promise<string | undefined>) {
  const exactApi = await startApi({ DATABASE_URL: url, LOG_LEVEL: 'warn', METRICS_EXACT_MAX: '10000000' });
  try {
    const exactToken = await login(exactApi.url);
    if (!exactToken) return null;
    let [compared, estimated, worst, where] = [0, 0, 0, '–'];
    const times: number[] = [];
    for (const q of queries) {
      const a = JSON.parse((await timed(`${apiUrl}${q.path}`, token)).body.toString('utf8'));
      const b = await timed(`${exactApi.url}${q.path}`, exactToken);
      times.push(b.ms);
      const x = JSON.parse(b.body.toString('utf8'));
      compared++;
      if (a.percentiles === 'estimated') estimated++;
      const pairs: Array<[any, any, string]> = [
        [a.totals, x.totals, 'totals'],
        ...a.rows.map((r: any, i: number) => [r, x.rows[i], r.label] as [any, any, string]),
      ];
      for (const [e, t, label] of pairs) {
        for (const measure of ['acknowledge', 'resolve']) {
          for (const time of ['calendarHours', 'workingHours']) {
            for (const p of ['median', 'p90']) {
              const [got, want] = [e?.[measure]?.[time]?.[p], t?.[measure]?.[time]?.[p]];
              if (typeof got !== 'number' || typeof want !== 'number' || want < 0.1) continue;
              // Both answers are rounded to 0.01 h: what is beyond that rounding.
              const diff = Math.max(0, Math.abs(got - want) - 0.01) / want;
              if (diff > worst) [worst, where] = [diff, `${q.name}: ${label}, ${measure} ${time} ${p} ${got} h vs ${want} h`];
            }
          }
        }
      }
    }
    times.sort((m, n) => m - n);
    return { compared, estimated, worst, where, exactP50: percentile(times, 50) };
  } finally {
    exactApi.child.kill('SIGTERM');
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
