import { isCalendarDay, localDay, WorkingCalendar } from './working-calendar.js';

// Instants are written as UTC ISO strings; Asia/Ho_Chi_Minh is UTC+7, so 10:00 local = 03:00Z.
const at = (iso: string) => new Date(iso);
const plain = new WorkingCalendar([]);

describe('localDay', () => {
  it('uses the Asia/Ho_Chi_Minh date, not the UTC one', () => {
    expect(localDay(at('2026-02-12T16:59:59.999Z'))).toBe('2026-02-12');
    expect(localDay(at('2026-02-12T17:00:00.000Z'))).toBe('2026-02-13');
  });
});

describe('isCalendarDay', () => {
  it('takes real days only: no 30 February, no month 13, no other shape', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-02-30')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2026-1-01')).toBe(false);
  });
});

describe('WorkingCalendar.isWorkingDay', () => {
  it('treats Saturday and Sunday as off', () => {
    expect(plain.isWorkingDay('2026-03-06')).toBe(true); // Fri
    expect(plain.isWorkingDay('2026-03-07')).toBe(false); // Sat
    expect(plain.isWorkingDay('2026-03-08')).toBe(false); // Sun
    expect(plain.isWorkingDay('2026-03-09')).toBe(true); // Mon
  });

  it('gives Tết 2026 five days: eve 16 Feb and lunar days 1–4 (17–20 Feb)', () => {
    expect(plain.isWorkingDay('2026-02-13')).toBe(true); // Fri before
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) expect(plain.isWorkingDay(d)).toBe(false);
    expect(plain.isWorkingDay('2026-02-23')).toBe(true); // Mon after
    const tet = plain.holidays(2026).filter((h) => h.day >= '2026-02-01' && h.day <= '2026-02-28');
    // The day before the eve (15 Feb, a Sunday anyway) is not a holiday.
    expect(tet).toEqual([
      { day: '2026-02-16', name: 'Giao thừa Tết Nguyên Đán' },
      { day: '2026-02-17', name: 'Tết Nguyên Đán' },
      { day: '2026-02-18', name: 'Tết Nguyên Đán (mùng 2)' },
      { day: '2026-02-19', name: 'Tết Nguyên Đán (mùng 3)' },
      { day: '2026-02-20', name: 'Tết Nguyên Đán (mùng 4)' },
    ]);
  });

  it('gives Tết 2027 eve 5 Feb, day 1 6 Feb, through 9 Feb', () => {
    expect(plain.holidays(2027).map((h) => h.day)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-04-16', // Hùng Kings (10/3 lunar)
      '2027-04-30',
      '2027-05-01',
      '2027-09-02',
    ]);
    expect(plain.isWorkingDay('2027-02-04')).toBe(true); // Thu before the eve
    expect(plain.isWorkingDay('2027-02-05')).toBe(false); // Fri, eve
    expect(plain.isWorkingDay('2027-02-08')).toBe(false); // Mon, lunar day 3
    expect(plain.isWorkingDay('2027-02-09')).toBe(false); // Tue, lunar day 4
    expect(plain.isWorkingDay('2027-02-10')).toBe(true); // Wed
  });

  it('lists the 2026 public holidays, with only 2/9 for National Day (the second day is an override)', () => {
    expect(plain.holidays(2026)).toEqual([
      { day: '2026-01-01', name: 'Tết Dương lịch' },
      { day: '2026-02-16', name: 'Giao thừa Tết Nguyên Đán' },
      { day: '2026-02-17', name: 'Tết Nguyên Đán' },
      { day: '2026-02-18', name: 'Tết Nguyên Đán (mùng 2)' },
      { day: '2026-02-19', name: 'Tết Nguyên Đán (mùng 3)' },
      { day: '2026-02-20', name: 'Tết Nguyên Đán (mùng 4)' },
      { day: '2026-04-26', name: 'Giỗ tổ Hùng Vương' },
      { day: '2026-04-30', name: 'Ngày Giải phóng miền Nam' },
      { day: '2026-05-01', name: 'Quốc tế Lao động' },
      { day: '2026-09-02', name: 'Quốc khánh' },
    ]);
  });

  it('keeps Hùng Kings day 2026-04-26 (a Sunday) off without an automatic bridge on Monday', () => {
    expect(plain.isWorkingDay('2026-04-26')).toBe(false);
    expect(plain.isWorkingDay('2026-04-27')).toBe(true);
  });

  it('has 30/4 and 1/5 off', () => {
    expect(plain.isWorkingDay('2026-04-29')).toBe(true);
    expect(plain.isWorkingDay('2026-04-30')).toBe(false);
    expect(plain.isWorkingDay('2026-05-01')).toBe(false);
  });

  it('lets overrides win over weekends and holidays', () => {
    const cal = new WorkingCalendar([
      { day: '2026-02-14', kind: 'WORKING_DAY' }, // a make-up Saturday
      { day: '2026-09-01', kind: 'DAY_OFF' }, // National Day's second day
      { day: '2026-05-01', kind: 'WORKING_DAY' }, // contrived, but an override beats a holiday
    ]);
    expect(cal.isWorkingDay('2026-02-14')).toBe(true);
    expect(cal.isWorkingDay('2026-09-01')).toBe(false);
    expect(cal.isWorkingDay('2026-05-01')).toBe(true);
    expect(plain.isWorkingDay('2026-09-01')).toBe(true);
  });

  it('rejects a malformed or impossible day', () => {
    expect(() => plain.isWorkingDay('2026-2-3')).toThrow(RangeError);
    expect(() => plain.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => new WorkingCalendar([{ day: '01/09/2026', kind: 'DAY_OFF' }])).toThrow(RangeError);
  });

  it('finds the Vietnamese lunar new year (UTC+7) and five consecutive Tết days, 2024–2035', () => {
    // 2030 is 2 Feb in Vietnam but 3 Feb in China: the new moon falls at 23:07 in UTC+7.
    const day1 = [
      '2024-02-10',
      '2025-01-29',
      '2026-02-17',
      '2027-02-06',
      '2028-01-26',
      '2029-02-13',
      '2030-02-02',
      '2031-01-23',
      '2032-02-11',
      '2033-01-31',
      '2034-02-19',
      '2035-02-08',
    ];
    day1.forEach((d1, i) => {
      const tet = plain.holidays(2024 + i).filter((h) => h.name.includes('Tết Nguyên Đán'));
      expect(tet.map((h) => h.day)).toEqual([-1, 0, 1, 2, 3].map((n) => new Date(Date.parse(d1) + n * 86_400_000).toISOString().slice(0, 10)));
    });
  });
});

