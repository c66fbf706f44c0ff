import { concern, type Harness, startHarness } from './helpers/harness.js';

describe('auth and roles', () => {
  let h: Harness;

  beforeAll(async () => {
    // A low lock threshold so the test can reach it.
    h = await startHarness({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: '60' });
  });
  afterAll(() => h.close());
  beforeEach(() => h.reset());

  it('logs in with e-mail and password (case-insensitive e-mail) and returns a bearer token', async () => {
    const res = await h.api.post('/api/v1/auth/login', { email: 'Triage@Demo.Local', password: 'demo-2026' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), expiresIn: expect.any(Number) });
    const me = await h.api.get('/api/v1/auth/me', { token: res.body.accessToken });
    expect(me.body).toMatchObject({ email: 'triage@demo.local', role: 'triager', roleLabel: { vi: 'Cán bộ thường trực (phân loại)' } });
  });

  it('stores passwords as argon2 hashes, never in clear', async () => {
    const [row] = await h.sql(`SELECT password_hash FROM app_user WHERE email = 'officer@demo.local'`);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a wrong password with 401 and no token', async () => {
    const res = await h.api.post('/api/v1/auth/login', { email: 'triage@demo.local', password: 'wrong' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(res.body.accessToken).toBeUndefined();
  });

  it('locks an account after repeated failures (429 with Retry-After), even with the right password', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await h.api.post('/api/v1/auth/login', { email: 'leader@demo.local', password: 'nope' })).status).toBe(401);
    }
    const locked = await h.api.post('/api/v1/auth/login', { email: 'leader@demo.local', password: 'demo-2026' });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('LOGIN_LOCKED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other accounts are not affected.
    expect((await h.api.post('/api/v1/auth/login', { email: 'triage@demo.local', password: 'demo-2026' })).status).toBe(200);
  });

  it('answers 401 without a token, with a bad token, and with a token signed by someone else', async () => {
    expect((await h.api.get('/api/v1/cases')).status).toBe(401);
    expect((await h.api.get('/api/v1/cases', { token: 'not.a.jwt' })).status).toBe(401);
    const forged =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJlLW5vdC12YWxpZA';
    const res = await h.api.get('/api/v1/cases', { token: forged });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers 403 to a role that may not act: agencies and leaders do not log concerns, only admins administer', async () => {
    const agency = await h.api.login('nnmt@demo.local');
    const leader = await h.api.login('leader@demo.local');
    const triage = await h.api.login('triage@demo.local');
    expect((await h.api.post('/api/v1/concerns', concern(), { token: agency })).status).toBe(403);
    expect((await h.api.post('/api/v1/concerns', concern(), { token: leader })).status).toBe(403);
    const res = await h.api.post('/api/v1/admin/categories', { code: 'X', labelVi: 'x', labelEn: 'x' }, { token: triage });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect((await h.api.get('/api/v1/admin/users', { token: triage })).status).toBe(403);
  });

  it('a deactivated user can neither log in nor use a token issued before', async () => {
    const admin = await h.api.login('admin@demo.local');
    const created = await h.api.post(
      '/api/v1/admin/users',
      { email: 'ctv.tmp@demo.local', password: 'mat-khau-2026', fullName: 'Cộng tác viên tạm', role: 'officer', orgUnitCode: 'BTG' },
      { token: admin },
    );
    expect(created.status).toBe(201);
    const token = await h.api.login('ctv.tmp@demo.local', 'mat-khau-2026');
    expect((await h.api.get('/api/v1/cases', { token })).status).toBe(200);

    const off = await h.api.patch(`/api/v1/admin/users/${created.body.id}`, { active: false }, { token: admin });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await h.api.get('/api/v1/cases', { token })).status).toBe(401);
    expect((await h.api.post('/api/v1/auth/login', { email: 'ctv.tmp@demo.local', password: 'mat-khau-2026' })).status).toBe(401);

    const audit = await h.sql(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [created.body.id]);
    expect(audit.map((a) => a.action)).toEqual(['USER_CREATED', 'USER_DEACTIVATED']);
    const [after] = await h.sql(`SELECT changes FROM audit_log WHERE action = 'USER_CREATED'`);
    expect(JSON.stringify(after.changes)).not.toMatch(/argon2|passwordHash/);
    await h.sql(`DELETE FROM app_user WHERE id = $1`, [created.body.id]).catch(() => undefined);
  });

  it('validates user administration input', async () => {
    const admin = await h.api.login('admin@demo.local');
    const dup = await h.api.post(
      '/api/v1/admin/users',
      { email: 'triage@demo.local', password: 'mat-khau-2026', fullName: 'X', role: 'triager', orgUnitCode: 'BTG' },
      { token: admin },
    );
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('EMAIL_TAKEN');
    const noUnit = await h.api.post(
      '/api/v1/admin/users',
      { email: 'a1@demo.local', password: 'mat-khau-2026', fullName: 'X', role: 'agency' },
      { token: admin },
    );
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.errors).toEqual([{ field: 'orgUnitCode', message: 'Đơn vị: là bắt buộc với vai trò này' }]);
    const badRole = await h.api.post('/api/v1/admin/users', { email: 'a2@demo.local', password: 'short', fullName: 'X', role: 'king' }, { token: admin });
    expect(badRole.status).toBe(400);
    expect(badRole.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['password', 'role']);
    const [{ n }] = await h.sql(`SELECT count(*)::int AS n FROM app_user WHERE email IN ('a1@demo.local', 'a2@demo.local')`);
    expect(n).toBe(0);
  });
});
