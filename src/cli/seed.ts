import 'reflect-metadata';
import { isMain } from './is-main.js';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { ENTITIES } from '../entities.js';
import { seedWorkflow } from '../seed/seed-workflow.js';
import { loadConfig } from '../../config/index.js';
import { dataSourceOptions } from '../infrastructure/database/data-source-options.js';
import { DEMO_PASSWORD, isEmpty, seedDemo, seedReference } from '../seed/seed-demo.js';

/**
 * `npm run db:seed`: loads the demo province into an empty database (refuses to mix with real
 * data). `--reference-only` loads areas, org units, categories and users without concerns;
 * `--if-empty` skips quietly when the database already has data.
 */
export async function seed({ ifEmpty = false, referenceOnly = false } = {}) {
  const config = loadConfig();
  const db = await new DataSource(dataSourceOptions(config, ENTITIES, { poolSize: 2 })).initialize();
  try {
    if (!(await isEmpty(db))) {
      const message = 'database already has data: demo data not loaded';
      if (ifEmpty) return console.log(message);
      throw new Error(message);
    }
    if (referenceOnly) {
      const ids = await db.transaction((m) => seedReference(m));
      return console.log(`reference data loaded: ${ids.unit.size} org units, ${ids.user.size} users (password ${DEMO_PASSWORD})`);
    }
    const { users, concerns } = await seedDemo(db);
    // Some cases move along the workflow through the application's own services.
    const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
    const moved = await seedWorkflow(app).finally(() => app.close());
    console.log(`demo data loaded: ${users} users (password ${DEMO_PASSWORD}), ${concerns} concerns, ${moved} cases moved along the workflow`);
  } finally {
    await db.destroy();
  }
}

if (isMain(import.meta.url)) {
  seed({ referenceOnly: process.argv.includes('--reference-only'), ifEmpty: process.argv.includes('--if-empty') }).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
