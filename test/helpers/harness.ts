import { request as httpRequest } from 'node:http';
import { Redis } from 'ioredis';
import pg from 'pg';
import { rm } from 'node:fs/promises';
import { TEST_REDIS_URL, TEST_STORAGE_DIR, testDatabaseUrl } from '../setup/test-env.js';
import { freePort, startProcess, type Started, waitFor } from './processes.js';

export interface Response<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Send this exact string as the body (for malformed JSON). */
  raw?: string;
}

/** A small HTTP client for the API under test: real requests over a real socket. */
export class Api {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<Response<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: string | undefined;
    if (opts.raw !== undefined) payload = opts.raw;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  get<T = any>(path: string, opts?: RequestOptions) {
    return this.request<T>('GET', path, undefined, opts);
  }
  post<T = any>(path: string, body?: unknown, opts?: RequestOptions) {
    return this.request<T>('POST', path, body, opts);
  }
  patch<T = any>(path: string, body?: unknown, opts?: RequestOptions) {
    return this.request<T>('PATCH', path, body, opts);
  }

  /**
   * Announces a body of `length` bytes and sends only its first bytes: a server that enforces a
   * size limit answers 413 from the Content-Length alone, before reading the body.
   */
  postOversized(path: string, length: number, token: string): Promise<Response> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': length, authorization: `Bearer ${token}` },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, headers: new Headers(res.headers as Record<string, string>), body: JSON.parse(text) });
        });
      });
      req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
      req.write('{"channel":"PETITION","description":"');
    });
  }

  /** Logs in a demo user (password demo-2026) and returns the bearer token. */
  async login(email: string, password = 'demo-2026'): Promise<string> {
    const res = await this.post('/api/v1/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  }
}

export interface Harness {
  api: Api;
  /** Direct SQL on the run's database, for arranging state and checking what was (not) written. */
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  redis: Redis;
  process: Started;
  /** Empties the work tables and Redis; the reference data (areas, units, categories, users) stays. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Tables that tests fill; reference data loaded by globalSetup is kept between tests. */
const WORK_TABLES = [
  'attachment',
  'case_event',
  'concern',
  'extension_request',
  'deadline_reminder',
  'assignment',
  'cases',
  'idempotency_record',
  'audit_log',
  'access_log',
  'outbox_message',
  'notification',
  // Set up by the tests that need them (globalSetup loads none): routing, programmes, deadlines.
  'routing_rule',
  'annual_plan',
  'coordination_programme',
  'deadline_policy',
  'calendar_day',
  // Leader reports: the facts, the day rollup and the hotspots.
  'case_fact',
  'metric_day',
  'metric_dirty_day',
  'hotspot',
  // The register of outgoing documents: numbering starts again at 1.
  'outgoing_document_file',
  'outgoing_document',
  'outgoing_document_counter',
  // Working notes and reply templates (tests create their own templates; the demo seed has some).
  'case_note',
  'reply_template',
  // Each user's saved views of the list pages.
  'saved_view',
];

/** Starts the real API (dist/src/main.js) on a free port against the run's database. */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const port = await freePort();
  const api = new Api(`http://127.0.0.1:${port}`);
  const started = startProcess('main.js', { PORT: String(port), APP_BASE_URL: api.baseUrl, ...env });
  await waitFor(async () => (await fetch(`${api.baseUrl}/health`)).status === 200, 'API start', started);
  const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4 });
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  return {
    api,
    redis,
    process: started,
    async sql(text, params) {
      return (await pool.query(text, params as unknown[])).rows;
    },
    async reset() {
      // A worker of the suite may be mid-transaction (sweeper, reconciler): TRUNCATE's exclusive
      // locks can then deadlock with it, and PostgreSQL cancels one side. Ours is tried again.
      for (let attempt = 1; ; attempt++) {
        try {
          await truncateAppendOnly(pool, `TRUNCATE ${WORK_TABLES.join(', ')} RESTART IDENTITY CASCADE`);
          break;
        } catch (e) {
          if ((e as { code?: string }).code !== '40P01' || attempt >= 5) throw e;
        }
      }
      await pool.query(`ALTER SEQUENCE case_code_seq RESTART`);
      // Event ids restart at 1: the metrics watermark must too, or new events would look already read.
      await pool.query(`UPDATE metrics_watermark SET safe_event_id = 0, pending_event_id = 0, pending_since = now()`);
      await redis.flushdb();
      // The attachments' objects go with their rows (a suite on S3 empties its own bucket).
      await rm(TEST_STORAGE_DIR, { recursive: true, force: true });
    },
    async close() {
      await started.stop();
      await redis.quit();
      await pool.end();
    },
  };
}

/**
 * Runs a TRUNCATE that reaches the append-only tables (case_event, audit_log), whose triggers refuse
 * it: as superuser, with triggers off for this one transaction. Only tests empty the timeline.
 */
export async function truncateAppendOnly(pool: pg.Pool, statement: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL session_replication_role = replica`);
    await client.query(statement);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

export function concern(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'PETITION',
    areaCode: 'X02',
    title: 'Chậm bồi thường giải phóng mặt bằng dự án đường trục phía Nam',
    description: 'Các hộ dân tổ dân phố 12 phản ánh việc chậm chi trả tiền bồi thường khi thu hồi đất.',
    peopleAffected: 35,
    categoryCode: 'LAND',
    reporter: { name: 'Nguyễn Thị Hoa', phone: '0912345678', email: 'hoa@example.vn' },
    ...overrides,
  };
}

export async function count(h: Harness, table: string): Promise<number> {
  const [{ n }] = await h.sql(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}
