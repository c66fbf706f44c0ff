import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { declareHandled, dispatch } from '../../../infrastructure/queue/job-handlers.js';
import { JobSchedules } from '../../../infrastructure/queue/job-schedules.service.js';
import { JOBS, QUEUES } from '../../../infrastructure/queue/queue.registry.js';

declareHandled([JOBS.purgeIdempotencyRecords.name]);

/** Housekeeping of intake: idempotency records are only needed while a form may be re-sent. */
@Processor(QUEUES.maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly db: DataSource,
    @InjectQueue(QUEUES.maintenance) private readonly queue: Queue,
    private readonly schedules: JobSchedules,
  ) {
    super();
  }

  async onApplicationBootstrap() {
    await this.schedules.keep(
      this.queue,
      JOBS.purgeIdempotencyRecords.name,
      { every: 3600_000 },
      { name: JOBS.purgeIdempotencyRecords.name, data: { olderThanHours: 48 } },
    );
  }

  process(job: Job): Promise<unknown> {
    return dispatch(
      {
        'purge-idempotency-records': async ({ olderThanHours }) => {
          const [, count] = await this.db.query(`DELETE FROM idempotency_record WHERE created_at < now() - make_interval(hours => $1)`, [olderThanHours]);
          this.logger.log({ deleted: count }, 'purged idempotency records');
          return { deleted: count };
        },
      },
      job,
    );
  }
}
