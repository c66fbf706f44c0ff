import { type Harness, startHarness } from './helpers/harness.js';
import { Desk } from './helpers/workflow.js';

/**
 * The calendar as the law writes it, through the API: substitute days, the second National Day
 * day, the government's announcements and the admins' rows, each day off with why, and the
 * deadline preview computed by the deadlines' own arithmetic.
 */
describe('calendar as the law writes it (issue 13, part 1)', () => {
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

  const preview = async (from: string, workingDays: string | number, token: string) =>
    h.api.get(`/api/v1/calendar/preview?from=${encodeURIComponent(from)}&workingDays=${workingDays}`, { token });

  it('a 5-working-day deadline from the Wednesday before Tết 2027 (day 1 a Saturday) counts the substitute days: due Wed 17 Feb', async () => {
    const agency = await d.as('nnmt@demo.local');
    const res = await preview('2027-02-03T10:00:00+07:00', 5, agency);
    expect(res.status).toBe(200);
    // Thu 4 = 1; Fri 5 – Tue 9 Tết; Wed 10, Thu 11 substitutes for mùng 1–2 (Sat, Sun); Fri 12 = 2, Mon 15 = 3, Tue 16 = 4, Wed 17 = 5.
    expect(res.body.due).toBe('2027-02-17T03:00:00.000Z');
    type Day = { day: string; counted: number | null; working: boolean; reasons: Array<{ source: string; text: string; substituteFor?: { day: string } }> };
    const days: Day[] = res.body.days;
    expect(days.filter((x) => x.counted).map((x) => x.day)).toEqual(['2027-02-04', '2027-02-12', '2027-02-15', '2027-02-16', '2027-02-17']);
    const why = (day: string) => days.find((x) => x.day === day)!.reasons.map((r) => r.source);
    expect(why('2027-02-05')).toEqual(['LAW']);
    expect(why('2027-02-06')).toEqual(['LAW', 'WEEKEND']);
    expect(why('2027-02-10')).toEqual(['SUBSTITUTE']);
    expect(days.find((x) => x.day === '2027-02-11')!.reasons[0].substituteFor).toEqual({ day: '2027-02-07', name: 'Tết Nguyên Đán (mùng 2)' });
    expect(why('2027-02-13')).toEqual(['WEEKEND']);
    // A bare date is 00:00 in Vietnam that day.
    const bare = await preview('2027-02-03', 5, agency);
    expect(bare.body).toEqual(expect.objectContaining({ from: '2027-02-02T17:00:00.000Z', due: '2027-02-16T17:00:00.000Z', workingDays: 5 }));
    // Fractions as the policies allow them: 0.5 from Fri 5 Feb (Tết) counts from Fri 12 Feb 00:00 → 12:00.
    expect((await preview('2027-02-05T09:00:00+07:00', 0.5, agency)).body.due).toBe('2027-02-12T05:00:00.000Z');
  });

  it('an assignment’s due date is the preview’s: triage and assign now, a 5-day policy', async () => {
    expect((await h.api.post('/api/v1/admin/deadline-policies', { priority: 'HIGH', acknowledgeDays: 1, resolveDays: 5 }, { token: admin })).status).toBe(201);
    const caseId = await d.newCase({ categoryCode: 'LAND' });
    expect((await d.triage(caseId, { supportingAgencies: [] })).status).toBe(200);
    const [a] = await h.sql(`SELECT created_at, resolve_due_at FROM assignment WHERE case_id = $1`, [caseId]);
    const res = await preview(new Date(a.created_at).toISOString(), 5, admin);
    expect(res.status).toBe(200);
    // The deadline is counted from the triage's own clock reading, a few milliseconds from created_at.
    expect(Math.abs(Date.parse(res.body.due) - new Date(a.resolve_due_at).getTime())).toBeLessThan(5_000);
  });

  it('GET /calendar says why each day of 2026 is off, and which days are worked', async () => {
    // The shipped announcements are cleared by the harness reset; an admin enters one as the API allows for later years.
    const gov = await h.api.request(
      'PUT',
      '/api/v1/admin/calendar/2026-01-10',
      { kind: 'WORKING_DAY', note: 'Làm bù cho thứ Sáu 2/1/2026', source: 'GOVERNMENT', reference: 'Bộ Nội vụ, thông báo ngày 25/12/2025' },
      { token: admin },
    );
    expect(gov.status).toBe(200);
    expect(gov.body).toEqual(expect.objectContaining({ day: '2026-01-10', source: 'GOVERNMENT', reference: 'Bộ Nội vụ, thông báo ngày 25/12/2025' }));
    expect(
      (
        await h.api.request(
          'PUT',
          '/api/v1/admin/calendar/2026-01-02',
          { kind: 'DAY_OFF', note: 'Hoán đổi dịp Tết Dương lịch', source: 'GOVERNMENT', reference: 'Bộ Nội vụ, thông báo ngày 25/12/2025' },
          { token: admin },
        )
      ).status,
    ).toBe(200);
    expect(
      (await h.api.request('PUT', '/api/v1/admin/calendar/2026-11-20', { kind: 'DAY_OFF', note: 'Nghỉ theo quyết định của tỉnh' }, { token: admin })).status,
    ).toBe(200);

    const cal = await h.api.get('/api/v1/calendar?year=2026', { token: await d.as('leader@demo.local') });
    expect(cal.status).toBe(200);
    type Explained = { day: string; source: string; text: string; kind: string; reference?: string | null; substituteFor?: { day: string; name: string } };
    const off: Record<string, Explained> = Object.fromEntries(cal.body.daysOff.map((x: Explained) => [x.day, x]));
    expect(off['2026-01-01']).toEqual(expect.objectContaining({ source: 'LAW', text: 'Tết Dương lịch', reference: expect.stringContaining('Điều 112') }));
    expect(off['2026-01-02']).toEqual(expect.objectContaining({ source: 'GOVERNMENT', reference: 'Bộ Nội vụ, thông báo ngày 25/12/2025' }));
    expect(off['2026-04-26']).toEqual(expect.objectContaining({ source: 'LAW', text: 'Giỗ tổ Hùng Vương' }));
    expect(off['2026-04-27']).toEqual(
      expect.objectContaining({
        source: 'SUBSTITUTE',
        substituteFor: { day: '2026-04-26', name: 'Giỗ tổ Hùng Vương' },
        reference: expect.stringContaining('Điều 111'),
      }),
    );
    expect(off['2026-09-01']).toEqual(expect.objectContaining({ source: 'LAW', text: 'Quốc khánh (ngày thứ hai)' }));
    expect(off['2026-11-20']).toEqual(expect.objectContaining({ source: 'ADMIN', text: 'Nghỉ theo quyết định của tỉnh' }));
    expect(Object.keys(off)).toHaveLength(14); // 1/1, 2/1, Tết ×5, 26/4, 27/4, 30/4, 1/5, 1/9, 2/9, 20/11: no plain weekend
    expect(Object.keys(off)).not.toContain('2026-01-03');
    expect(cal.body.workingDays).toEqual([expect.objectContaining({ day: '2026-01-10', kind: 'WORKING_DAY', source: 'GOVERNMENT', isoWeekday: 6 })]);
    // The current fields stay: the law's holidays and the override rows.
    expect(cal.body.holidays.map((x: { day: string }) => x.day)).toEqual(expect.arrayContaining(['2026-02-16', '2026-09-01', '2026-09-02']));
    expect(cal.body.overrides.map((o: { day: string; source: string }) => [o.day, o.source])).toEqual([
      ['2026-01-02', 'GOVERNMENT'],
      ['2026-01-10', 'GOVERNMENT'],
      ['2026-11-20', 'ADMIN'],
    ]);
    expect(cal.body.rules.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['Tết Nguyên Đán', 'Quốc khánh (ngày thứ hai)']));
    // The make-up Saturday counts in deadlines: Fri 9 Jan 2026 + 1 → Sat 10 Jan.
    expect((await preview('2026-01-09T10:00:00+07:00', 1, admin)).body.due).toBe('2026-01-10T03:00:00.000Z');

    // A GOVERNMENT row names its announcement; without one nothing is written.
    const before = await h.sql(`SELECT count(*)::int AS n FROM calendar_day`);
    const noRef = await h.api.request('PUT', '/api/v1/admin/calendar/2026-12-31', { kind: 'DAY_OFF', note: 'x', source: 'GOVERNMENT' }, { token: admin });
    expect(noRef.status).toBe(400);
    expect([...new Set(noRef.body.errors.map((e: { field: string }) => e.field))]).toEqual(['reference']);
    expect(await h.sql(`SELECT count(*)::int AS n FROM calendar_day`)).toEqual(before);
  });

  it('an admin adds a newly legislated holiday as one row: the preview changes, and changes back when it is removed', async () => {
    const tuesday = '2027-11-23T10:00:00+07:00';
    expect((await preview(tuesday, 1, admin)).body.due).toBe('2027-11-24T03:00:00.000Z');
    const added = await h.api.post(
      '/api/v1/admin/calendar/holiday-rules',
      {
        name: 'Ngày Văn hóa Việt Nam',
        calendar: 'SOLAR',
        month: 11,
        day: 24,
        fromYear: 2027,
        legalBasis: 'Luật sửa đổi Bộ luật Lao động (giả định cho kiểm thử)',
      },
      { token: admin },
    );
    expect(added.status).toBe(201);
    // holiday_rule is reference data the harness keeps between tests: the row goes whatever happens.
    try {
      expect(added.body).toEqual(expect.objectContaining({ id: expect.any(Number), offsetDays: 0, lengthDays: 1, adjacent: false, toYear: null }));
      expect((await preview(tuesday, 1, admin)).body.due).toBe('2027-11-25T03:00:00.000Z');
      const y2027 = await h.api.get('/api/v1/calendar?year=2027', { token: admin });
      expect(y2027.body.daysOff).toEqual(
        expect.arrayContaining([expect.objectContaining({ day: '2027-11-24', source: 'LAW', text: 'Ngày Văn hóa Việt Nam' })]),
      );
      // Not before its first year.
      expect((await preview('2026-11-23T10:00:00+07:00', 1, admin)).body.due).toBe('2026-11-24T03:00:00.000Z');
      const audit = await h.sql(`SELECT action FROM audit_log WHERE entity_type = 'holiday_rule'`);
      expect(audit.map((a) => a.action)).toEqual(['HOLIDAY_RULE_ADDED']);
    } finally {
      expect((await h.api.request('DELETE', `/api/v1/admin/calendar/holiday-rules/${added.body.id}`, undefined, { token: admin })).status).toBe(204);
    }
    expect((await h.api.request('DELETE', `/api/v1/admin/calendar/holiday-rules/${added.body.id}`, undefined, { token: admin })).status).toBe(404);
    expect((await preview(tuesday, 1, admin)).body.due).toBe('2027-11-24T03:00:00.000Z');
  });

  it('refuses bad input with 400 problem+json naming the field, writes nothing, and keeps the routes to their roles', async () => {
    const rulesBefore = await h.sql(`SELECT count(*)::int AS n FROM holiday_rule`);
    const bad: Array<[string, string]> = [
      ['/api/v1/calendar/preview?workingDays=5', 'from'],
      ['/api/v1/calendar/preview?from=2027-02-30&workingDays=5', 'from'],
      ['/api/v1/calendar/preview?from=2027-02-03T10:00:00&workingDays=5', 'from'], // no offset: ambiguous
      ['/api/v1/calendar/preview?from=2027-02-03T25:00:00Z&workingDays=5', 'from'],
      ['/api/v1/calendar/preview?from=tomorrow&workingDays=5', 'from'],
      ['/api/v1/calendar/preview?from=1999-12-31&workingDays=5', 'from'],
      ['/api/v1/calendar/preview?from=2027-02-03&from=2027-02-04&workingDays=5', 'from'],
      ['/api/v1/calendar/preview?from=2027-02-03', 'workingDays'],
      ['/api/v1/calendar/preview?from=2027-02-03&workingDays=', 'workingDays'],
      ['/api/v1/calendar/preview?from=2027-02-03&workingDays=-1', 'workingDays'],
      ['/api/v1/calendar/preview?from=2027-02-03&workingDays=1e3', 'workingDays'],
      ['/api/v1/calendar/preview?from=2027-02-03&workingDays=0x10', 'workingDays'],
      ['/api/v1/calendar/preview?from=2027-02-03&workingDays=3651', 'workingDays'],
      ['/api/v1/calendar/preview?from=2027-02-03&workingDays=NaN', 'workingDays'],
      ['/api/v1/calendar/preview?from=2027-02-03&workingDays=5&extra=1', 'extra'],
    ];
    let fiveXX = 0;
    for (const [path, field] of bad) {
      const res = await h.api.get(path, { token: admin });
      if (res.status >= 500) fiveXX++;
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const badRules: Array<[Record<string, unknown>, string]> = [
      [{ name: 'x', calendar: 'SOLAR', month: 13, day: 1, fromYear: 2027, legalBasis: 'x' }, 'month'],
      [{ name: 'x', calendar: 'SOLAR', month: 2, day: 30, fromYear: 2027, legalBasis: 'x' }, 'day'],
      [{ name: 'x', calendar: 'SOLAR', month: 2, day: 29, fromYear: 2027, legalBasis: 'x' }, 'day'],
      [{ name: 'x', calendar: 'LUNAR', month: 3, day: 31, fromYear: 2027, legalBasis: 'x' }, 'day'],
      [{ name: 'x', calendar: 'GREGORIAN', month: 3, day: 1, fromYear: 2027, legalBasis: 'x' }, 'calendar'],
      [{ name: 'x', calendar: 'SOLAR', month: 3, day: 1, fromYear: 2027, toYear: 2026, legalBasis: 'x' }, 'toYear'],
      [{ name: 'x', calendar: 'SOLAR', month: 3, day: 1, fromYear: 2027, adjacent: true, lengthDays: 2, legalBasis: 'x' }, 'adjacent'],
      [{ name: 'x', calendar: 'SOLAR', month: 3, day: 1, fromYear: 2027, lengthDays: 0, legalBasis: 'x' }, 'lengthDays'],
      [{ name: '', calendar: 'SOLAR', month: 3, day: '1', fromYear: 2027 }, 'legalBasis'],
    ];
    for (const [body, field] of badRules) {
      const res = await h.api.post('/api/v1/admin/calendar/holiday-rules', body, { token: admin });
      if (res.status >= 500) fiveXX++;
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(fiveXX).toBe(0);
    expect(await h.sql(`SELECT count(*)::int AS n FROM holiday_rule`)).toEqual(rulesBefore);
    expect(await h.sql(`SELECT count(*)::int AS n FROM audit_log`)).toEqual([{ n: 0 }]);
    // Roles: officers do not read the calendar; only admins add rules.
    expect((await preview('2027-02-03', 5, await d.as('officer@demo.local'))).status).toBe(403);
    const triager = await d.as('triage@demo.local');
    expect((await h.api.post('/api/v1/admin/calendar/holiday-rules', badRules[0][0], { token: triager })).status).toBe(403);
    expect((await h.api.request('DELETE', '/api/v1/admin/calendar/holiday-rules/1', undefined, { token: triager })).status).toBe(403);
    expect((await h.api.request('DELETE', '/api/v1/admin/calendar/holiday-rules/abc', undefined, { token: admin })).status).toBe(400);
    expect(await h.sql(`SELECT count(*)::int AS n FROM holiday_rule`)).toEqual(rulesBefore);
  });
});
