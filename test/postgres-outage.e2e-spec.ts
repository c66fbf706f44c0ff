import { execFileSync } from 'node:child_process';
import { concern, type Harness, startHarness } from './helpers/harness.js';
import { PrivatePostgres } from './helpers/private-postgres.js';
import { waitFor } from './helpers/processes.js';

interface Tally {
  requests: number;
  byStatus: Map<number, number>;
  /** 503 answers without a Retry-After header or without problem+json. */
  bare503: number;
  /** No answer within the client's timeout (a hung request is as bad as a 500). */
  timeouts: number;
}

const tally = (): Tally => ({ requests: 0, byStatus: new Map(), bare503: 0, timeouts: 0 });
const count = (t: Tally, status: number) => t.byStatus.get(status) ?? 0;
const fiveHundreds = (t: Tally) => [...t.byStatus].filter(([s]) => s >= 500 && s !== 503).reduce((n, [, c]) => n + c, 0);
const describeTally = (t: Tally) =>
  `${t.requests} requests: ${JSON.stringify(Object.fromEntries(t.byStatus))}, timeouts ${t.timeouts}, 503 without Retry-After ${t.bare503}`;

/**
 * The API on a PostgreSQL of the test's own, under a steady load of reads and writes; PostgreSQL
 * is killed (`pg_ctl stop -m immediate`) and started again. While it is down every answer is a 503
 * with Retry-After (never a 500, never a hang); once it is back the API answers 200 again by itself.
 */
describe('PostgreSQL stopped under load: 503 with Retry-After, then recovery', () => {
  let pgServer: PrivatePostgres;
  let h: Harness;
  let officer: string;
  let triage: string;
  let caseId: string;

  beforeAll(async () => {
    pgServer = await PrivatePostgres.start();
    const url = await pgServer.createDatabase('concern_desk_outage');
    const env = { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' };
    execFileSync(process.execPath, ['dist/src/cli/migrate.js'], { env, stdio: 'pipe' });
    execFileSync(process.execPath, ['dist/src/cli/seed.js', '--reference-only'], { env, stdio: 'pipe' });
    // Only the API's own HTTP surface is used: h.sql and h.reset would reach the run's shared database.
    h = await startHarness({ DATABASE_URL: url });
    officer = await h.api.login('officer@demo.local');
    triage = await h.api.login('triage@demo.local');
    caseId = (await h.api.post('/api/v1/concerns', concern(), { token: officer })).body.caseId;
  }, 60_000);
  afterAll(async () => {
    await h?.close().catch(() => undefined);
    pgServer?.destroy();
  });

  /** One request of the mix (list, case page, new concern), recorded in the tally. */
  async function one(t: Tally, i: number) {
    const base = h.api.baseUrl;
    const kind = i % 3;
    const init: RequestInit =
      kind === 2
        ? {
            method: 'POST',
            headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json' },
            body: JSON.stringify(concern({ title: `Phản ánh dưới tải số ${i}` })),
          }
        : { headers: { authorization: `Bearer ${triage}` } };
    const path = kind === 0 ? '/api/v1/cases?limit=5' : kind === 1 ? `/api/v1/cases/${caseId}` : '/api/v1/concerns';
    t.requests++;
    try {
      const res = await fetch(base + path, { ...init, signal: AbortSignal.timeout(15_000) });
      await res.arrayBuffer();
      t.byStatus.set(res.status, count(t, res.status) + 1);
      if (res.status === 503 && (!res.headers.get('retry-after') || !res.headers.get('content-type')?.startsWith('application/problem+json'))) t.bare503++;
    } catch {
      t.timeouts++;
    }
  }

  /** `workers` clients each sending requests back to back for `ms`. */
  async function load(ms: number, workers = 6): Promise<Tally> {
    const t = tally();
    const until = Date.now() + ms;
    let n = 0;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (Date.now() < until) await one(t, n++);
      }),
    );
    return t;
  }

  it('answers 503 with Retry-After while PostgreSQL is down (no 500), and 200 again once it is back', async () => {
    const before = await load(2_000);
    expect(fiveHundreds(before)).toBe(0);
    expect(count(before, 200) + count(before, 201)).toBe(before.requests);

    // Kill PostgreSQL while the load runs: requests in flight lose their connection, the next ones cannot connect.
    const during = tally();
    const running = (async () => {
      const until = Date.now() + 6_000;
      let n = 0;
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          while (Date.now() < until) await one(during, n++);
        }),
      );
    })();
    await new Promise((r) => setTimeout(r, 1_000));
    pgServer.stopImmediate();
    const stoppedAt = during.requests;
    await running;
    const health = await fetch(`${h.api.baseUrl}/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('5');
    expect(await health.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', checks: { postgres: { status: 'down' }, redis: { status: 'up' } } });

    await pgServer.startServer();
    // The pool drops its dead connections and makes new ones: no restart of the API needed.
    await waitFor(
      async () => (await fetch(`${h.api.baseUrl}/api/v1/cases?limit=1`, { headers: { authorization: `Bearer ${triage}` } })).status === 200,
      'API recovers',
      undefined,
      30_000,
    );
    const after = await load(2_000);
    await waitFor(async () => (await fetch(`${h.api.baseUrl}/health`)).status === 200, '/health up again', undefined, 10_000);

    console.log(
      `postgres outage: before ${describeTally(before)}; during (stopped after ${stoppedAt}) ${describeTally(during)}; after ${describeTally(after)}`,
    );
    expect(count(during, 503)).toBeGreaterThan(0);
    expect(fiveHundreds(during)).toBe(0);
    expect(during.bare503).toBe(0);
    expect(during.timeouts).toBe(0);
    expect(fiveHundreds(after)).toBe(0);
    expect(count(after, 200) + count(after, 201)).toBe(after.requests);
  }, 90_000);
});
