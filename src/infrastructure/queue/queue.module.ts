import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../../../config/index.js';
import { APP_CONFIG } from '../config/config.module.js';
import { JobSchedules } from './job-schedules.service.js';
import { JOB_OPTIONS, QUEUES } from './queue.registry.js';

/** BullMQ on the configured Redis; every queue of the registry is registered here once. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.redis.url, maxRetriesPerRequest: null, connectionName: 'concern-desk-queue' },
        prefix: 'cd',
        defaultJobOptions: JOB_OPTIONS.default,
      }),
    }),
    BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name }))),
  ],
  providers: [JobSchedules],
  exports: [BullModule, JobSchedules],
})
export class QueueModule {}
