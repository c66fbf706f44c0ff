import { Module } from '@nestjs/common';
import { ConfigModule } from './infrastructure/config/config.module.js';
import { DatabaseModule } from './infrastructure/database/database.module.js';
import { QueueModule } from './infrastructure/queue/queue.module.js';
import { MaintenanceProcessor } from './modules/intake/jobs/maintenance.processor.js';

/** The worker process: BullMQ processors only, no HTTP. */
@Module({
  imports: [ConfigModule, DatabaseModule, QueueModule],
  providers: [MaintenanceProcessor],
})
export class WorkerModule {}
