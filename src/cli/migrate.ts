import 'reflect-metadata';
import { isMain } from './is-main.js';
import { loadConfig } from '../../config/index.js';
import { ensureDatabase, runMigrations } from '../infrastructure/database/database-admin.js';

/** `npm run db:migrate`: creates the database if needed, then applies pending migrations. */
export async function migrate() {
  const config = loadConfig();
  if (await ensureDatabase(config.database.url)) console.log(`created database ${new URL(config.database.url).pathname.slice(1)}`);
  const applied = await runMigrations(config);
  console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
}

if (isMain(import.meta.url)) {
  migrate().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
