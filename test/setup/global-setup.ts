import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';

// Jest loads global setup/teardown without its module mapper, so these import nothing of ours;
// keep RUN_FILE and PG_BASE equal to test-env.ts.
const ROOT = process.cwd();
const RUN_FILE = process.env.TEST_RUN_FILE ?? join(ROOT, 'node_modules', '.cache', 'concern-desk-test-db');
const PG_BASE = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

/**
 * Creates this run's own database, then applies the migrations and loads the demo reference
 * data (areas, org units, categories, users) with the same compiled commands a user runs.
 */
export default async function globalSetup() {
  if (!existsSync(join(ROOT, 'dist', 'src', 'main.js'))) throw new Error('Build first: npm test runs `npm run build` before jest');
  const name = `concern_desk_test_${Date.now()}_${process.pid}`;
  const client = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  // Runs that were killed leave their database behind: drop those older than six hours.
  const stale = await client.query(`SELECT datname FROM pg_database WHERE datname ~ '^concern_desk_test_[0-9]+_[0-9]+$'`);
  for (const { datname } of stale.rows as Array<{ datname: string }>) {
    if (Number(datname.split('_')[3]) < Date.now() - 6 * 3600_000) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await client.end();
  const url = `${PG_BASE}/${name}`;
  mkdirSync(dirname(RUN_FILE), { recursive: true });
  writeFileSync(RUN_FILE, url);
  const env = { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' };
  execFileSync(process.execPath, ['dist/src/cli/migrate.js'], { env, stdio: 'pipe' });
  execFileSync(process.execPath, ['dist/src/cli/seed.js', '--reference-only'], { env, stdio: 'pipe' });
}
