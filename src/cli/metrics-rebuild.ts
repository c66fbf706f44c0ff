import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ReportsModule } from '../modules/reports/reports.module.js';
import { CaseFacts } from '../modules/reports/case-facts.service.js';
import { ConfigModule } from '../infrastructure/config/config.module.js';
import { DatabaseModule } from '../infrastructure/database/database.module.js';
import { QueueModule } from '../infrastructure/queue/queue.module.js';
import { Module } from '@nestjs/common';
import { AuditModule } from '../modules/audit/audit.module.js';
import { isMain } from './is-main.js';

@Module({ imports: [ConfigModule, DatabaseModule, QueueModule, AuditModule, ReportsModule] })
class RebuildModule {}

/**
 * `npm run metrics:rebuild`: recomputes every case's row of case_fact from its timeline — after
 * a correction of the working calendar, a bulk load, or to check the rollup. Safe while the
 * system runs: each batch is written in its own transaction and the worker's refresh is idempotent.
 */
export async function rebuildMetrics() {
  const app = await NestFactory.createApplicationContext(RebuildModule, { logger: ['error', 'warn'] });
  try {
    const started = Date.now();
    let last = 0;
    const n = await app.get(CaseFacts).rebuild((done) => {
      if (done - last >= 100_000) {
        last = done;
        console.log(`  ${done} cases…`);
      }
    });
    console.log(`case facts rebuilt: ${n} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await app.close();
  }
}

if (isMain(import.meta.url)) {
  rebuildMetrics().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
