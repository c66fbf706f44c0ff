import pg from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../config/index.js';
import { dataSourceOptions } from './data-source-options.js';

/** Connection URL to the server's maintenance database, for CREATE/DROP DATABASE. */
function adminUrl(url: string): { admin: string; name: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Database name "${name}" must be letters, digits and _`);
  u.pathname = '/postgres';
  return { admin: u.toString(), name };
}

/** Creates the database named in the URL when it does not exist (a fresh machine needs no manual step). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const { admin, name } = adminUrl(url);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const { admin, name } = adminUrl(url);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Applies pending migrations, each in its own transaction; returns their names. The migrations
 * are plain SQL, so the connection needs no entities.
 */
export async function runMigrations(config: AppConfig, url = config.database.url): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(config, [], { url, poolSize: 2 }));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
