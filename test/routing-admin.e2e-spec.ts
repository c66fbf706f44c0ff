import { type Harness, startHarness } from './helpers/harness.js';
import { Desk } from './helpers/workflow.js';

describe('routing rules, suggested agencies and coordination programmes', () => {
  let h: Harness;
  let d: Desk;
  let admin: string;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.reset();
    d = new Desk(h);
    admin = await d.as('admin@demo.local');
  });

  async function programme() {
    return h.api.post(
      '/api/v1/admin/programmes',
      {
        code: '01-CTrPH/BTGTU-UBND',
        titleVi: 'Chương trình phối hợp thực hiện Quy chế 238 giai đoạn 2021–2025',
        titleEn: 'Coordination programme under Regulation 238, 2021–2025',
        periodStart: '2021-03-25',
        periodEnd: '2025-12-31',
        partyCodes: ['UBND'],
        categoryCodes: ['LAND', 'ENVIRONMENT'],
        acknowledgeDays: 3,
        resolveDays: 30,
      },
      { token: admin },
    );
  }

  it('an admin records a coordination programme and its annual plans', async () => {
    expect((await programme()).status).toBe(201);
    const plan = await h.api.post(
      '/api/v1/admin/programmes/01-CTrPH%2FBTGTU-UBND/plans',
      { code: '84-KH/HĐND-BTGTU', year: 2023, signedOn: '2023-02-28' },
      { token: admin },
    );
    expect(plan.status).toBe(201);
    const list = await h.api.get('/api/v1/programmes', { token: await d.as('leader@demo.local') });
    expect(list.body).toEqual([
      expect.objectContaining({
        code: '01-CTrPH/BTGTU-UBND',
        periodStart: '2021-03-25',
        periodEnd: '2025-12-31',
        partyCodes: ['UBND'],
        categoryCodes: ['ENVIRONMENT', 'LAND'],
        acknowledgeDays: 3,
        resolveDays: 30,
        annualPlans: [{ id: expect.any(String), code: '84-KH/HĐND-BTGTU', year: 2023, signedOn: '2023-02-28', notes: null }],
      }),
    ]);
    expect((await programme()).status).toBe(409);
    expect((await h.api.post('/api/v1/admin/programmes/01-CTrPH%2FBTGTU-UBND/plans', { code: 'x-2023', year: 2023 }, { token: admin })).status).toBe(409);
    const audit = await h.sql(`SELECT action FROM audit_log ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(['PROGRAMME_CREATED', 'ANNUAL_PLAN_CREATED']);
  });

  it('refuses a programme with unknown parties or a reversed period', async () => {
    const res = await h.api.post(
      '/api/v1/admin/programmes',
      { code: 'BAD-1', titleVi: 'Thử', titleEn: 'Test', periodStart: '2025-01-01', periodEnd: '2024-01-01', partyCodes: ['NOPE'] },
      { token: admin },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'periodEnd', message: 'Ngày kết thúc: không được trước ngày bắt đầu' }]);
    const res2 = await h.api.post(
      '/api/v1/admin/programmes',
      {
        code: 'BAD-2',
        titleVi: 'Thử',
        titleEn: 'Test',
        periodStart: '2024-01-01',
        periodEnd: '2025-01-01',
        partyCodes: ['NOPE'],
        categoryCodes: ['LAND', 'ZZZ'],
      },
      { token: admin },
    );
    expect(res2.body.errors).toEqual([
      { field: 'partyCodes', message: 'Các bên phối hợp: không có mã NOPE (hoặc đã ngừng dùng)' },
      { field: 'categoryCodes', message: 'Lĩnh vực: không có mã ZZZ (hoặc đã ngừng dùng)' },
    ]);
    expect(await h.sql(`SELECT count(*)::int AS n FROM coordination_programme`)).toEqual([{ n: 0 }]);
    expect((await h.api.post('/api/v1/admin/programmes', {}, { token: await d.as('triage@demo.local') })).status).toBe(403);
  });

  it('routing rules pre-fill the triage desk’s choice, then the area’s commune People’s Committee', async () => {
    await programme();
    const rule = await h.api.post(
      '/api/v1/admin/routing-rules',
      { categoryCode: 'LAND', level: 'PROVINCE', orgUnitCode: 'NNMT', rank: 1, programmeCode: '01-CTrPH/BTGTU-UBND' },
      { token: admin },
    );
    expect(rule.status).toBe(201);
    await h.api.post('/api/v1/admin/routing-rules', { categoryCode: 'LAND', level: 'PROVINCE', orgUnitCode: 'UBND', rank: 0 }, { token: admin });
    await h.api.post('/api/v1/admin/routing-rules', { categoryCode: 'HEALTH', level: 'PROVINCE', orgUnitCode: 'YT' }, { token: admin });
    expect((await h.api.post('/api/v1/admin/routing-rules', { categoryCode: 'LAND', level: 'PROVINCE', orgUnitCode: 'NNMT' }, { token: admin })).status).toBe(
      409,
    );

    const caseId = await d.newCase({ areaCode: 'X02', categoryCode: 'LAND' });
    const res = await h.api.get(`/api/v1/cases/${caseId}/suggested-agencies`, { token: await d.as('triage@demo.local') });
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: any) => [s.orgUnitCode, s.role, s.source, s.programmeCode])).toEqual([
      ['UBND', 'LEAD', 'RULE', null],
      ['NNMT', 'LEAD', 'RULE', '01-CTrPH/BTGTU-UBND'],
      ['X02-UBND', 'SUPPORT', 'AREA', null],
    ]);

    // Deleting a rule is audited and takes effect at once.
    const rules = await h.api.get('/api/v1/admin/routing-rules', { token: admin });
    const ubndRule = rules.body.find((r: any) => r.orgUnitCode === 'UBND');
    expect((await h.api.request('DELETE', `/api/v1/admin/routing-rules/${ubndRule.id}`, undefined, { token: admin })).status).toBe(204);
    expect((await h.api.request('DELETE', `/api/v1/admin/routing-rules/${ubndRule.id}`, undefined, { token: admin })).status).toBe(404);
    const after = await h.api.get(`/api/v1/cases/${caseId}/suggested-agencies`, { token: await d.as('triage@demo.local') });
    expect(after.body.items.map((s: any) => s.orgUnitCode)).toEqual(['NNMT', 'X02-UBND']);
    const audit = await h.sql(`SELECT action FROM audit_log WHERE entity_type = 'routing_rule' ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(['ROUTING_RULE_CREATED', 'ROUTING_RULE_CREATED', 'ROUTING_RULE_CREATED', 'ROUTING_RULE_DELETED']);
  });

  it('refuses rules naming unknown codes', async () => {
    const res = await h.api.post(
      '/api/v1/admin/routing-rules',
      { categoryCode: 'NOPE', level: 'PROVINCE', orgUnitCode: 'NOWHERE', programmeCode: 'P' },
      { token: admin },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.field)).toEqual(['categoryCode', 'orgUnitCode', 'programmeCode']);
  });
});
