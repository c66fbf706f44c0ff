import { createHmac, randomUUID } from 'node:crypto';
import { ADMIN_BASIC, basic } from './helpers/admin.js';
import { concern, type Harness, startHarness } from './helpers/harness.js';
import { PrivateRedis } from './helpers/private-redis.js';
import { testEnv } from './setup/test-env.js';

/**
 * Auth hardening (issue 12): login and the admin surfaces' HTTP Basic share one failure count and
 * one lock; sessions are revoked on every API copy at once; passwords follow a policy; /metrics and
 * /docs need credentials; and with Redis gone, logins, case reads and /metrics keep answering.
 */

const LOGIN = '/api/v1/auth/login';
const DASHBOARD = '/admin/queues/api/queues';
/** A passphrase the policy accepts. */
const STRONG = 'Song-Hong-chay-qua-Ha-Noi-42';
const METRICS_TOKEN = 'metrics-token-for-tests-0123456789-abcdef';

const b64url = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
/** An HS256 token signed with the test JWT secret: exactly what the API would accept if the claims were right. */
function signed(claims: Record<string, unknown>): string {
  const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ iat: Math.floor(Date.now() / 1000), ...claims })}`;
  return `${head}.${createHmac('sha256', testEnv().JWT_SECRET).update(head).digest('base64url')}`;
}

const tag = () => `sec-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

