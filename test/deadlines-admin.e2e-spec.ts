import { type Harness, startHarness } from './helpers/harness.js';
import { Desk } from './helpers/workflow.js';

describe('working-day calendar and deadline policies (admin)', () => {
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

  it('shows the year’s public holidays, Tết as five days, and the admin’s corrections', async () => {
    expect(
      (await h.api.request('PUT', '/api/v1/admin/calendar/2026-09-01', { kind: 'DAY_OFF', note: 'Nghỉ Quốc khánh (ngày thứ hai)' }, { token: admin })).status,
    ).toBe(200);
    expect((await h.api.request('PUT', '/api/v1/admin/calendar/2026-02-14', { kind: 'WORKING_DAY', note: 'Làm bù' }, { token: admin })).status).toBe(200);
    const cal = await h.api.get('/api/v1/calendar?year=2026', { token: await d.as('nnmt@demo.local') });
    expect(cal.status).toBe(200);
    const days = cal.body.holidays.map((x: { day: string }) => x.day);
    expect(days).toEqual(
      expect.arrayContaining([
        '2026-01-01',
        '2026-02-16',
        '2026-02-17',
        '2026-02-18',
        '2026-02-19',
        '2026-02-20',
        '2026-04-26',
        '2026-04-30',
        '2026-05-01',
        '2026-09-02',
      ]),
    );
    expect(cal.body.overrides.map((o: { day: string; kind: string }) => [o.day, o.kind])).toEqual([
      ['2026-02-14', 'WORKING_DAY'],
      ['2026-09-01', 'DAY_OFF'],
    ]);
    const audit = await h.sql(`SELECT action FROM audit_log WHERE entity_type = 'calendar_day' ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(['CALENDAR_DAY_SET', 'CALENDAR_DAY_SET']);
    expect((await h.api.request('DELETE', '/api/v1/admin/calendar/2026-09-01', undefined, { token: admin })).status).toBe(204);
    expect((await h.api.request('DELETE', '/api/v1/admin/calendar/2026-09-01', undefined, { token: admin })).status).toBe(404);
  });

  it('refuses bad calendar input and non-admins', async () => {
    expect((await h.api.request('PUT', '/api/v1/admin/calendar/2026-02-30', { kind: 'DAY_OFF', note: 'x' }, { token: admin })).status).toBe(400);
    const bad = await h.api.request('PUT', '/api/v1/admin/calendar/2026-03-02', { kind: 'HOLIDAY', note: '' }, { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'note']);
    expect(
      (await h.api.request('PUT', '/api/v1/admin/calendar/2026-03-02', { kind: 'DAY_OFF', note: 'x' }, { token: await d.as('triage@demo.local') })).status,
    ).toBe(403);
    expect(await h.sql(`SELECT count(*)::int AS n FROM calendar_day`)).toEqual([{ n: 0 }]);
  });

  it('the most specific deadline policy sets an assignment’s due dates', async () => {
    const general = await h.api.post('/api/v1/admin/deadline-policies', { priority: 'HIGH', acknowledgeDays: 2, resolveDays: 10 }, { token: admin });
    expect(general.status).toBe(201);
    const land = await h.api.post(
      '/api/v1/admin/deadline-policies',
      { priority: 'HIGH', categoryCode: 'LAND', acknowledgeDays: 1, resolveDays: 5 },
      { token: admin },
    );
    expect(land.status).toBe(201);
    expect(
      (await h.api.post('/api/v1/admin/deadline-policies', { priority: 'HIGH', categoryCode: 'LAND', acknowledgeDays: 1, resolveDays: 5 }, { token: admin }))
        .status,
    ).toBe(409);
    const bad = await h.api.post(
      '/api/v1/admin/deadline-policies',
      { priority: 'SOON', categoryCode: 'NOPE', acknowledgeDays: -1, resolveDays: 0 },
      { token: admin },
    );
    expect(bad.status).toBe(400);

    const landCase = await d.newCase({ categoryCode: 'LAND' });
    await d.triage(landCase, { priority: 'HIGH', categoryCode: 'LAND', supportingAgencies: [] });
    const healthCase = await d.newCase({ categoryCode: 'HEALTH' });
    await d.triage(healthCase, { priority: 'HIGH', categoryCode: 'HEALTH', leadAgency: 'YT', supportingAgencies: [] });
    const [l] = await h.sql(`SELECT policy_id, created_at, resolve_due_at FROM assignment WHERE case_id = $1`, [landCase]);
    const [o] = await h.sql(`SELECT policy_id, created_at, resolve_due_at FROM assignment WHERE case_id = $1`, [healthCase]);
    expect(l.policy_id).toBe(land.body.id);
    expect(o.policy_id).toBe(general.body.id);
    // 5 working days is at least 5 and (with weekends and holidays) at most ~12 calendar days.
    const days = (a: { created_at: Date; resolve_due_at: Date }) => (new Date(a.resolve_due_at).getTime() - new Date(a.created_at).getTime()) / 86_400_000;
    expect(days(l)).toBeGreaterThanOrEqual(5);
    expect(days(l)).toBeLessThan(days(o));
  });
});
