import { ADMIN_BASIC, basic } from './helpers/admin.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { waitFor } from './helpers/processes.js';

describe('operability', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ LOG_LEVEL: 'info' });
  });
  afterAll(() => h.close());

  it('GET /health reports PostgreSQL and Redis up, without a token', async () => {
    const res = await h.api.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('serves the OpenAPI document at /docs to admins (HTTP Basic)', async () => {
    expect((await h.api.get('/docs-json')).status).toBe(401);
    const res = await h.api.get('/docs-json', { headers: ADMIN_BASIC });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/concerns', '/api/v1/concerns/batch', '/api/v1/cases', '/api/v1/auth/login']));
    expect((await h.api.get('/docs', { headers: ADMIN_BASIC })).status).toBe(200);
  });

  it('API answers are kept by no cache and sniffed by no browser; the docs cannot be framed', async () => {
    const officer = await h.api.login('officer@demo.local');
    for (const res of [await h.api.get('/api/v1/cases', { token: officer }), await h.api.get('/api/v1/cases')]) {
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const docs = await fetch(`${h.api.baseUrl}/docs`, { headers: ADMIN_BASIC });
    expect(docs.status).toBe(200);
    expect(docs.headers.get('x-frame-options')).toBe('DENY');
    expect(docs.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('logs JSON lines carrying the request id, which is also returned to the caller', async () => {
    const res = await h.api.get('/api/v1/cases', { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
    expect(res.body.requestId).toBe('trace-abc-123');
    const logged = () =>
      h.process
        .output()
        .split('\n')
        .filter((l) => l.includes('trace-abc-123'));
    await waitFor(async () => logged().length > 0, 'request log line');
    expect(JSON.parse(logged()[0])).toMatchObject({ reqId: 'trace-abc-123' });
  });

  it('exposes Prometheus metrics: queue depth, e-mails by status, escalations, outbox backlog', async () => {
    const res = await fetch(`${h.api.baseUrl}/metrics`, { headers: ADMIN_BASIC });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    for (const metric of [
      'concern_desk_queue_jobs{queue="notifications",state="waiting"}',
      'concern_desk_notifications{status="FAILED"}',
      'concern_desk_outbox_pending',
      'concern_desk_queue_up{queue="notifications"} 1',
      'concern_desk_process_cpu_seconds_total',
    ]) {
      expect(text).toContain(metric);
    }
  });

  it('serves the queue dashboard to admins only (HTTP Basic, as a browser would)', async () => {
    const anonymous = await fetch(`${h.api.baseUrl}/admin/queues`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect((await fetch(`${h.api.baseUrl}/admin/queues`, { headers: basic('triage@demo.local', 'demo-2026') })).status).toBe(401);
    expect((await fetch(`${h.api.baseUrl}/admin/queues`, { headers: basic('admin@demo.local', 'wrong') })).status).toBe(401);
    const ok = await fetch(`${h.api.baseUrl}/admin/queues/api/queues`, { headers: basic('admin@demo.local', 'demo-2026') });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { queues: Array<{ name: string }> };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['attachments', 'deadlines', 'maintenance', 'notices', 'notifications', 'reports']);
  });

  it('answers an unknown route with a problem+json 404', async () => {
    const res = await h.api.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
