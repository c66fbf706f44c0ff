import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ADMIN_BASIC } from '../helpers/admin.js';
import pg from 'pg';

/** Shared plumbing of the benchmark scripts: a throwaway database, the compiled API, percentiles. */

export const ROOT = join(import.meta.dirname, '..', '..', '..');

/** The API's Node flags, as `npm run start:api` runs it (override with BENCH_API_NODE_FLAGS). */
const API_NODE_FLAGS = '--max-semi-space-size=64';

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** A string option (`--name value`), or the fallback when absent. */
export function argString(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? process.argv[i + 1] : undefined;
  return v !== undefined && !v.startsWith('--') ? v : fallback;
}

/** True when the bare flag `--name` is on the command line. */
export function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/**
 * URL of a database on the benchmark's server: TCP to 127.0.0.1 by default, or PostgreSQL's Unix
 * socket with `--socket DIR` (cheaper per round-trip when the API and the database share a host).
 */
export function databaseUrl(name: string): string {
  const i = process.argv.indexOf('--socket');
  if (i > 0) return `postgres://postgres@localhost/${name}?host=${encodeURIComponent(process.argv[i + 1] ?? '/var/run/postgresql')}`;
  return `${process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432'}/${name}`;
}

/**
 * Connects to a database filled by `npm run bench:data`, or fails with what to do (`hint`) when it
 * is missing; `countCases` then reads the cases as `sql` asks, telling a database without them apart.
 */
export async function openFilledDatabase(url: string, name: string, hint: string): Promise<pg.Client> {
  const db = new pg.Client({ connectionString: url });
  try {
    await db.connect();
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new Error(code === '3D000' ? `database ${name} does not exist: ${hint}` : `cannot connect to ${name} (${e instanceof Error ? e.message : e})`, {
      cause: e,
    });
  }
  return db;
}

export function countCases(db: pg.Client, sql: string, name: string, hint: string) {
  return db.query(sql).catch((e: { code?: string }) => {
    if (e.code === '42P01') throw new Error(`database ${name} has no cases table (not a Concern Desk database?): ${hint}`);
    throw e;
  });
}

/** A fresh database with the schema and the demo reference data (no concerns). */
export async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = databaseUrl(name);
  const env = { ...process.env, DATABASE_URL: url };
  execFileSync(process.execPath, [join(ROOT, 'dist/src/cli/migrate.js')], { env, stdio: 'ignore' });
  execFileSync(process.execPath, [join(ROOT, 'dist/src/cli/seed.js'), '--reference-only'], { env, stdio: 'ignore' });
  return url;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

export async function startApi(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(process.env.BENCH_API_NODE_FLAGS ?? API_NODE_FLAGS).split(' ').filter(Boolean), join(ROOT, 'dist/src/main.js')], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('API did not start');
}

/** A Redis server of the benchmark's own (nothing saved), on `port`: no other run's jobs or keys in it. */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const { Redis } = await import('ioredis');
  const r = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  for (let i = 0; i < 100; i++) {
    if (
      await r.connect().then(
        () => true,
        () => false,
      )
    )
      break;
    await new Promise((res) => setTimeout(res, 100));
  }
  r.disconnect();
  return child;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface RunResult {
  ops: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

/** Runs `op` from `clients` concurrent loops for `seconds`, recording each latency. */
export async function closedLoop(clients: number, seconds: number, op: (i: number) => Promise<boolean>): Promise<RunResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let n = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const ok = await op(n++).catch(() => false);
        latenciesMs.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  return { ops: latenciesMs.length, errors, seconds: (performance.now() - started) / 1000, latenciesMs: latenciesMs.sort((a, b) => a - b) };
}

export function summary(r: RunResult) {
  return {
    perSecond: Math.round((r.ops - r.errors) / r.seconds),
    p50: +percentile(r.latenciesMs, 50).toFixed(1),
    p95: +percentile(r.latenciesMs, 95).toFixed(1),
    p99: +percentile(r.latenciesMs, 99).toFixed(1),
    errors: r.errors,
    total: r.ops,
  };
}

/** When each job of a queue was added, became active and finished (epoch ms, from the queue's event stream). */
export interface JobStamps {
  name?: string;
  added?: number;
  active?: number;
  done?: number;
}

