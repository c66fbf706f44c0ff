import { z } from 'zod';

/**
 * Typed, validated configuration. This is the only place that reads `process.env`:
 * everything else receives an `AppConfig` (see ConfigModule). The defaults work on a
 * developer machine with PostgreSQL and Redis on localhost; production must set secrets.
 */

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL with scheme ${protocols.map((p) => p.replace(':', '://')).join(' or ')}` },
  );

const DEV_JWT_SECRET = 'dev-only-secret-change-me-in-production-0123456789';

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    APP_BASE_URL: url(['http:', 'https:']).default('http://localhost:3000'),
    DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/concern_desk'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379/0'),
    /** Secret: signs access tokens. */
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
    JWT_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600)
      .default(8 * 3600),
    /** Secret when it carries credentials: smtp://user:pass@host:port */
    SMTP_URL: url(['smtp:', 'smtps:']).default('smtp://127.0.0.1:1025'),
    MAIL_FROM: z.string().min(3).default('Concern Desk <no-reply@concern-desk.local>'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Failed logins per account before a temporary lock; the lock lasts LOGIN_LOCK_SECONDS. */
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
    /** Failed logins from one address in a day (any accounts) before that address is refused for a day. */
    LOGIN_IP_MAX_FAILURES_PER_DAY: z.coerce.number().int().min(1).max(100_000).default(100),
    /**
     * Which proxies in front of the API to believe about the client's address (X-Forwarded-For):
     * unset = none (the socket's address); `true` = any; else a comma-separated list of addresses
     * or CIDRs. Login limits count per address, so behind a proxy this must be set.
     */
    TRUST_PROXY: z
      .string()
      .regex(/^(true|false|[0-9a-fA-F.:/, ]+)$/, 'must be true, false or a comma-separated list of addresses/CIDRs')
      .optional(),
    /** Secret: bearer token a Prometheus scraper sends to /metrics. Unset: /metrics takes an admin's HTTP Basic credentials. */
    METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    /** How often the deadline sweeper looks for late work in SQL (a safety net for lost delayed jobs). */
    DEADLINE_SWEEP_MS: z.coerce.number().int().min(200).max(3_600_000).default(60_000),
    /** How often the worker brings the leader metrics' case facts up to date with the timeline. */
    METRICS_REFRESH_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
    /**
     * Percentiles are exact (sorted from every case) while the period holds at most this many
     * timings department-wide; above it they come from the day rollup's histograms (within 1 %).
     */
    METRICS_EXACT_MAX: z.coerce.number().int().min(0).max(10_000_000).default(20_000),
    /** `off` answers every metric from case_fact alone (slower): to check the rollup against the facts. */
    METRICS_ROLLUP: z.enum(['on', 'off']).default('on'),
    /** How often the worker looks for hotspots (area × category surges). */
    HOTSPOT_SCAN_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(3_600_000),
    /** How often the worker re-derives pending work from PostgreSQL and enqueues what Redis lost. */
    RECONCILE_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    /** Work dispatched to Redis longer ago than this, and not done, counts as lost (checked against BullMQ first). */
    RECONCILE_STALE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    /** E-mail retries: the first waits NOTIFY_BACKOFF_BASE_MS, each next one twice as long, at most NOTIFY_BACKOFF_MAX_MS. */
    NOTIFY_BACKOFF_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(1_000),
    NOTIFY_BACKOFF_MAX_MS: z.coerce
      .number()
      .int()
      .min(10)
      .max(24 * 3_600_000)
      .default(15 * 60_000),
    /** How long a notice is retried after temporary failures (from when it was queued) before it is FAILED. */
    NOTIFY_RETRY_HOURS: z.coerce
      .number()
      .positive()
      .max(30 * 24)
      .default(24),
    /**
     * A notice SENDING for longer than this is taken for a crashed attempt and sent again. Must
     * exceed the SMTP socket timeout (60 s), or a slow live attempt is doubled.
     */
    NOTIFY_SENDING_STALE_MS: z.coerce
      .number()
      .int()
      .min(500)
      .max(24 * 3_600_000)
      .default(120_000),
    /**
     * What a worker process runs: `all` (default) every queue; `core` all but the reports queue;
     * `reports` only the reports queue (the metrics refresh), so that its CPU bursts stay off the
     * event loop that moves routing and e-mail (see README, bench:routing).
     */
    WORKER_ROLE: z.enum(['all', 'core', 'reports']).default('all'),
    /** Port of the worker's own /metrics (0 = off). */
    WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    /**
     * Attachments: the local disk store (and every upload's scratch space while it is checked).
     * Relative paths are from the working directory.
     */
    STORAGE_DIR: z.string().min(1).default('./var/storage'),
    /** Set to store attachments in an S3-compatible object store instead of STORAGE_DIR. */
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3 to 63 lower-case letters, digits, dots, hyphens)')
      .optional(),
    /** The store's address when it is not AWS (MinIO, Ceph, a provider's S3 endpoint). */
    S3_ENDPOINT: url(['http:', 'https:']).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    /** Secret (with S3_SECRET_ACCESS_KEY): unset, the SDK's own chain (environment of the SDK, instance role) is used. */
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** `true` for stores that address buckets by path (http://host/bucket/key), as most S3-compatible ones do. */
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
    /** Largest attachment, in bytes (default 20 MiB). */
    ATTACHMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024)
      .default(20 * 1024 * 1024),
    /** Most attachments one case holds, and their total size in bytes (default 50 and 200 MiB). */
    ATTACHMENT_MAX_PER_CASE: z.coerce.number().int().min(1).max(10_000).default(50),
    ATTACHMENT_MAX_CASE_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024 * 1024)
      .default(200 * 1024 * 1024),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.JWT_SECRET === DEV_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'must be set in production' });
    }
    if (env.NOTIFY_BACKOFF_MAX_MS < env.NOTIFY_BACKOFF_BASE_MS) {
      ctx.addIssue({ code: 'custom', path: ['NOTIFY_BACKOFF_MAX_MS'], message: 'must be at least NOTIFY_BACKOFF_BASE_MS' });
    }
    if ((env.S3_ACCESS_KEY_ID === undefined) !== (env.S3_SECRET_ACCESS_KEY === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['S3_SECRET_ACCESS_KEY'], message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together' });
    }
    if (!env.S3_BUCKET && (env.S3_ENDPOINT || env.S3_ACCESS_KEY_ID)) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'must be set when other S3_ variables are' });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export interface AppConfig {
  env: Env['NODE_ENV'];
  http: { port: number; baseUrl: string; trustProxy: boolean | string };
  database: { url: string; poolSize: number };
  redis: { url: string };
  auth: { jwtSecret: string; jwtTtlSeconds: number; loginMaxFailures: number; loginLockSeconds: number; loginIpMaxFailuresPerDay: number };
  /** Operator surfaces: /metrics, /docs, /admin/queues. */
  operations: { metricsToken: string | null };
  mail: { smtpUrl: string; from: string };
  log: { level: Env['LOG_LEVEL'] };
  deadlines: { sweepIntervalMs: number };
  reports: { metricsRefreshMs: number; hotspotScanMs: number; exactPercentilesMax: number; rollup: boolean };
  worker: { metricsPort: number; role: Env['WORKER_ROLE'] };
  reconcile: { intervalMs: number; staleMs: number };
  /** E-mail delivery: the retry schedule kept in PostgreSQL. */
  notifications: { backoffBaseMs: number; backoffMaxMs: number; retryWindowMs: number; sendingStaleMs: number };
  /** Where attachments are kept: the local disk (`dir`, also the uploads' scratch space), or an S3-compatible store when `s3` is set. */
  storage: { dir: string; s3: S3Config | null };
  /** Bounds of attachments: one file's size, and per case their number and total size. */
  attachments: { maxBytes: number; maxPerCase: number; maxCaseBytes: number };
}

export interface S3Config {
  bucket: string;
  endpoint: string | null;
  region: string;
  /** Null: the SDK's default credential chain. */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  forcePathStyle: boolean;
}

export class ConfigError extends Error {}

function trustProxy(value: string | undefined): boolean | string {
  return value === undefined || value === 'false' ? false : value === 'true' ? true : value;
}

/** Parses and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings count as unset, so `FOO=` in a shell falls back to the default.
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    http: { port: e.PORT, baseUrl: e.APP_BASE_URL.replace(/\/$/, ''), trustProxy: trustProxy(e.TRUST_PROXY) },
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    redis: { url: e.REDIS_URL },
    auth: {
      jwtSecret: e.JWT_SECRET,
      jwtTtlSeconds: e.JWT_TTL_SECONDS,
      loginMaxFailures: e.LOGIN_MAX_FAILURES,
      loginLockSeconds: e.LOGIN_LOCK_SECONDS,
      loginIpMaxFailuresPerDay: e.LOGIN_IP_MAX_FAILURES_PER_DAY,
    },
    operations: { metricsToken: e.METRICS_TOKEN ?? null },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    log: { level: e.LOG_LEVEL },
    deadlines: { sweepIntervalMs: e.DEADLINE_SWEEP_MS },
    reports: {
      metricsRefreshMs: e.METRICS_REFRESH_MS,
      hotspotScanMs: e.HOTSPOT_SCAN_MS,
      exactPercentilesMax: e.METRICS_EXACT_MAX,
      rollup: e.METRICS_ROLLUP === 'on',
    },
    worker: { metricsPort: e.WORKER_METRICS_PORT, role: e.WORKER_ROLE },
    reconcile: { intervalMs: e.RECONCILE_MS, staleMs: e.RECONCILE_STALE_MS },
    notifications: {
      backoffBaseMs: e.NOTIFY_BACKOFF_BASE_MS,
      backoffMaxMs: e.NOTIFY_BACKOFF_MAX_MS,
      retryWindowMs: Math.round(e.NOTIFY_RETRY_HOURS * 3_600_000),
      sendingStaleMs: e.NOTIFY_SENDING_STALE_MS,
    },
    storage: {
      dir: e.STORAGE_DIR,
      s3: e.S3_BUCKET
        ? {
            bucket: e.S3_BUCKET,
            endpoint: e.S3_ENDPOINT ?? null,
            region: e.S3_REGION,
            credentials: e.S3_ACCESS_KEY_ID ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY! } : null,
            forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
          }
        : null,
    },
    attachments: { maxBytes: e.ATTACHMENT_MAX_BYTES, maxPerCase: e.ATTACHMENT_MAX_PER_CASE, maxCaseBytes: e.ATTACHMENT_MAX_CASE_BYTES },
  };
}
