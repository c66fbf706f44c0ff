import { spawn, type ChildProcess } from 'node:child_process';
import { type Harness, startHarness } from './helpers/harness.js';
import { freePort, startProcess, type Started, waitFor } from './helpers/processes.js';
import { settle } from './helpers/settle.js';
import { startSmtp } from './helpers/smtp.js';
import { Desk } from './helpers/workflow.js';

/** The API and a worker on a Redis of the test's own, which the test stops and starts again. */
describe('Redis outage: work waits in PostgreSQL, nothing lost, nothing doubled', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let redis: ChildProcess | null = null;
  let port: number;
  let api: Harness;
  let w2: Started;

  const startRedis = async () => {
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor(async () => {
      const { Redis } = await import('ioredis');
      const r = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await r.connect();
        return (await r.ping()) === 'PONG';
      } finally {
        r.disconnect();
      }
    }, 'private redis');
  };
  const stopRedis = async () => {
    const r = redis;
    redis = null;
    if (!r) return;
    await new Promise<void>((resolve) => {
      r.once('exit', () => resolve());
      r.kill('SIGKILL');
    });
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    port = await freePort();
    await startRedis();
    api = await startHarness({ SMTP_URL: smtp.url, REDIS_URL: `redis://127.0.0.1:${port}/0` });
    await api.reset();
    w2 = startProcess('worker.js', { SMTP_URL: smtp.url, REDIS_URL: `redis://127.0.0.1:${port}/0`, LOG_LEVEL: 'info' });
    await waitFor(async () => w2.output().includes('worker started'), 'second worker start', w2);
  });
  afterAll(async () => {
    await w2?.stop();
    await api?.close().catch(() => undefined);
    await stopRedis();
    await smtp?.close();
  });

  it('a case triaged while Redis is down: the work waits in PostgreSQL, and after Redis returns the e-mail arrives once', async () => {
    const desk = new Desk(api);
    const caseId = await desk.newCase();
    await desk.as('triage@demo.local');
    await stopRedis();
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

    await startRedis();
    await waitFor(async () => smtp.to(vksnd).some((m) => m.subject.includes(code)), 'e-mail after Redis returns', undefined, 40_000);
    await settle(api, `redis://127.0.0.1:${port}/0`);
    expect(smtp.to(vksnd).filter((m) => m.subject.includes(code))).toHaveLength(1);
    expect(await api.sql(`SELECT count(*)::int AS n FROM outbox_message WHERE dispatched_at IS NULL OR done_at IS NULL`)).toEqual([{ n: 0 }]);
  });
});
