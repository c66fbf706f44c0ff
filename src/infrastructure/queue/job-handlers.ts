import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { jobDuration, jobsFailed } from '../operations/metrics.js';
import { JOBS, type JobPayloads } from './queue.registry.js';

type JobName = keyof JobPayloads;
export type JobHandler<N extends JobName> = (data: JobPayloads[N], job: Job<JobPayloads[N]>) => Promise<unknown>;

const handled = new Set<string>();

/** Dispatches a job to its handler by name; an unknown name is a programming error and fails loudly. */
export async function dispatch(handlers: { [N in JobName]?: JobHandler<N> }, job: Job): Promise<unknown> {
  const handler = handlers[job.name as JobName] as JobHandler<JobName> | undefined;
  if (!handler) throw new Error(`No handler for job ${job.name} on queue ${job.queueName}`);
  const end = jobDuration.startTimer({ queue: job.queueName, job: job.name });
  try {
    const result = await handler(job.data, job);
    end({ outcome: 'ok' });
    return result;
  } catch (e) {
    end({ outcome: 'error' });
    jobsFailed.inc({ queue: job.queueName, job: job.name });
    throw e;
  }
}

/** Processors declare the job names they handle; the worker refuses to start while any is missing. */
export function declareHandled(names: JobName[]) {
  names.forEach((n) => handled.add(n));
}

export function assertEveryJobHandled(logger = new Logger('queues')) {
  const missing = Object.values(JOBS).filter((j) => !handled.has(j.name));
  if (missing.length) {
    throw new Error(`Jobs without a handler: ${missing.map((j) => `${j.queue}/${j.name}`).join(', ')}`);
  }
  logger.log(`All ${handled.size} job types have a handler`);
}