/**
 * Follows BullMQ's event streams (`<prefix>:<queue>:events`) from now on: every entry's id is the
 * Redis server's clock in ms, so `added` → `active` → `completed` give each job's wait in the
 * queue and its run, without keeping the jobs themselves (completed jobs are trimmed to 1,000).
 * Read every 200 ms, well before the stream's own trimming (10,000 entries) drops anything.
 */
export function followQueueEvents(redisUrl: string, queues: string[], prefix = 'cd') {
  const jobs = new Map<string, Map<string, JobStamps>>(queues.map((q) => [q, new Map()]));
  const last = new Map(queues.map((q) => [q, '$']));
  let stopped = false;
  const loop = (async () => {
    const { Redis } = await import('ioredis');
    const redis = new Redis(redisUrl);
    try {
      // '$' is "from now": resolve it to the stream's current last id first.
      for (const q of queues) {
        const info = (await redis.xrevrange(`${prefix}:${q}:events`, '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
        last.set(q, info[0]?.[0] ?? '0-0');
      }
      while (!stopped) {
        for (const q of queues) {
          const entries = (await redis.xrange(`${prefix}:${q}:events`, `(${last.get(q)}`, '+', 'COUNT', 5000)) as Array<[string, string[]]>;
          for (const [id, fields] of entries) {
            last.set(q, id);
            const f: Record<string, string> = {};
            for (let i = 0; i < fields.length; i += 2) f[fields[i]] = fields[i + 1];
            if (!f.jobId) continue;
            const at = Number(id.split('-')[0]);
            const m = jobs.get(q)!;
            const s = m.get(f.jobId) ?? (m.set(f.jobId, {}), m.get(f.jobId)!);
            if (f.event === 'added') {
              s.added ??= at;
              s.name = f.name;
            } else if (f.event === 'active') s.active ??= at;
            else if (f.event === 'completed' || f.event === 'failed') s.done ??= at;
          }
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      redis.disconnect();
    }
  })();
  return {
    jobs,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** Samples from a Prometheus text page: `name{labels}` → value. */
export async function scrape(url: string): Promise<Map<string, number>> {
  // A page that does not come is no figure, not a stuck benchmark.
  // The API's /metrics takes an admin's Basic credentials (the worker's port ignores them).
  const text = await fetch(url, { headers: ADMIN_BASIC, signal: AbortSignal.timeout(5_000) }).then(
    (r) => r.text(),
    () => '',
  );
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    out.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return out;
}

/**
 * Samples pg_stat_activity of one database every `everyMs`: how often its active sessions were
 * waiting, on what (wait_event_type:wait_event), and the longest-running statements seen.
 */
export function sampleDatabase(url: string, database: string, everyMs = 100) {
  const waits = new Map<string, number>();
  const longest: Array<{ ms: number; app: string; query: string }> = [];
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    const db = new pg.Client({ connectionString: url, application_name: 'bench-sampler' });
    await db.connect();
    try {
      while (!stopped) {
        const { rows } = await db.query(
          `SELECT application_name AS app, coalesce(wait_event_type || ':' || wait_event, 'CPU')
                  || coalesce((SELECT ' (' || l.locktype || coalesce(' ' || l.relation::regclass::text, '') || ' ' || l.mode || ')'
                                 FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted LIMIT 1), '') AS wait, state,
                  extract(epoch FROM clock_timestamp() - query_start) * 1000 AS ms, left(query, 160) AS query
             FROM pg_stat_activity a WHERE datname = $1 AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')`,
          [database],
        );
        samples++;
        for (const r of rows) {
          if (r.wait === 'Client:ClientRead' && r.state === 'active') continue;
          const k = `${r.state === 'active' ? '' : 'idle in tx '}${r.wait}`;
          waits.set(k, (waits.get(k) ?? 0) + 1);
          if (r.state === 'active' && r.ms > 50 && !/LISTEN|pg_sleep/.test(r.query))
            longest.push({ ms: Math.round(r.ms), app: r.app, query: r.query.replace(/\s+/g, ' ') });
        }
        await new Promise((r) => setTimeout(r, everyMs));
      }
    } finally {
      await db.end();
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      const byQuery = new Map<string, { ms: number; app: string; query: string }>();
      for (const l of longest) if ((byQuery.get(l.query)?.ms ?? 0) < l.ms) byQuery.set(l.query, l);
      return { samples, waits: [...waits].sort((a, b) => b[1] - a[1]), longest: [...byQuery.values()].sort((a, b) => b.ms - a.ms).slice(0, 5) };
    },
  };
}