describe('WorkingCalendar.addWorkingDays', () => {
  it('carries a deadline across Tết 2026 at the same local time', () => {
    // Fri 13 Feb 10:00 local + 3: Sat 14, Sun 15 off; 16–20 Tết; Sat 21, Sun 22 off;
    // Mon 23 = 1, Tue 24 = 2, Wed 25 = 3 → Wed 25 Feb 10:00 local.
    expect(plain.addWorkingDays(at('2026-02-13T03:00:00Z'), 3).toISOString()).toBe('2026-02-25T03:00:00.000Z');
  });

  it('counts a make-up working Saturday', () => {
    const cal = new WorkingCalendar([{ day: '2026-02-14', kind: 'WORKING_DAY' }]);
    // Fri 13 + 3: Sat 14 = 1 (make-up), Mon 23 = 2, Tue 24 = 3.
    expect(cal.addWorkingDays(at('2026-02-13T03:00:00Z'), 3).toISOString()).toBe('2026-02-24T03:00:00.000Z');
  });

  it('skips an admin DAY_OFF next to National Day', () => {
    const start = at('2026-08-31T02:00:00Z'); // Mon 31 Aug 09:00 local
    expect(plain.addWorkingDays(start, 1).toISOString()).toBe('2026-09-01T02:00:00.000Z');
    // With 1 Sep off: Tue 1 (override) and Wed 2 (2/9) off → Thu 3 Sep 09:00 local.
    const cal = new WorkingCalendar([{ day: '2026-09-01', kind: 'DAY_OFF' }]);
    expect(cal.addWorkingDays(start, 1).toISOString()).toBe('2026-09-03T02:00:00.000Z');
  });

  it('skips 30/4 and 1/5 and the weekend after', () => {
    // Wed 29 Apr 14:00 local + 1: Thu 30/4, Fri 1/5, Sat, Sun off → Mon 4 May 14:00 local.
    expect(plain.addWorkingDays(at('2026-04-29T07:00:00Z'), 1).toISOString()).toBe('2026-05-04T07:00:00.000Z');
  });

  it('keeps the local wall-clock time near midnight (UTC date differs)', () => {
    // Fri 6 Mar 23:30 local (16:30Z) + 1 → Mon 9 Mar 23:30 local.
    expect(plain.addWorkingDays(at('2026-03-06T16:30:00Z'), 1).toISOString()).toBe('2026-03-09T16:30:00.000Z');
  });

  it('counts a start on a non-working day from the next working day at 00:00 local', () => {
    const saturday = at('2026-03-07T08:00:00Z'); // Sat 7 Mar 15:00 local
    expect(plain.addWorkingDays(saturday, 0).toISOString()).toBe('2026-03-08T17:00:00.000Z'); // Mon 9 Mar 00:00 local
    expect(plain.addWorkingDays(saturday, 1).toISOString()).toBe('2026-03-09T17:00:00.000Z'); // Tue 10 Mar 00:00 local
  });

  it('adds the fraction of a day as real time', () => {
    const monday = at('2026-03-09T03:00:00Z'); // Mon 9 Mar 10:00 local
    expect(plain.addWorkingDays(monday, 0.0001).toISOString()).toBe('2026-03-09T03:00:08.640Z');
    // 1 working day → Tue 10:00, + 12 h → Tue 22:00 local.
    expect(plain.addWorkingDays(monday, 1.5).toISOString()).toBe('2026-03-10T15:00:00.000Z');
  });

  it('moves a fraction that lands on a day off to the next working day, same local time', () => {
    // Fri 13 Mar 20:00 local + 0.5 → Sat 08:00 local → Mon 16 Mar 08:00 local.
    expect(plain.addWorkingDays(at('2026-03-13T13:00:00Z'), 0.5).toISOString()).toBe('2026-03-16T01:00:00.000Z');
  });

  it('rejects negative or non-finite days', () => {
    expect(() => plain.addWorkingDays(at('2026-03-09T03:00:00Z'), -1)).toThrow(RangeError);
    expect(() => plain.addWorkingDays(at('2026-03-09T03:00:00Z'), Number.NaN)).toThrow(RangeError);
  });
});

