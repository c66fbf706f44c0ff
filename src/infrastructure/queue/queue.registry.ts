import type { JobsOptions } from 'bullmq';

/**
 * The one registry of queues and job names. The strings are persistent data (they live in Redis
 * and in scheduled jobs): never derive them from class names, never rename them casually.
 */
export const QUEUES = {
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Job name → its queue and the shape of its data (ids only; handlers reload state). */
export const JOBS = {
  purgeIdempotencyRecords: { queue: QUEUES.maintenance, name: 'purge-idempotency-records' },
} as const satisfies Record<string, { queue: QueueName; name: string }>;

export interface JobPayloads {
  'purge-idempotency-records': { olderThanHours: number };
}

/** Named job options: bounded retention in Redis, exponential retries for thrown errors. */
export const JOB_OPTIONS = {
  default: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { count: 1_000, age: 24 * 3600 },
    removeOnFail: { count: 5_000, age: 14 * 24 * 3600 },
  },
} as const satisfies Record<string, JobsOptions>;
