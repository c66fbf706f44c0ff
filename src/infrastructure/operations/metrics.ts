import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** One registry per process (API or worker), scraped at /metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'concern_desk_' });

/** Time spent handling jobs, by queue and job name (recorded by every processor through dispatch()). */
export const jobDuration = new Histogram({
  name: 'concern_desk_job_duration_seconds',
  help: 'Time to handle a queue job',
  labelNames: ['queue', 'job', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const jobsFailed = new Counter({
  name: 'concern_desk_jobs_failed_total',
  help: 'Job attempts that threw (they are retried until their last attempt)',
  labelNames: ['queue', 'job'] as const,
  registers: [registry],
});

/** Gauges filled at scrape time from Redis and PostgreSQL (see MetricsService). */
export const queueDepth = new Gauge({
  name: 'concern_desk_queue_jobs',
  help: 'Jobs in each queue by state',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
});

/** 1 when the queue's counts were read from Redis at this scrape, 0 when Redis did not answer in time (the counts are then stale). */
export const queueUp = new Gauge({
  name: 'concern_desk_queue_up',
  help: 'Whether the queue depths could be read from Redis at this scrape (1) or not within a second (0)',
  labelNames: ['queue'] as const,
  registers: [registry],
});

export const notificationsByStatus = new Gauge({
  name: 'concern_desk_notifications',
  help: 'E-mail notices by status (QUEUED, SENDING, SENT, FAILED)',
  labelNames: ['status'] as const,
  registers: [registry],
});

/** Read from notification.resends at scrape time, so every API copy shows the same total. */
export const notificationResends = new Gauge({
  name: 'concern_desk_notification_resends',
  help: 'E-mail attempts found unfinished after a crash and sent again (each may have delivered a second copy)',
  registers: [registry],
});

/** Outcomes of send-email attempts in this worker process. */
export const emailAttempts = new Counter({
  name: 'concern_desk_email_attempts_total',
  help: 'E-mail attempts by outcome: sent, retry (temporary failure, scheduled again), failed (for good)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const escalationsTotal = new Gauge({
  name: 'concern_desk_escalations',
  help: 'Escalation events recorded on case timelines, by level',
  labelNames: ['level'] as const,
  registers: [registry],
});

export const outboxPending = new Gauge({
  name: 'concern_desk_outbox_pending',
  help: 'Outbox rows not yet relayed to the queues, or relayed to a consumer that has not marked them done',
  registers: [registry],
});

/** Items the worker's reconciler found pending in PostgreSQL and handed to Redis again (this process). */
export const reconciled = new Counter({
  name: 'concern_desk_reconciled_total',
  help: 'Pending items found in PostgreSQL without progress and enqueued again, by reconciler',
  labelNames: ['reconciler'] as const,
  registers: [registry],
});
