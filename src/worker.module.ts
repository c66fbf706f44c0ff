import { Module } from '@nestjs/common';
import { ConfigModule } from './infrastructure/config/config.module.js';
import { ENTITIES } from './entities.js';
import { DatabaseModule } from './infrastructure/database/database.module.js';
import { OutboxRelay } from './infrastructure/outbox/outbox-relay.service.js';
import { QueueModule } from './infrastructure/queue/queue.module.js';
import { ReconcileModule } from './infrastructure/reconcile/reconcile.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { CasesModule } from './modules/cases/cases.module.js';
import { DeadlinesProcessor } from './modules/deadlines/jobs/deadlines.processor.js';
import { DeadlinesModule } from './modules/deadlines/deadlines.module.js';
import { MaintenanceProcessor } from './modules/intake/jobs/maintenance.processor.js';
import { CaseNoticesProcessor } from './modules/notifications/jobs/case-notices.processor.js';
import { NotificationsModule, NotificationsWorkerModule } from './modules/notifications/notifications.module.js';
import { ReportsWorkerModule } from './modules/reports/reports.module.js';

/** The worker process: the outbox relay and the BullMQ processors, no HTTP. */
@Module({
  imports: [ConfigModule, DatabaseModule.forRoot(ENTITIES), QueueModule, ReconcileModule, AuditModule, CasesModule, DeadlinesModule, NotificationsModule, NotificationsWorkerModule, ReportsWorkerModule],
  providers: [OutboxRelay, MaintenanceProcessor, CaseNoticesProcessor, DeadlinesProcessor],
})
export class WorkerModule {}
