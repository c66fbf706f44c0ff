import { DataSource } from 'typeorm';
import { loadConfig } from '../config/index.js';
import { ENTITIES } from '../src/entities.js';
import { dataSourceOptions } from '../src/infrastructure/database/data-source-options.js';
import { testDatabaseUrl } from './setup/test-env.js';

describe('database schema', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await new DataSource(dataSourceOptions(loadConfig({ NODE_ENV: 'test' }), ENTITIES, { url: testDatabaseUrl(), poolSize: 2 })).initialize();
  });
  afterAll(() => db.destroy());

  it('matches the entities exactly: the migrations leave nothing for TypeORM to change', async () => {
    const sql = await db.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('has applied every migration in migrations/', async () => {
    expect(await db.showMigrations()).toBe(false);
  });

  it('refuses to update, delete or truncate case events, audit rows and access-log rows (append-only)', async () => {
    const [c] = await db.query(`INSERT INTO cases (code, title, area_id) SELECT 'VV-TEST-1', 'test', id FROM area WHERE code = 'X01' RETURNING id`);
    await db.query(`INSERT INTO case_event (case_id, type, to_status) VALUES ($1, 'CREATED', 'NEW')`, [c.id]);
    await db.query(`INSERT INTO audit_log (action, entity_type, entity_id) VALUES ('TEST', 'test', '1')`);
    await db.query(`INSERT INTO access_log (user_id, role, case_id, action) VALUES (gen_random_uuid(), 'leader', $1, 'CASE_READ')`, [c.id]);
    for (const table of ['case_event', 'audit_log', 'access_log']) {
      await expect(db.query(`UPDATE ${table} SET occurred_at = now()`)).rejects.toThrow(`${table} is append-only: UPDATE refused`);
      await expect(db.query(`DELETE FROM ${table}`)).rejects.toThrow(`${table} is append-only: DELETE refused`);
      await expect(db.query(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(`${table} is append-only: TRUNCATE refused`);
    }
    // Emptying them through a table they depend on is refused as well.
    await expect(db.query(`TRUNCATE cases CASCADE`)).rejects.toThrow(`case_event is append-only: TRUNCATE refused`);
    await db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`TRUNCATE case_event, audit_log, access_log, cases CASCADE`);
    });
  });

  it('backs enums with constraints', async () => {
    await expect(db.query(`INSERT INTO area (code, level, name_vi, name_en) VALUES ('ZZ', 'GALAXY', 'x', 'x')`)).rejects.toThrow(/ck_area_level/);
  });
});
