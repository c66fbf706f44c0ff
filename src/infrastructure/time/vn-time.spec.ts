import {
  addDays,
  dayNumberStart,
  dayOfNumber,
  dayStart,
  formatCalendarDay,
  formatDateTime,
  formatDay,
  isCalendarDay,
  localDay,
  localDayNumber,
  localYearMonth,
  VN_TIME_ZONE,
} from './vn-time.js';

const utc = (iso: string) => new Date(iso);

describe('vn-time', () => {
  it('names the zone', () => {
    expect(VN_TIME_ZONE).toBe('Asia/Ho_Chi_Minh');
  });

  it('starts the Vietnam day at 17:00Z the day before', () => {
    expect(localDay(utc('2026-03-09T16:59:59.999Z'))).toBe('2026-03-09');
    expect(localDay(utc('2026-03-09T17:00:00Z'))).toBe('2026-03-10');
    expect(localDay(Date.parse('2026-03-09T17:00:00Z'))).toBe('2026-03-10');
    expect(new Date(dayStart('2026-03-10')).toISOString()).toBe('2026-03-09T17:00:00.000Z');
    expect(localDay(dayStart('2026-03-10'))).toBe('2026-03-10');
    expect(localDay(dayStart('2026-03-10') - 1)).toBe('2026-03-09');
  });

  it('turns the year at 17:00Z on 31 December', () => {
    expect(localDay(utc('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
    expect(localDay(utc('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(localYearMonth(utc('2026-12-31T17:00:00Z'))).toEqual({ year: 2027, month: 1 });
    expect(localYearMonth(utc('2026-12-31T16:59:59Z'))).toEqual({ year: 2026, month: 12 });
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(new Date(dayStart('2027-01-01')).toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });

  it('knows the leap day', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-02-29', 1)).toBe('2028-03-01');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2028-02-29', 365)).toBe('2029-02-28');
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2027-02-29')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2026-1-01')).toBe(false);
    expect(localDay(utc('2028-02-28T17:00:00Z'))).toBe('2028-02-29');
    expect(formatCalendarDay('2028-02-29', 'vi')).toBe('29/02/2028');
    expect(formatCalendarDay('2028-02-29', 'en')).toBe('29 Feb 2028');
  });

  it('numbers local days consistently with localDay and dayStart', () => {
    for (const iso of ['2026-12-31T16:59:59Z', '2026-12-31T17:00:00Z', '2028-02-28T17:00:00Z', '1970-01-01T00:00:00Z']) {
      const ms = Date.parse(iso);
      const n = localDayNumber(ms);
      expect(dayOfNumber(n)).toBe(localDay(ms));
      expect(dayNumberStart(n)).toBe(dayStart(localDay(ms)));
      expect(dayNumberStart(n)).toBeLessThanOrEqual(ms);
      expect(dayNumberStart(n + 1)).toBeGreaterThan(ms);
    }
  });

  it('formats instants in Vietnam time, as the notices print them', () => {
    expect(formatDateTime(utc('2026-12-04T10:00:00Z'), 'vi')).toBe('17:00 ngày 04/12/2026');
    expect(formatDateTime(utc('2026-12-04T10:00:00Z'), 'en')).toBe('4 Dec 2026, 17:00 (Vietnam time)');
    // Midnight is 00, not 24.
    expect(formatDateTime(utc('2026-12-31T17:00:00Z'), 'vi')).toBe('00:00 ngày 01/01/2027');
    expect(formatDateTime(utc('2026-12-31T16:59:00Z'), 'vi')).toBe('23:59 ngày 31/12/2026');
    expect(formatDay(utc('2026-09-02T17:30:00Z'), 'en')).toBe('3 Sep 2026');
    expect(formatDay(Date.parse('2026-09-02T16:30:00Z'), 'vi')).toBe('02/09/2026');
  });
});
