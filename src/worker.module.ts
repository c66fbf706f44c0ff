import { Module } from '@nestjs/common';
import { ConfigModule } from './infrastructure/config/config.module';
import { DatabaseModule } from './infrastructure/database/database.module';
import { QueueModule } from './infrastructure/queue/queue.module';
import { MaintenanceProcessor } from './modules/intake/jobs/maintenance.processor';

/** The worker process: BullMQ processors only, no HTTP. */
@Module({
  imports: [ConfigModule, DatabaseModule, QueueModule],
  providers: [MaintenanceProcessor],
})
export class WorkerModule {}
