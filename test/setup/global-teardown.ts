import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

// Jest loads global setup/teardown without its module mapper, so these import nothing of ours;
// keep RUN_FILE and PG_BASE equal to test-env.ts.
const RUN_FILE = process.env.TEST_RUN_FILE ?? join(process.cwd(), 'node_modules', '.cache', 'concern-desk-test-db');
const PG_BASE = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

export default async function globalTeardown() {
  if (process.env.KEEP_TEST_DB || !existsSync(RUN_FILE)) return;
  const name = new URL(readFileSync(RUN_FILE, 'utf8').trim()).pathname.slice(1);
  const client = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
  rmSync(RUN_FILE, { force: true });
}
