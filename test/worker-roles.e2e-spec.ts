import { Queue } from 'bullmq';
import { type Harness, startHarness } from './helpers/harness.js';
import { startProcess, type Started, waitFor } from './helpers/processes.js';
import { startSmtp } from './helpers/smtp.js';
import { Desk } from './helpers/workflow.js';
import { TEST_REDIS_URL } from './setup/test-env.js';

/**
 * WORKER_ROLE splits the worker as demo and compose deploy it: `core` moves routing, e-mail and
 * deadlines; `reports` runs only the reports queue (the metrics refresh), on an event loop of its own.
 */
describe('worker roles', () => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let core: Started | undefined;
  let reportsWorker: Started | undefined;
  const queues = new Map<string, Queue>();

  beforeAll(async () => {
    smtp = await startSmtp();
    h = await startHarness({ SMTP_URL: smtp.url });
    await h.reset();
    for (const q of ['notices', 'notifications', 'deadlines', 'maintenance', 'reports', 'attachments'])
      queues.set(q, new Queue(q, { connection: { url: TEST_REDIS_URL }, prefix: 'cd' }));
  });
  afterAll(async () => {
    await core?.stop();
    await reportsWorker?.stop();
    for (const q of queues.values()) await q.close();
    await h?.close();
    await smtp?.close();
  });

  const workers = async (q: string) => queues.get(q)!.getWorkersCount();

  it('routes and e-mails without the reports queue, and leaves the metrics to the reports worker', async () => {
    core = startProcess('worker.js', { SMTP_URL: smtp.url, WORKER_ROLE: 'core', METRICS_REFRESH_MS: '200' });
    const coreQueues = ['notices', 'notifications', 'deadlines', 'maintenance'];
    // Each processor starts its BullMQ worker in turn: wait for the last, not the first.
    await waitFor(async () => (await Promise.all(coreQueues.map(workers))).every((n) => n > 0), 'core worker', core);
    expect(await workers('reports')).toBe(0);
    // Text extraction of attachments is CPU-heavy: the reports worker's, never beside the e-mail.
    expect(await workers('attachments')).toBe(0);

    const desk = new Desk(h);
    const caseId = await desk.newCase();
    expect((await desk.triage(caseId, { supportingAgencies: [] })).status).toBe(200);
    await waitFor(async () => smtp.to('vanthu.ubnd@demo.local').length > 0, 'lead agency notice', core);
    // Nothing refreshes the facts while no process runs the reports queue.
    expect(await h.sql(`SELECT case_id FROM case_fact`)).toEqual([]);

    reportsWorker = startProcess('worker.js', { SMTP_URL: smtp.url, WORKER_ROLE: 'reports', METRICS_REFRESH_MS: '200', HOTSPOT_SCAN_MS: '3600000' });
    await waitFor(async () => (await workers('reports')) > 0 && (await workers('attachments')) > 0, 'reports worker', reportsWorker);
    await waitFor(async () => (await h.sql(`SELECT 1 FROM case_fact WHERE case_id = $1`, [caseId])).length === 1, 'case facts refreshed', reportsWorker);
    // One consumer per queue: the reports process took on none of the others.
    for (const q of coreQueues) expect(await workers(q)).toBe(1);
  });

  it('attaches the review report to the leaders’ e-mail in the core worker, which sends it', async () => {
    await queues.get('reports')!.add('review-report', { period: '2026-Q4' });
    await waitFor(async () => smtp.to('leader@demo.local').some((m) => m.subject.includes('Quý IV năm 2026')), 'review report e-mailed', core, 30_000);
    const mail = smtp.to('leader@demo.local').find((m) => m.subject.includes('Quý IV năm 2026'))!;
    expect(mail.raw).toContain('bao-cao-so-ket-2026-Q4.xlsx');
    expect(mail.raw).toContain('bao-cao-so-ket-2026-Q4.pdf');
  });
});
