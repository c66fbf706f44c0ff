import { type Harness, startHarness } from './helpers/harness.js';
import { PrivateRedis } from './helpers/private-redis.js';
import { startProcess, type Started, waitFor } from './helpers/processes.js';
import { settle } from './helpers/settle.js';
import { startSmtp } from './helpers/smtp.js';
import { Desk } from './helpers/workflow.js';

/** The API and a worker on a Redis of the test's own, which the test stops and starts again. */
describe('Redis outage: work waits in PostgreSQL, nothing lost, nothing doubled', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let redis: PrivateRedis;
  let api: Harness;
  let w2: Started;

  beforeAll(async () => {
    smtp = await startSmtp();
    redis = await PrivateRedis.start();
    api = await startHarness({ SMTP_URL: smtp.url, REDIS_URL: redis.url });
    await api.reset();
    w2 = startProcess('worker.js', { SMTP_URL: smtp.url, REDIS_URL: redis.url, LOG_LEVEL: 'info' });
    await waitFor(async () => w2.output().includes('worker started'), 'second worker start', w2);
  });
  afterAll(async () => {
    await w2?.stop();
    await api?.close().catch(() => undefined);
    await redis.kill();
    await smtp?.close();
  });

  it('a case triaged while Redis is down: the work waits in PostgreSQL, and after Redis returns the e-mail arrives once', async () => {
    const desk = new Desk(api);
    const caseId = await desk.newCase();
    await desk.as('triage@demo.local');
    await redis.kill();
    // Login throttling falls back to its in-process limiter: people still log in.
    expect((await api.api.post('/api/v1/auth/login', { email: 'leader@demo.local', password: 'demo-2026' })).status).toBe(200);
    const routed = await desk.triage(caseId, { leadAgency: 'VKSND', supportingAgencies: [] });
    expect(routed.status).toBe(200);
    const [{ code }] = await api.sql(`SELECT code FROM cases WHERE id = $1`, [caseId]);
    // The relay tries, Redis does not answer, the rows stay pending in PostgreSQL.
    await waitFor(
      async () => (await api.sql(`SELECT 1 FROM outbox_message WHERE dispatched_at IS NULL AND attempts > 0`)).length > 0,
      'relay tried and waits',
      undefined,
      30_000,
    );
    const vksnd = (await api.sql(`SELECT emails FROM org_unit WHERE code = 'VKSND'`))[0].emails[0];
    expect(smtp.to(vksnd).filter((m) => m.subject.includes(code))).toHaveLength(0);

    await redis.start();
    await waitFor(async () => smtp.to(vksnd).some((m) => m.subject.includes(code)), 'e-mail after Redis returns', undefined, 40_000);
    await settle(api, redis.url);
    expect(smtp.to(vksnd).filter((m) => m.subject.includes(code))).toHaveLength(1);
    expect(await api.sql(`SELECT count(*)::int AS n FROM outbox_message WHERE dispatched_at IS NULL OR done_at IS NULL`)).toEqual([{ n: 0 }]);
  });
});