describe('WorkingCalendar.workingDaysBetween', () => {
  it('counts working days after from’s day up to to’s day, across a weekend', () => {
    const friday = at('2026-03-06T09:00:00Z'); // Fri 16:00 local
    expect(plain.workingDaysBetween(friday, at('2026-03-08T09:00:00Z'))).toBe(0); // Sun
    expect(plain.workingDaysBetween(friday, at('2026-03-09T02:00:00Z'))).toBe(1); // Mon 09:00 local
    expect(plain.workingDaysBetween(friday, at('2026-03-10T02:00:00Z'))).toBe(2); // Tue
  });

  it('uses local days: 23:30 Friday local to 00:30 Monday local is 1', () => {
    expect(plain.workingDaysBetween(at('2026-03-06T16:30:00Z'), at('2026-03-08T17:30:00Z'))).toBe(1);
  });

  it('is 0 when to is not after from, and skips Tết', () => {
    const t = at('2026-03-09T03:00:00Z');
    expect(plain.workingDaysBetween(t, t)).toBe(0);
    expect(plain.workingDaysBetween(t, at('2026-03-06T03:00:00Z'))).toBe(0);
    expect(plain.workingDaysBetween(t, at('2026-03-09T10:00:00Z'))).toBe(0); // same local day
    // Fri 13 Feb → Mon 23 Feb: 14–22 are weekend or Tết.
    expect(plain.workingDaysBetween(at('2026-02-13T03:00:00Z'), at('2026-02-23T03:00:00Z'))).toBe(1);
  });
});

describe('WorkingCalendar.workingSecondsBetween', () => {
  const cal = new WorkingCalendar([]);
  const at = (local: string) => new Date(`${local}+07:00`);

  it('counts only the hours on working days: Friday 18:00 to Monday 09:00 is 6 h + 9 h', () => {
    // 2026-11-20 is a Friday.
    expect(cal.workingSecondsBetween(at('2026-11-20T18:00:00'), at('2026-11-23T09:00:00'))).toBe(15 * 3600);
  });

  it('equals calendar time within a working week', () => {
    expect(cal.workingSecondsBetween(at('2026-11-16T08:00:00'), at('2026-11-18T20:30:00'))).toBe((2 * 24 + 12.5) * 3600);
  });

  it('is 0 inside a weekend or Tết, and when to is not after from', () => {
    expect(cal.workingSecondsBetween(at('2026-11-21T08:00:00'), at('2026-11-22T20:00:00'))).toBe(0);
    expect(cal.workingSecondsBetween(at('2026-02-16T00:00:00'), at('2026-02-21T00:00:00'))).toBe(0);
    expect(cal.workingSecondsBetween(at('2026-11-18T08:00:00'), at('2026-11-17T08:00:00'))).toBe(0);
  });

  it('skips Tết 2026 (16–20 Feb) and its weekends: Friday 13 Feb 12:00 to Tuesday 24 Feb 12:00', () => {
    // Working: 13 Feb 12 h, 23 Feb 24 h, 24 Feb 12 h.
    expect(cal.workingSecondsBetween(at('2026-02-13T12:00:00'), at('2026-02-24T12:00:00'))).toBe(48 * 3600);
  });

  it('honours a DAY_OFF override', () => {
    const off = new WorkingCalendar([{ day: '2026-11-17', kind: 'DAY_OFF' }]);
    expect(off.workingSecondsBetween(at('2026-11-16T00:00:00'), at('2026-11-19T00:00:00'))).toBe(48 * 3600);
  });
});