describe('auth hardening on two API copies', () => {
  let a: Harness;
  let b: Harness;
  let adminToken: string;

  beforeAll(async () => {
    // Low limits so the tests reach them; both copies on the same PostgreSQL and Redis.
    const env = { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: '60', LOGIN_IP_MAX_FAILURES_PER_DAY: '12' };
    [a, b] = await Promise.all([startHarness(env), startHarness({ ...env, METRICS_TOKEN })]);
  });
  afterAll(async () => {
    await a?.reset();
    // Users made here must not become e-mail recipients of later suites.
    await a?.sql(`DELETE FROM app_user WHERE email LIKE 'sec-%'`).catch(() => a.sql(`UPDATE app_user SET active = false WHERE email LIKE 'sec-%'`));
    await Promise.all([a?.close(), b?.close()]);
  });
  beforeEach(async () => {
    await a.reset();
    adminToken = await a.api.login('admin@demo.local');
  });

  async function newUser(body: Record<string, unknown> = {}) {
    const email = `${tag()}@demo.local`;
    const res = await a.api.post(
      '/api/v1/admin/users',
      { email, password: STRONG, fullName: 'Trần Văn Bình', role: 'triager', orgUnitCode: 'BTG', ...body },
      { token: adminToken },
    );
    expect(res.status).toBe(201);
    return { id: res.body.id as string, email };
  }

  describe('rate limiting: login and the dashboard share one count and one lock', () => {
    it('login: 401 up to the limit, then 429 LOGIN_LOCKED with Retry-After even with the right password — and the dashboard is locked too, already-verified credentials included', async () => {
      // The dashboard has seen (and remembered) these credentials before the attack.
      expect((await a.api.get(DASHBOARD, { headers: ADMIN_BASIC })).status).toBe(200);
      for (let i = 0; i < 3; i++) expect((await a.api.post(LOGIN, { email: 'admin@demo.local', password: `wrong-${i}` })).status).toBe(401);

      const locked = await a.api.post(LOGIN, { email: 'admin@demo.local', password: 'demo-2026' });
      expect(locked.status).toBe(429);
      expect(locked.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(locked.body.code).toBe('LOGIN_LOCKED');
      const retryAfter = Number(locked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(50);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // The lock is in Redis: the other API copy refuses as well, on both doors.
      expect((await b.api.post(LOGIN, { email: 'admin@demo.local', password: 'demo-2026' })).status).toBe(429);
      const dashboard = await a.api.get(DASHBOARD, { headers: ADMIN_BASIC });
      expect(dashboard.status).toBe(429);
      expect(Number(dashboard.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await b.api.get('/docs-json', { headers: ADMIN_BASIC })).status).toBe(429);
      // Only that account: others log in from the same address.
      expect((await a.api.post(LOGIN, { email: 'triage@demo.local', password: 'demo-2026' })).status).toBe(200);
    });

    it('dashboard: wrong Basic passwords are counted like logins: 401, then 429, and the login route is locked for that account', async () => {
      for (let i = 0; i < 3; i++) {
        const res = await a.api.get('/admin/queues', { headers: basic('admin@demo.local', `guess-${i}`) });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
      }
      const res = await b.api.get('/admin/queues', { headers: ADMIN_BASIC });
      expect(res.status).toBe(429);
      expect(res.body.code).toBe('LOGIN_LOCKED');
      const login = await a.api.post(LOGIN, { email: 'admin@demo.local', password: 'demo-2026' });
      expect(login.status).toBe(429);
      expect(Number(login.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('one address trying many accounts is refused for a day after LOGIN_IP_MAX_FAILURES_PER_DAY failures, whatever the account', async () => {
      for (let i = 0; i < 12; i++) {
        expect((await a.api.post(LOGIN, { email: `nobody-${i}@demo.local`, password: 'x' })).status).toBe(401);
      }
      const res = await a.api.post(LOGIN, { email: 'officer@demo.local', password: 'demo-2026' });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(23 * 3600);
    });

    it('a success clears the run of failures: failures that never reach the limit in a row never lock', async () => {
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 2; i++) expect((await a.api.post(LOGIN, { email: 'leader@demo.local', password: 'nope' })).status).toBe(401);
        expect((await a.api.post(LOGIN, { email: 'leader@demo.local', password: 'demo-2026' })).status).toBe(200);
      }
    });
  });

  describe('the dashboard re-reads the admin on every request', () => {
    it('a deactivated admin is out at once, on both copies, and a demoted one too', async () => {
      const gone = await newUser({ role: 'admin', orgUnitCode: null });
      const demoted = await newUser({ role: 'admin', orgUnitCode: null });
      for (const u of [gone, demoted]) {
        for (const h of [a, b]) expect((await h.api.get(DASHBOARD, { headers: basic(u.email, STRONG) })).status).toBe(200);
      }
      expect((await a.api.patch(`/api/v1/admin/users/${gone.id}`, { active: false }, { token: adminToken })).status).toBe(200);
      expect((await a.api.patch(`/api/v1/admin/users/${demoted.id}`, { role: 'leader' }, { token: adminToken })).status).toBe(200);
      for (const u of [gone, demoted]) {
        for (const h of [a, b]) {
          const res = await h.api.get(DASHBOARD, { headers: basic(u.email, STRONG) });
          expect(res.status).toBe(401);
          expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
        }
      }
    });
  });

  describe('session revocation: token_version checked against PostgreSQL on every request', () => {
    const changes: Array<[string, (id: string, token: string) => Promise<{ status: number }>]> = [
      ['deactivation', (id) => a.api.patch(`/api/v1/admin/users/${id}`, { active: false }, { token: adminToken })],
      ['demotion', (id) => a.api.patch(`/api/v1/admin/users/${id}`, { role: 'officer' }, { token: adminToken })],
      ['unit change', (id) => a.api.patch(`/api/v1/admin/users/${id}`, { orgUnitCode: 'UBND' }, { token: adminToken })],
      ['password change', (id) => a.api.patch(`/api/v1/admin/users/${id}`, { password: 'Hoa-sen-no-tren-ho-Tay-2026' }, { token: adminToken })],
      ['log out everywhere', (_, token) => a.api.post('/api/v1/auth/logout-everywhere', undefined, { token })],
      ['an admin revoking the sessions', (id) => a.api.post(`/api/v1/admin/users/${id}/revoke-sessions`, undefined, { token: adminToken })],
    ];

    it.each(changes)('%s through copy A: copy B refuses the old token at the next request', async (_, change) => {
      const user = await newUser();
      const token = await a.api.login(user.email, STRONG);
      expect((await b.api.get('/api/v1/auth/me', { token })).status).toBe(200);
      expect((await b.api.get('/api/v1/cases', { token })).status).toBe(200);

      expect([200, 204]).toContain((await change(user.id, token)).status);

      for (const path of ['/api/v1/auth/me', '/api/v1/cases']) {
        const res = await b.api.get(path, { token });
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
      expect((await a.api.get('/api/v1/auth/me', { token })).status).toBe(401);
    });

    it('after a password change the new password logs in on the other copy, the old one does not; after a demotion a new token carries the new role', async () => {
      const user = await newUser();
      await a.api.patch(`/api/v1/admin/users/${user.id}`, { password: 'Hoa-sen-no-tren-ho-Tay-2026' }, { token: adminToken });
      expect((await b.api.post(LOGIN, { email: user.email, password: STRONG })).status).toBe(401);
      const fresh = await b.api.login(user.email, 'Hoa-sen-no-tren-ho-Tay-2026');
      expect((await a.api.get('/api/v1/auth/me', { token: fresh })).status).toBe(200);

      await a.api.patch(`/api/v1/admin/users/${user.id}`, { role: 'leader', orgUnitCode: null }, { token: adminToken });
      const again = await b.api.login(user.email, 'Hoa-sen-no-tren-ho-Tay-2026');
      expect((await a.api.get('/api/v1/auth/me', { token: again })).body.role).toBe('leader');
      // Changes that do not touch access (the name) keep the sessions.
      await a.api.patch(`/api/v1/admin/users/${user.id}`, { fullName: 'Trần Văn Bình (2)' }, { token: adminToken });
      expect((await b.api.get('/api/v1/auth/me', { token: again })).status).toBe(200);
      const audit = await a.sql(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [user.id]);
      expect(audit.map((r) => r.action)).toEqual(['USER_CREATED', 'USER_UPDATED', 'USER_UPDATED', 'USER_UPDATED']);
    });

    it('a token signed with our secret but of the wrong shape answers 401 problem+json, never 500', async () => {
      const [admin] = await a.sql(`SELECT id, token_version FROM app_user WHERE email = 'admin@demo.local'`);
      const forged = [
        { sub: 'admin', ver: 0 },
        { sub: "' OR 1=1 --", ver: 0 },
        { sub: '00000000-0000-0000-0000-00000000000g', ver: 0 },
        { sub: 42, ver: 0 },
        { sub: { id: admin.id }, ver: 0 },
        { sub: admin.id }, // issued before versions existed
        { sub: admin.id, ver: '0' },
        { sub: admin.id, ver: admin.token_version + 1 },
        { sub: randomUUID(), ver: 0 }, // nobody
        { sub: admin.id, ver: admin.token_version, exp: Math.floor(Date.now() / 1000) - 10 },
      ];
      for (const claims of forged) {
        const res = await b.api.get('/api/v1/admin/users', { token: signed(claims) });
        expect({ claims, status: res.status, code: res.body.code }).toEqual({ claims, status: 401, code: 'UNAUTHENTICATED' });
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
      // The same signature with the right claims is accepted: the refusals above are about the claims.
      expect((await b.api.get('/api/v1/admin/users', { token: signed({ sub: admin.id, ver: admin.token_version }) })).status).toBe(200);
    });
  });

  describe('password policy for admin-created users and password changes', () => {
    const weak: Array<[string, (email: string) => string, RegExp]> = [
      ['too short', () => 'Ab1-xyz', /12/],
      ['a common password (and short)', () => '12345678', /12/],
      ['too short even when strong-looking', () => 'Zq9!vL3#pW', /12/],
      ['the e-mail itself', (email) => email, /e-mail/],
      ['the e-mail in capitals inside', (email) => `X${email.toUpperCase()}!`, /e-mail/],
      ['the local part of the e-mail', (email) => `${email.split('@')[0]}-2026`, /e-mail/],
      ['a common password', () => 'password1234', /dễ đoán/],
      ['a common password (digits)', () => '123456789012', /dễ đoán/],
      ['a keyboard walk', () => 'qwertyuiop12', /dễ đoán/],
      ['a repeat', () => 'aaaaaaaaaaaaaaa', /dễ đoán/],
      ['the name and a year', () => 'TranVanBinh2026', /dễ đoán/],
    ];

    it.each(weak)('refuses %s with 400 naming the field password (Vietnamese and English), and writes nothing', async (_, password, message) => {
      const email = `${tag()}@demo.local`;
      const res = await a.api.post(
        '/api/v1/admin/users',
        { email, password: password(email), fullName: 'Trần Văn Bình', role: 'officer', orgUnitCode: 'BTG' },
        { token: adminToken },
      );
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'password', message: expect.stringMatching(message) }]);
      // Each reader gets the policy's sentence in their language (Accept-Language; Vietnamese by default).
      expect(res.body.errors[0].message).toMatch(/^Mật khẩu /);
      expect(res.body.errors[0].message).not.toContain(' / ');
      const en = await a.api.post(
        '/api/v1/admin/users',
        { email, password: password(email), fullName: 'Trần Văn Bình', role: 'officer', orgUnitCode: 'BTG' },
        { token: adminToken, headers: { 'accept-language': 'en' } },
      );
      expect(en.body.errors).toEqual([{ field: 'password', message: expect.stringMatching(/^Password /) }]);
      expect(await a.sql(`SELECT 1 FROM app_user WHERE email = $1`, [email])).toEqual([]);
      expect(await a.sql(`SELECT 1 FROM audit_log`)).toEqual([]);
    });

    it('refuses a weak new password on change (the row and the sessions stay), accepts a strong one', async () => {
      const user = await newUser();
      const token = await a.api.login(user.email, STRONG);
      const [before] = await a.sql(`SELECT password_hash, token_version FROM app_user WHERE id = $1`, [user.id]);
      for (const password of ['12345678', 'password1234', user.email, `${user.email.split('@')[0]}!2026`]) {
        const res = await a.api.patch(`/api/v1/admin/users/${user.id}`, { password }, { token: adminToken });
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['password']);
      }
      expect(await a.sql(`SELECT password_hash, token_version FROM app_user WHERE id = $1`, [user.id])).toEqual([before]);
      expect((await b.api.get('/api/v1/auth/me', { token })).status).toBe(200);
      const ok = await a.api.patch(`/api/v1/admin/users/${user.id}`, { password: 'Mua-thu-Ha-Noi-la-vang-bay' }, { token: adminToken });
      expect(ok.status).toBe(200);
    });

    it('accepts a strong passphrase; the demo seed password keeps working for logins (the seed is not subject to the policy)', async () => {
      const user = await newUser({ password: 'Hoa sen nở trên hồ Tây mùa hè' });
      expect(await a.api.login(user.email, 'Hoa sen nở trên hồ Tây mùa hè')).toEqual(expect.any(String));
      expect(await a.api.login('officer@demo.local', 'demo-2026')).toEqual(expect.any(String));
    });
  });

  describe('operator surfaces need credentials', () => {
    const surfaces = ['/metrics', '/docs', '/docs/', '/docs-json', '/docs-yaml', '/admin/queues', DASHBOARD];

    it('refuse anonymous callers, non-admins and wrong tokens, however the path is spelled', async () => {
      const anonymous: Array<[string, number]> = [];
      for (const h of [a, b]) {
        for (const path of [...surfaces, '/%64ocs-json', '/docs-json?x=1', '/metrics?format=x', '/%6detrics', '/admin/queues/', '/admin/%71ueues/api/queues']) {
          for (const headers of [{}, basic('triage@demo.local', 'demo-2026'), { authorization: 'Bearer nope' }, { authorization: `Bearer ${adminToken}` }]) {
            const res = await h.api.get(path, { headers });
            anonymous.push([path, res.status]);
            expect(res.headers.get('x-content-type-options')).toBe('nosniff');
          }
        }
      }
      // Refused or unknown; never served.
      expect(anonymous.filter(([, status]) => status !== 401 && status !== 404)).toEqual([]);
      const challenged = await a.api.get('/docs-json');
      expect(challenged.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      expect(challenged.headers.get('x-frame-options')).toBe('DENY');
    });

    it('serve an active admin (HTTP Basic) everywhere, and a scraper with METRICS_TOKEN on /metrics only', async () => {
      for (const h of [a, b]) {
        for (const path of surfaces) expect({ path, status: (await h.api.get(path, { headers: ADMIN_BASIC })).status }).toEqual({ path, status: 200 });
      }
      const scraped = await b.api.get('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(scraped.status).toBe(200);
      expect(scraped.body).toMatch(/^concern_desk_queue_up\{queue="notices"\} 1$/m);
      // The token opens nothing else, and copy A, which has none configured, takes no bearer token.
      expect((await b.api.get('/docs-json', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(401);
      expect((await a.api.get('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(401);
      expect((await b.api.get('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(401);
    });
  });
});

describe('Redis stopped under load', () => {
  let redis: PrivateRedis;
  let h: Harness;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    // Unknown e-mails with wrong passwords from one address: high limits, so the answers stay 200/401.
    h = await startHarness({ REDIS_URL: redis.url, LOGIN_MAX_FAILURES: '100', LOGIN_IP_MAX_FAILURES_PER_DAY: '100000' });
    await h.reset();
  });
  afterAll(async () => {
    await h?.close();
    await redis?.kill();
  });

  it('logins answer 200/401, case reads keep working and /metrics answers within 2 s marking the queues down; no 5xx', async () => {
    const officer = await h.api.login('officer@demo.local');
    const created = await h.api.post('/api/v1/concerns', concern(), { token: officer, headers: { 'Idempotency-Key': `sec-${Date.now()}` } });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId;

    type Route = 'login ok' | 'login wrong' | 'case list' | 'case read' | 'metrics';
    const tally = new Map<string, { n: number; statuses: Record<number, number>; slowestMs: number }>();
    const record = (phase: string, route: Route, status: number, ms: number) => {
      const key = `${phase} ${route}`;
      const t = tally.get(key) ?? { n: 0, statuses: {}, slowestMs: 0 };
      t.n++;
      t.statuses[status] = (t.statuses[status] ?? 0) + 1;
      t.slowestMs = Math.max(t.slowestMs, ms);
      tally.set(key, t);
    };
    let phase = 'up';
    let stop = false;
    let i = 0;
    const routes: Array<[Route, () => Promise<{ status: number }>]> = [
      ['login ok', () => h.api.post(LOGIN, { email: 'officer@demo.local', password: 'demo-2026' })],
      ['login wrong', () => h.api.post(LOGIN, { email: `nobody-${i++}@demo.local`, password: 'wrong' })],
      ['case list', () => h.api.get('/api/v1/cases', { token: officer })],
      ['case read', () => h.api.get(`/api/v1/cases/${caseId}`, { token: officer })],
      ['metrics', () => h.api.get('/metrics', { headers: ADMIN_BASIC })],
    ];
    const loop = async (offset: number) => {
      for (let k = offset; !stop; k++) {
        const [route, call] = routes[k % routes.length];
        const at = phase;
        const t0 = Date.now();
        const res = await call();
        record(at, route, res.status, Date.now() - t0);
      }
    };
    const loops = [0, 1, 2, 3].map(loop);
    await new Promise((r) => setTimeout(r, 2_000));
    await redis.kill();
    phase = 'down';
    const metricsDown = Date.now();
    const metrics = await h.api.get('/metrics', { headers: ADMIN_BASIC });
    const metricsMs = Date.now() - metricsDown;
    await new Promise((r) => setTimeout(r, 5_000));
    stop = true;
    await Promise.all(loops);

    const rows = [...tally.entries()].sort(([x], [y]) => x.localeCompare(y));
    const total = rows.reduce((s, [, t]) => s + t.n, 0);
    const fivexx = rows.reduce((s, [, t]) => s + Object.entries(t.statuses).reduce((n, [st, c]) => n + (Number(st) >= 500 ? c : 0), 0), 0);
    console.log(
      [
        ...rows.map(([k, t]) => `${k.padEnd(18)} ${String(t.n).padStart(5)} requests  ${JSON.stringify(t.statuses)}  slowest ${t.slowestMs} ms`),
        `TOTAL Redis stopped under load: ${total} requests, ${fivexx} 5xx; /metrics right after the kill in ${metricsMs} ms`,
      ].join('\n'),
    );

    expect(metrics.status).toBe(200);
    expect(metricsMs).toBeLessThan(2_000);
    expect(metrics.body).toMatch(/^concern_desk_queue_up\{queue="notices"\} 0$/m);
    expect(metrics.body).toMatch(/^concern_desk_notifications\{status="SENT"\} \d+$/m);
    for (const route of ['login ok', 'login wrong', 'case list', 'case read', 'metrics'] as const) {
      const down = tally.get(`down ${route}`);
      expect({ route, served: (down?.n ?? 0) > 0 }).toEqual({ route, served: true });
    }
    const expected: Record<Route, number[]> = { 'login ok': [200], 'login wrong': [401], 'case list': [200], 'case read': [200], metrics: [200] };
    for (const [key, t] of rows) {
      const route = key.slice(key.indexOf(' ') + 1) as Route;
      expect({
        key,
        unexpected: Object.keys(t.statuses)
          .map(Number)
          .filter((s) => !expected[route].includes(s)),
      }).toEqual({ key, unexpected: [] });
      if (route === 'metrics') expect(t.slowestMs).toBeLessThan(2_000);
    }
    expect(fivexx).toBe(0);
  });
});
