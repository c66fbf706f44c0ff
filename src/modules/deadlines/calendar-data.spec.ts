import { CalendarLaw1795700000000 } from '../../../migrations/1795700000000-calendar-law.js';
import { GOVERNMENT_DAYS, LAW_HOLIDAY_RULES } from './calendar-data.js';

// The migration writes its rows out (frozen); the code's defaults must be the same data.
describe('calendar data shipped by migration 1795700000000', () => {
  const queries: string[] = [];
  beforeAll(async () => {
    await new CalendarLaw1795700000000().up({ query: async (q: string) => void queries.push(q) } as never);
  });
  const sqlText = (v: string | number | boolean | null) => (v === null ? 'NULL' : typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v));

  it('inserts every law rule the code defaults to, and only those', () => {
    const insert = queries.find((q) => q.startsWith('INSERT INTO "holiday_rule"'))!;
    for (const r of LAW_HOLIDAY_RULES) {
      const row = [r.name, r.calendar, r.month, r.day, r.offsetDays, r.lengthDays, r.adjacent, r.fromYear, r.toYear, r.legalBasis].map(sqlText).join(', ');
      expect(insert).toContain(`(${row})`);
    }
    expect(insert.match(/^\s+\(/gm)).toHaveLength(LAW_HOLIDAY_RULES.length);
  });

  it('inserts the 2025–2026 announcements as GOVERNMENT rows, keeping a day an admin already set', () => {
    const insert = queries.find((q) => q.startsWith('INSERT INTO "calendar_day"'))!;
    for (const d of GOVERNMENT_DAYS) expect(insert).toContain(`(${[d.day, d.kind, d.note, 'GOVERNMENT', d.reference].map(sqlText).join(', ')})`);
    expect(insert.match(/^\s+\('20/gm)).toHaveLength(GOVERNMENT_DAYS.length);
    expect(insert).toMatch(/ON CONFLICT \("day"\) DO NOTHING$/);
    // The days the issue names: substitute Monday 27/4/2026 is computed (no row); the two make-up Saturdays are rows.
    expect(GOVERNMENT_DAYS.map((d) => d.day)).toEqual(expect.arrayContaining(['2026-01-10', '2026-08-22']));
    expect(GOVERNMENT_DAYS.map((d) => d.day)).not.toContain('2026-04-27');
  });
});
