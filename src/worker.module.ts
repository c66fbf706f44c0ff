import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/index.js';
import { ConfigModule } from './infrastructure/config/config.module.js';
import { ENTITIES } from './entities.js';
import { DatabaseModule } from './infrastructure/database/database.module.js';
import { OutboxRelay } from './infrastructure/outbox/outbox-relay.service.js';
import { QueueModule } from './infrastructure/queue/queue.module.js';
import { ReconcileModule } from './infrastructure/reconcile/reconcile.module.js';
import { AttachmentsWorkerModule } from './modules/attachments/attachments.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { CasesModule } from './modules/cases/cases.module.js';
import { DeadlinesProcessor } from './modules/deadlines/jobs/deadlines.processor.js';
import { DeadlinesModule } from './modules/deadlines/deadlines.module.js';
import { MaintenanceProcessor } from './modules/intake/jobs/maintenance.processor.js';
import { CaseNoticesProcessor } from './modules/notifications/jobs/case-notices.processor.js';
import { NotificationsModule, NotificationsWorkerModule } from './modules/notifications/notifications.module.js';
import { ReportsMailModule, ReportsWorkerModule } from './modules/reports/reports.module.js';

/** One registration of the data source, shared by every role (a second one would override the first). */
const DATABASE = DatabaseModule.forRoot(ENTITIES);

/** The worker process: the outbox relay and the BullMQ processors, no HTTP. */
@Module({
  imports: [
    ConfigModule,
    DATABASE,
    QueueModule,
    ReconcileModule,
    AuditModule,
    CasesModule,
    DeadlinesModule,
    NotificationsModule,
    NotificationsWorkerModule,
    ReportsWorkerModule,
    AttachmentsWorkerModule,
  ],
  providers: [OutboxRelay, MaintenanceProcessor, CaseNoticesProcessor, DeadlinesProcessor],
})
export class WorkerModule {
  /**
   * The worker of one WORKER_ROLE: `all` is this module; `core` leaves out the reports queue (but
   * keeps the review report's attachments, which send-email builds) and the attachments' text
   * extraction; `reports` runs those two, the CPU-heavy work, without the relay, so a busy refresh
   * or a long PDF never holds outbox rows, routing jobs or e-mail.
   */
  static forRole(role: AppConfig['worker']['role']): DynamicModule {
    if (role === 'all') return { module: WorkerModule };
    const shared = [ConfigModule, DATABASE, QueueModule, ReconcileModule, AuditModule, CasesModule, DeadlinesModule, NotificationsModule];
    if (role === 'reports') return { module: ReportsRoleWorkerModule, imports: [...shared, ReportsWorkerModule, AttachmentsWorkerModule] };
    return {
      module: CoreRoleWorkerModule,
      imports: [...shared, NotificationsWorkerModule, ReportsMailModule],
      providers: [OutboxRelay, MaintenanceProcessor, CaseNoticesProcessor, DeadlinesProcessor],
    };
  }
}

@Module({})
class CoreRoleWorkerModule {}

@Module({})
class ReportsRoleWorkerModule {}
