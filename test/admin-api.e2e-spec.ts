import { ADMIN_BASIC } from './helpers/admin.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { Desk } from './helpers/workflow.js';

const STRONG = 'Song-Hong-chay-qua-Ha-Noi-42';
const PROGRAMME = '01-CTrPH/BTGTU-UBND';
const P = encodeURIComponent(PROGRAMME);

/**
 * The admin routes added for the admin screens: PATCH of routing rules, deadline policies,
 * programmes and annual plans (edited in place, audited with before and after; bad input 400 with
 * nothing written; other roles 403), one record's history, and the queue dashboard's session cookie.
 */
describe('admin API: edits in place, history, queue dashboard session', () => {
  let h: Harness;
  let d: Desk;
  let admin: string;
  let triager: string;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.reset();
    d = new Desk(h);
    admin = await d.as('admin@demo.local');
    triager = await d.as('triage@demo.local');
  });

  const audit = (type: string, id: string) => h.sql(`SELECT action, changes FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`, [type, id]);

  async function programme() {
    const res = await h.api.post(
      '/api/v1/admin/programmes',
      {
        code: PROGRAMME,
        titleVi: 'Chương trình phối hợp thực hiện Quy chế 238 giai đoạn 2021–2025',
        titleEn: 'Coordination programme under Regulation 238, 2021–2025',
        periodStart: '2021-03-25',
        periodEnd: '2025-12-31',
        partyCodes: ['UBND'],
        categoryCodes: ['LAND'],
        acknowledgeDays: 3,
        resolveDays: 30,
      },
      { token: admin },
    );
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  describe('PATCH /admin/routing-rules/:id', () => {
    async function rule(body: Record<string, unknown> = {}) {
      const res = await h.api.post('/api/v1/admin/routing-rules', { categoryCode: 'LAND', level: 'PROVINCE', orgUnitCode: 'NNMT', ...body }, { token: admin });
      expect(res.status).toBe(201);
      return res.body.id as string;
    }

    it('changes a rule in place: same id, the list shows it, the audit row has before and after', async () => {
      await programme();
      const id = await rule();
      const res = await h.api.patch(
        `/api/v1/admin/routing-rules/${id}`,
        { orgUnitCode: 'XD', role: 'SUPPORT', rank: 3, programmeCode: PROGRAMME },
        { token: admin },
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id, categoryCode: 'LAND', level: 'PROVINCE', orgUnitCode: 'XD', role: 'SUPPORT', rank: 3, programmeCode: PROGRAMME });
      expect((await h.api.get('/api/v1/admin/routing-rules', { token: admin })).body).toEqual([res.body]);
      // null takes it out of the programme
      expect((await h.api.patch(`/api/v1/admin/routing-rules/${id}`, { programmeCode: null }, { token: admin })).body.programmeCode).toBeNull();
      const rows = await audit('routing_rule', id);
      expect(rows.map((r) => r.action)).toEqual(['ROUTING_RULE_CREATED', 'ROUTING_RULE_UPDATED', 'ROUTING_RULE_UPDATED']);
      expect(rows[1].changes.before).toMatchObject({ orgUnitCode: 'NNMT', role: 'LEAD', rank: 0, programmeCode: null });
      expect(rows[1].changes.after).toMatchObject({ orgUnitCode: 'XD', role: 'SUPPORT', rank: 3, programmeCode: PROGRAMME });
    });

    it.each([
      ['a negative rank', { rank: -1 }, 'rank'],
      ['an unknown role', { role: 'CHIEF' }, 'role'],
      ['null for the level', { level: null }, 'level'],
      ['an unknown unit', { orgUnitCode: 'NOPE' }, 'orgUnitCode'],
      ['an unknown programme', { programmeCode: 'NOPE' }, 'programmeCode'],
      ['an unknown field', { colour: 'red' }, 'colour'],
    ])('refuses %s with 400 and writes nothing', async (_, body, fieldName) => {
      const id = await rule();
      const before = await h.sql(`SELECT * FROM routing_rule WHERE id = $1`, [id]);
      const res = await h.api.patch(`/api/v1/admin/routing-rules/${id}`, body, { token: admin });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(fieldName);
      expect(await h.sql(`SELECT * FROM routing_rule WHERE id = $1`, [id])).toEqual(before);
      expect((await audit('routing_rule', id)).map((r) => r.action)).toEqual(['ROUTING_RULE_CREATED']);
    });

    it('409 when it would duplicate another rule, 404 for an unknown rule, 403 for a triager', async () => {
      const id = await rule();
      await rule({ orgUnitCode: 'XD' });
      expect((await h.api.patch(`/api/v1/admin/routing-rules/${id}`, { orgUnitCode: 'XD' }, { token: admin })).status).toBe(409);
      expect((await h.api.patch(`/api/v1/admin/routing-rules/00000000-0000-4000-8000-000000000000`, { rank: 1 }, { token: admin })).status).toBe(404);
      const forbidden = await h.api.patch(`/api/v1/admin/routing-rules/${id}`, { rank: 1 }, { token: triager });
      expect(forbidden.status).toBe(403);
      expect((await h.sql(`SELECT rank, org_unit_id FROM routing_rule WHERE id = $1`, [id]))[0].rank).toBe(0);
      expect((await audit('routing_rule', id)).map((r) => r.action)).toEqual(['ROUTING_RULE_CREATED']);
    });
  });

  describe('PATCH /admin/deadline-policies/:id', () => {
    async function policy(body: Record<string, unknown> = {}) {
      const res = await h.api.post('/api/v1/admin/deadline-policies', { priority: 'HIGH', acknowledgeDays: 2, resolveDays: 15, ...body }, { token: admin });
      expect(res.status).toBe(201);
      return res.body.id as string;
    }

    it('changes a policy in place, audited with before and after', async () => {
      const id = await policy();
      const res = await h.api.patch(
        `/api/v1/admin/deadline-policies/${id}`,
        { resolveDays: 20.5, reminderFractions: [0.25, 0.75], pauseOnExtension: true, categoryCode: 'LAND' },
        { token: admin },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id,
        priority: 'HIGH',
        categoryCode: 'LAND',
        acknowledgeDays: 2,
        resolveDays: 20.5,
        reminderFractions: [0.25, 0.75],
        pauseOnExtension: true,
      });
      const listed = (await h.api.get('/api/v1/admin/deadline-policies', { token: admin })).body;
      expect(listed).toEqual([res.body]);
      const rows = await audit('deadline_policy', id);
      expect(rows.map((r) => r.action)).toEqual(['DEADLINE_POLICY_CREATED', 'DEADLINE_POLICY_UPDATED']);
      expect(rows[1].changes.before).toMatchObject({ resolveDays: 15, categoryCode: null, pauseOnExtension: false });
      expect(rows[1].changes.after).toMatchObject({ resolveDays: 20.5, categoryCode: 'LAND', pauseOnExtension: true });
    });

    it.each([
      ['resolve shorter than acknowledge', { resolveDays: 1 }, 'resolveDays'],
      ['zero days', { acknowledgeDays: 0 }, 'acknowledgeDays'],
      ['a fraction out of range', { reminderFractions: [1.5] }, 'reminderFractions'],
      ['null for the priority', { priority: null }, 'priority'],
      ['an unknown category', { categoryCode: 'NOPE' }, 'categoryCode'],
      ['a string for a number', { resolveDays: '20' }, 'resolveDays'],
    ])('refuses %s with 400 and writes nothing', async (_, body, fieldName) => {
      const id = await policy();
      const before = await h.sql(`SELECT * FROM deadline_policy WHERE id = $1`, [id]);
      const res = await h.api.patch(`/api/v1/admin/deadline-policies/${id}`, body, { token: admin });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(fieldName);
      expect(await h.sql(`SELECT * FROM deadline_policy WHERE id = $1`, [id])).toEqual(before);
      expect((await audit('deadline_policy', id)).map((r) => r.action)).toEqual(['DEADLINE_POLICY_CREATED']);
    });

    it('409 when another policy has the same scope, 403 for a triager', async () => {
      const id = await policy();
      await policy({ priority: 'LOW' });
      expect((await h.api.patch(`/api/v1/admin/deadline-policies/${id}`, { priority: 'LOW' }, { token: admin })).status).toBe(409);
      expect((await h.api.patch(`/api/v1/admin/deadline-policies/${id}`, { resolveDays: 30 }, { token: triager })).status).toBe(403);
      expect((await h.sql(`SELECT priority, resolve_days FROM deadline_policy WHERE id = $1`, [id]))[0]).toEqual({ priority: 'HIGH', resolve_days: 15 });
    });
  });

  describe('PATCH /admin/programmes/:code and its plans', () => {
    it('changes a programme and an annual plan in place, each audited', async () => {
      const id = await programme();
      const res = await h.api.patch(
        `/api/v1/admin/programmes/${P}`,
        { titleVi: 'Chương trình phối hợp (sửa đổi)', periodEnd: '2026-12-31', partyCodes: ['UBND', 'HDND'], resolveDays: null, active: false },
        { token: admin },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id,
        code: PROGRAMME,
        titleVi: 'Chương trình phối hợp (sửa đổi)',
        periodStart: '2021-03-25',
        periodEnd: '2026-12-31',
        partyCodes: ['HDND', 'UBND'],
        categoryCodes: ['LAND'],
        acknowledgeDays: 3,
        resolveDays: null,
        active: false,
      });
      const plan = await h.api.post(`/api/v1/admin/programmes/${P}/plans`, { code: '84-KH/HĐND-BTGTU', year: 2023 }, { token: admin });
      const edited = await h.api.patch(`/api/v1/admin/programmes/${P}/plans/2023`, { signedOn: '2023-02-28', notes: 'Ký bổ sung' }, { token: admin });
      expect(edited.status).toBe(200);
      const listed = (await h.api.get('/api/v1/programmes', { token: admin })).body[0];
      expect(listed.annualPlans).toEqual([{ id: plan.body.id, code: '84-KH/HĐND-BTGTU', year: 2023, signedOn: '2023-02-28', notes: 'Ký bổ sung' }]);
      expect((await audit('coordination_programme', id)).map((r) => r.action)).toEqual(['PROGRAMME_CREATED', 'PROGRAMME_UPDATED']);
      const planAudit = await audit('annual_plan', plan.body.id);
      expect(planAudit.map((r) => r.action)).toEqual(['ANNUAL_PLAN_CREATED', 'ANNUAL_PLAN_UPDATED']);
      expect(planAudit[1].changes).toEqual({
        before: { id: plan.body.id, code: '84-KH/HĐND-BTGTU', year: 2023, signedOn: null, notes: null },
        after: { id: plan.body.id, code: '84-KH/HĐND-BTGTU', year: 2023, signedOn: '2023-02-28', notes: 'Ký bổ sung' },
      });
    });

    it.each([
      ['a reversed period', { periodEnd: '2020-01-01' }, 'periodEnd'],
      ['an unknown party', { partyCodes: ['NOPE'] }, 'partyCodes'],
      ['no party', { partyCodes: [] }, 'partyCodes'],
      ['a new code', { code: 'OTHER-1' }, 'code'],
      ['null for the title', { titleVi: null }, 'titleVi'],
      ['a day that does not exist', { periodStart: '2021-02-30' }, 'periodStart'],
    ])('refuses %s with 400 and writes nothing', async (_, body, fieldName) => {
      const id = await programme();
      const before = await h.sql(`SELECT * FROM coordination_programme WHERE id = $1`, [id]);
      const res = await h.api.patch(`/api/v1/admin/programmes/${P}`, body, { token: admin });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(fieldName);
      expect(await h.sql(`SELECT * FROM coordination_programme WHERE id = $1`, [id])).toEqual(before);
      expect((await audit('coordination_programme', id)).map((r) => r.action)).toEqual(['PROGRAMME_CREATED']);
    });

    it('refuses a bad plan edit, an unknown plan or programme, and other roles', async () => {
      await programme();
      const plan = await h.api.post(`/api/v1/admin/programmes/${P}/plans`, { code: '84-KH/HĐND-BTGTU', year: 2023 }, { token: admin });
      expect((await h.api.patch(`/api/v1/admin/programmes/${P}/plans/2023`, { signedOn: '2023-13-01' }, { token: admin })).status).toBe(400);
      expect((await h.api.patch(`/api/v1/admin/programmes/${P}/plans/2023`, { code: null }, { token: admin })).status).toBe(400);
      expect((await h.api.patch(`/api/v1/admin/programmes/${P}/plans/1999`, { notes: 'x' }, { token: admin })).status).toBe(400);
      expect((await h.api.patch(`/api/v1/admin/programmes/${P}/plans/2024`, { notes: 'x' }, { token: admin })).status).toBe(404);
      expect((await h.api.patch(`/api/v1/admin/programmes/NOPE`, { titleVi: 'Thử nghiệm' }, { token: admin })).status).toBe(404);
      expect((await h.api.patch(`/api/v1/admin/programmes/${P}`, { titleVi: 'Thử nghiệm' }, { token: triager })).status).toBe(403);
      expect((await h.api.patch(`/api/v1/admin/programmes/${P}/plans/2023`, { notes: 'x' }, { token: await d.as('leader@demo.local') })).status).toBe(403);
      expect((await audit('annual_plan', plan.body.id)).map((r) => r.action)).toEqual(['ANNUAL_PLAN_CREATED']);
    });
  });

  describe('GET /admin/audit-log', () => {
    it("pages through one record's history, newest first, naming who changed what", async () => {
      const units = (await h.api.get('/api/v1/org-units', { token: admin })).body;
      const xd = units.find((u: { code: string }) => u.code === 'XD');
      for (const place of ['Lào Cai', 'Sa Pa', 'Bắc Hà']) {
        expect((await h.api.patch('/api/v1/admin/org-units/XD', { documentPlace: place }, { token: admin })).status).toBe(200);
      }
      const first = await h.api.get(`/api/v1/admin/audit-log?entityType=org_unit&entityId=${xd.id}&limit=2`, { token: admin });
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.items[0]).toMatchObject({
        action: 'ORG_UNIT_UPDATED',
        actorEmail: 'admin@demo.local',
        actorName: expect.any(String),
        before: expect.objectContaining({ documentPlace: 'Sa Pa' }),
        after: expect.objectContaining({ documentPlace: 'Bắc Hà' }),
        occurredAt: expect.any(String),
      });
      const second = await h.api.get(`/api/v1/admin/audit-log?entityType=org_unit&entityId=${xd.id}&limit=2&cursor=${first.body.nextCursor}`, { token: admin });
      expect(second.body.items.map((i: { after: { documentPlace: string } }) => i.after.documentPlace)).toEqual(['Lào Cai']);
      expect(second.body.nextCursor).toBeNull();
      // Another record's history is its own.
      const other = await h.api.get(`/api/v1/admin/audit-log?entityType=org_unit&entityId=${units[0].id === xd.id ? units[1].id : units[0].id}`, {
        token: admin,
      });
      expect(other.body).toEqual({ items: [], nextCursor: null });
      // The units outlive h.reset(): give XD its profile back for the suites after this one.
      expect((await h.api.patch('/api/v1/admin/org-units/XD', { documentPlace: null }, { token: admin })).status).toBe(200);
    });

    it('refuses bad queries and other roles', async () => {
      for (const q of [
        '',
        'entityType=org_unit',
        'entityType=Org-Unit&entityId=x',
        'entityType=org_unit&entityId=x&cursor=bm9wZQ',
        'entityType=org_unit&entityId=x&limit=0',
      ]) {
        expect({ q, status: (await h.api.get(`/api/v1/admin/audit-log?${q}`, { token: admin })).status }).toEqual({ q, status: 400 });
      }
      expect((await h.api.get('/api/v1/admin/audit-log?entityType=org_unit&entityId=x', { token: triager })).status).toBe(403);
      expect((await h.api.get('/api/v1/admin/audit-log?entityType=org_unit&entityId=x')).status).toBe(401);
    });
  });

  describe('the queue dashboard with the admin page session', () => {
    async function newAdmin() {
      const email = `queues-${Date.now()}-${Math.round(Math.random() * 1e6)}@demo.local`;
      const res = await h.api.post('/api/v1/admin/users', { email, password: STRONG, fullName: 'Lê Thị Hàng', role: 'admin' }, { token: admin });
      expect(res.status).toBe(201);
      return { id: res.body.id as string, token: await h.api.login(email, STRONG) };
    }

    async function sessionCookie(token: string) {
      const res = await h.api.post('/api/v1/admin/queues/session', undefined, { token });
      expect(res.status).toBe(204);
      return res.headers.get('set-cookie') ?? '';
    }

    const dashboard = (cookie?: string) => fetch(`${h.api.baseUrl}/admin/queues`, { headers: cookie ? { cookie } : {} });

    it('an admin session opens the dashboard without Basic; without it the dashboard still asks for Basic', async () => {
      const setCookie = await sessionCookie(admin);
      expect(setCookie).toMatch(/^cd_queue_session=[\w-]+\.[\w-]+\.[\w-]+; /);
      expect(setCookie).toContain('Path=/admin/queues');
      expect(setCookie).toContain('HttpOnly');
      expect(setCookie).toContain('SameSite=Strict');
      expect(setCookie).toMatch(/Max-Age=\d+/);
      expect(setCookie).not.toContain('Secure'); // plain http here
      const cookie = setCookie.split(';')[0];
      const page = await dashboard(cookie);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Concern Desk');
      expect((await fetch(`${h.api.baseUrl}/admin/queues/api/queues`, { headers: { cookie } })).status).toBe(200);
      // Other cookies beside it are fine.
      expect((await dashboard(`theme=dark; ${cookie}; x=1`)).status).toBe(200);

      const anonymous = await dashboard();
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /);
      expect((await fetch(`${h.api.baseUrl}/admin/queues`, { headers: ADMIN_BASIC })).status).toBe(200);
      // The cookie opens the dashboard only, not the API documentation.
      expect((await fetch(`${h.api.baseUrl}/docs-json`, { headers: { cookie } })).status).toBe(401);
    });

    it('refuses a forged cookie, an access token as the cookie, and the cookie of a user no longer an active admin', async () => {
      expect((await dashboard('cd_queue_session=not-a-token')).status).toBe(401);
      // An access token is signed with another key: it is no dashboard session.
      expect((await dashboard(`cd_queue_session=${admin}`)).status).toBe(401);

      const revoked = await newAdmin();
      const revokedCookie = (await sessionCookie(revoked.token)).split(';')[0];
      expect((await dashboard(revokedCookie)).status).toBe(200);
      await h.api.post(`/api/v1/admin/users/${revoked.id}/revoke-sessions`, undefined, { token: admin });
      expect((await dashboard(revokedCookie)).status).toBe(401);

      const demoted = await newAdmin();
      const demotedCookie = (await sessionCookie(demoted.token)).split(';')[0];
      await h.api.patch(`/api/v1/admin/users/${demoted.id}`, { fullName: 'Lê Thị Hàng (2)' }, { token: admin });
      expect((await dashboard(demotedCookie)).status).toBe(200);
      await h.api.patch(`/api/v1/admin/users/${demoted.id}`, { active: false }, { token: admin });
      expect((await dashboard(demotedCookie)).status).toBe(401);
    });

    it('behind a trusted proxy that received https, the cookie is Secure', async () => {
      const proxied = await startHarness({ TRUST_PROXY: '127.0.0.1' });
      try {
        const token = await proxied.api.login('admin@demo.local');
        const https = await proxied.api.post('/api/v1/admin/queues/session', undefined, { token, headers: { 'x-forwarded-proto': 'https' } });
        expect(https.headers.get('set-cookie')).toMatch(/; Secure$/);
        const plain = await proxied.api.post('/api/v1/admin/queues/session', undefined, { token });
        expect(plain.headers.get('set-cookie')).not.toContain('Secure');
      } finally {
        await proxied.close();
      }
    });

    it('only an admin may ask for the session', async () => {
      const res = await h.api.post('/api/v1/admin/queues/session', undefined, { token: triager });
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect((await h.api.post('/api/v1/admin/queues/session')).status).toBe(401);
    });
  });
});
