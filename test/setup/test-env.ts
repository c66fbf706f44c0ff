/**
 * The test run's environment: a fresh PostgreSQL database per run (named in a file so that
 * globalSetup, the suites and globalTeardown agree) and Redis database 15, flushed between tests.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// TEST_RUN_FILE lets two runs on one machine keep their databases apart (with TEST_REDIS_URL for Redis).
export const RUN_FILE = process.env.TEST_RUN_FILE ?? join(process.cwd(), 'node_modules', '.cache', 'concern-desk-test-db');

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

/** The attachments' disk store of this run's processes (one per run file, so two runs do not share it). */
export const TEST_STORAGE_DIR = join(tmpdir(), `concern-desk-test-storage-${createHash('sha256').update(RUN_FILE).digest('hex').slice(0, 12)}`);

export function testDatabaseUrl(): string {
  if (!existsSync(RUN_FILE)) throw new Error('No test database: run the tests through `npm test` (globalSetup creates it)');
  return readFileSync(RUN_FILE, 'utf8').trim();
}

/** The environment of the processes under test (read by their loadConfig()). */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    REDIS_URL: TEST_REDIS_URL,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_POOL_SIZE: '10',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    STORAGE_DIR: TEST_STORAGE_DIR,
    ...extra,
  };
}
