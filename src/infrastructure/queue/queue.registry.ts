import type { JobsOptions } from 'bullmq';

/**
 * The one registry of queues and job names. The strings are persistent data (they live in Redis,
 * in the outbox table and in scheduled jobs): never derive them from class names, never rename
 * them casually.
 */
export const QUEUES = {
  /** Case events → notification rows (the notifications module's consumer). */
  notices: 'notices',
  notifications: 'notifications',
  deadlines: 'deadlines',
  maintenance: 'maintenance',
  reports: 'reports',
  /** Attachments' text extraction (PDF text layer, DOCX) for search. */
  attachments: 'attachments',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * Job name → its queue. Each name's data shape is in JobPayloads. `tracked`: the job's consumer
 * marks its outbox row done in the transaction of its effects, so the reconciler can tell a job
 * Redis lost from one that ran (see OutboxReconciler).
 */
export const JOBS = {
  caseNotices: { queue: QUEUES.notices, name: 'case-notices', tracked: true },
  /** A working note that names people or units (notes module) → their notices (notifications). Not a case event: notes stay off the timeline. */
  noteMentions: { queue: QUEUES.notices, name: 'note-mentions', tracked: true },
  deadlineSchedule: { queue: QUEUES.deadlines, name: 'deadline-schedule', tracked: true },
  sendEmail: { queue: QUEUES.notifications, name: 'send-email' },
  agencyDigest: { queue: QUEUES.notifications, name: 'agency-digest' },
  leaderDigest: { queue: QUEUES.notifications, name: 'leader-digest' },
  deadlineCheck: { queue: QUEUES.deadlines, name: 'deadline-check' },
  sweep: { queue: QUEUES.deadlines, name: 'sweep' },
  purgeIdempotencyRecords: { queue: QUEUES.maintenance, name: 'purge-idempotency-records' },
  metricsRefresh: { queue: QUEUES.reports, name: 'metrics-refresh' },
  hotspotScan: { queue: QUEUES.reports, name: 'hotspot-scan' },
  reviewReport: { queue: QUEUES.reports, name: 'review-report' },
  attachmentText: { queue: QUEUES.attachments, name: 'attachment-text', tracked: true },
} as const satisfies Record<string, { queue: QueueName; name: string; tracked?: boolean }>;

/** Jobs whose outbox rows stay pending until their consumer marks them done. */
export const TRACKED_JOBS: ReadonlySet<string> = new Set(
  Object.values(JOBS)
    .filter((j) => 'tracked' in j && j.tracked)
    .map((j) => j.name),
);

export type DeadlineKind = 'acknowledge' | 'remind' | 'resolve';

/**
 * A deterministic BullMQ job id from its parts. BullMQ 6 refuses ids containing ':' (its key
 * separator), so the parts are joined with '.'.
 */
export function jobId(...parts: Array<string | number>): string {
  return parts.map((p) => String(p).replaceAll(':', '.')).join('.');
}

/** Job data: ids only; handlers reload state and do nothing when the case has moved on. */
export interface JobPayloads {
  /** A committed case event for one consumer; the relay adds the outbox row's id. */
  'case-notices': { eventId: string; outboxId?: string };
  'deadline-schedule': { eventId: string; outboxId?: string };
  /** A committed case note with mentions (the relay adds the outbox row's id). */
  'note-mentions': { noteId: string; outboxId?: string };
  'send-email': { notificationId: string };
  'agency-digest': Record<string, never>;
  'leader-digest': Record<string, never>;
  /**
   * Assignment id and kind. Short keys on purpose: with every field under 64 bytes Redis keeps the
   * job's hash in its compact encoding, about half the memory of a larger one (measured by
   * bench:routing). The instant it was scheduled for is the job's own timestamp + delay.
   */
  'deadline-check': { a: string; k: DeadlineKind };
  sweep: Record<string, never>;
  'purge-idempotency-records': { olderThanHours: number };
  'metrics-refresh': Record<string, never>;
  'hotspot-scan': Record<string, never>;
  /**
   * Build the periodic review report and e-mail it to every active leader. Without `period`, the
   * scheduled run: the quarter that just ended (and the half-year / year when one ended with it).
   */
  'review-report': { period?: string; programme?: string; lang?: 'vi' | 'en' };
  /** Extract the text of a committed attachment (the relay adds the outbox row's id). */
  'attachment-text': { attachmentId: string; outboxId?: string };
}
export type JobName = keyof JobPayloads;

/** Named job options: bounded retention in Redis, exponential retries for thrown errors. */
export const JOB_OPTIONS = {
  default: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { count: 1_000, age: 24 * 3600 },
    removeOnFail: { count: 5_000, age: 14 * 24 * 3600 },
  },
  /**
   * E-mail: one attempt per job. The retries are the notifications module's own, scheduled in
   * PostgreSQL (next_attempt_at) with a fresh job per attempt, so that they outlast an SMTP or
   * Redis outage and survive a Redis that restarts empty.
   */
  email: {
    attempts: 1,
    removeOnComplete: { count: 1_000, age: 24 * 3600 },
    removeOnFail: { count: 5_000, age: 14 * 24 * 3600 },
  },
  /**
   * Deadline checks: many and long-lived, so nothing per job beyond the id and the delay
   * (retention is set on the worker). One attempt: the sweeper finds in SQL whatever a failed
   * check missed.
   */
  deadline: {},
} as const satisfies Record<string, JobsOptions>;

export const JOB_OPTIONS_BY_NAME: Partial<Record<JobName, JobsOptions>> = {
  'send-email': JOB_OPTIONS.email,
  'deadline-check': JOB_OPTIONS.deadline,
};
