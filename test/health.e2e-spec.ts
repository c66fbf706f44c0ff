import { Harness, startHarness } from './helpers/harness.js';
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

  it('serves the OpenAPI document at /docs', async () => {
    const res = await h.api.get('/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/concerns', '/api/v1/concerns/batch', '/api/v1/cases', '/api/v1/auth/login']));
    expect((await h.api.get('/docs')).status).toBe(200);
  });

  it('logs JSON lines carrying the request id, which is also returned to the caller', async () => {
    const res = await h.api.get('/api/v1/cases', { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
    expect(res.body.requestId).toBe('trace-abc-123');
    const logged = () => h.process.output().split('\n').filter((l) => l.includes('trace-abc-123'));
    await waitFor(async () => logged().length > 0, 'request log line');
    expect(JSON.parse(logged()[0])).toMatchObject({ reqId: 'trace-abc-123' });
  });

  it('answers an unknown route with a problem+json 404', async () => {
    const res = await h.api.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
