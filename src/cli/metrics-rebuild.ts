import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ReportsModule } from '../modules/reports/reports.module.js';
import { CaseFacts } from '../modules/reports/case-facts.service.js';
import { MetricRollup } from '../modules/reports/metric-rollup.service.js';
import { ConfigModule } from '../infrastructure/config/config.module.js';
import { ENTITIES } from '../entities.js';
import { DatabaseModule } from '../infrastructure/database/database.module.js';
import { QueueModule } from '../infrastructure/queue/queue.module.js';
import { Module } from '@nestjs/common';
import { AuditModule } from '../modules/audit/audit.module.js';
import { isMain } from './is-main.js';

@Module({ imports: [ConfigModule, DatabaseModule.forRoot(ENTITIES), QueueModule, AuditModule, ReportsModule] })
class RebuildModule {}

/**
 * `npm run metrics:rebuild`: recomputes every case's row of case_fact from its timeline, then the
 * day rollup from case_fact — after a correction of the working calendar, a bulk load, or to check
 * the rollup. `-- --rollup` rebuilds the day rollup alone. Safe while the system runs: each batch
 * of facts is written in its own transaction, the worker's refresh is idempotent, and the rollup is
 * replaced in one transaction (queries see the old one until it commits).
 */
export async function rebuildMetrics(rollupOnly = process.argv.includes('--rollup')) {
  const app = await NestFactory.createApplicationContext(RebuildModule, { logger: ['error', 'warn'] });
  try {
    const started = Date.now();
    if (rollupOnly) {
      const days = await app.get(MetricRollup).rebuild();
      console.log(`day rollup rebuilt: ${days} days in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return;
    }
    let last = 0;
    const n = await app.get(CaseFacts).rebuild((done) => {
      if (done - last >= 100_000) {
        last = done;
        console.log(`  ${done} cases…`);
      }
    });
    console.log(`case facts and day rollup rebuilt: ${n} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
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
