import type { Pool, PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * Runs a named prepared statement: PostgreSQL parses and plans it once per connection instead
 * of on every call. For hot paths only (intake). Joins the manager's transaction when it has one.
 * Named statements do not survive a transaction-mode connection pooler (PgBouncer): connect
 * directly or in session mode.
 */
export async function queryPrepared<T>(m: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const target: Pool | PoolClient = m.queryRunner
    ? ((await m.queryRunner.connect()) as PoolClient)
    : (m.connection.driver as unknown as { master: Pool }).master;
  const result = await target.query({ name, text, values });
  return result.rows as T[];
}
