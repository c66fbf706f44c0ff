import { execFileSync, spawn, ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
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
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('API did not start');
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
