import { GOVERNMENT_DAYS, LAW_HOLIDAY_RULES } from './calendar-data.js';
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

  it('gives Tết 2027 eve 5 Feb, day 1 6 Feb, through 9 Feb, and the law’s second National Day day', () => {
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
      '2027-09-03', // 2/9 a Thursday: the second day is the Friday after (joins the weekend)
    ]);
    expect(plain.isWorkingDay('2027-02-04')).toBe(true); // Thu before the eve
    expect(plain.isWorkingDay('2027-02-05')).toBe(false); // Fri, eve
    expect(plain.isWorkingDay('2027-02-08')).toBe(false); // Mon, lunar day 3
    expect(plain.isWorkingDay('2027-02-09')).toBe(false); // Tue, lunar day 4
    // Mùng 1 and 2 fall on Sat 6 and Sun 7: art. 111(3) gives Wed 10 and Thu 11 (this used to be "working").
    expect(plain.isWorkingDay('2027-02-10')).toBe(false);
    expect(plain.isWorkingDay('2027-02-11')).toBe(false);
    expect(plain.isWorkingDay('2027-02-12')).toBe(true); // Fri
  });

  it('lists the 2026 public holidays, both National Day days included (2/9 a Wednesday → 1/9 by default)', () => {
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
      { day: '2026-09-01', name: 'Quốc khánh (ngày thứ hai)' },
      { day: '2026-09-02', name: 'Quốc khánh' },
    ]);
  });

  it('gives Hùng Kings day 2026-04-26 (a Sunday) its substitute Monday 27/4 (art. 111(3); it used to be a working day)', () => {
    expect(plain.isWorkingDay('2026-04-26')).toBe(false);
    expect(plain.isWorkingDay('2026-04-27')).toBe(false);
    expect(plain.isWorkingDay('2026-04-28')).toBe(true);
    expect(plain.substitutes(2026)).toEqual([
      {
        day: '2026-04-27',
        name: 'Nghỉ bù Giỗ tổ Hùng Vương (Chủ nhật 26/04/2026)',
        substituteFor: { day: '2026-04-26', name: 'Giỗ tổ Hùng Vương' },
      },
    ]);
    expect(plain.explain('2026-04-27').reasons).toEqual([
      expect.objectContaining({ source: 'SUBSTITUTE', kind: 'DAY_OFF', substituteFor: { day: '2026-04-26', name: 'Giỗ tổ Hùng Vương' } }),
    ]);
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
    expect(plain.isWorkingDay('2026-09-01')).toBe(false); // the law's second day, without any override
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

  it('skips both National Day days, and a government choice of the other adjacent day', () => {
    const start = at('2026-08-31T02:00:00Z'); // Mon 31 Aug 09:00 local
    // Tue 1 (second day) and Wed 2 (2/9) off → Thu 3 Sep 09:00 local (it used to be Tue 1 Sep).
    expect(plain.addWorkingDays(start, 1).toISOString()).toBe('2026-09-03T02:00:00.000Z');
    // Had the government chosen 3/9 instead: two rows, 1/9 worked, 3/9 off → Tue 1, then Fri 4.
    const other = new WorkingCalendar([
      { day: '2026-09-01', kind: 'WORKING_DAY', source: 'GOVERNMENT' },
      { day: '2026-09-03', kind: 'DAY_OFF', source: 'GOVERNMENT' },
    ]);
    expect(other.addWorkingDays(start, 1).toISOString()).toBe('2026-09-01T02:00:00.000Z');
    expect(other.addWorkingDays(start, 2).toISOString()).toBe('2026-09-04T02:00:00.000Z');
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

describe('the calendar as the law writes it (Labour Code 2019 art. 111(3), 112) and the announcements', () => {
  const announced = new WorkingCalendar(GOVERNMENT_DAYS.map((d) => ({ ...d, source: 'GOVERNMENT' as const })));
  const off = (cal: WorkingCalendar, from: string, to: string) => {
    const days: string[] = [];
    for (let d = from; d <= to; d = new Date(Date.parse(d) + 86_400_000).toISOString().slice(0, 10)) if (!cal.isWorkingDay(d)) days.push(d);
    return days;
  };

  it('Tết 2027 starts on a Saturday: mùng 1 and 2 get substitute days, so a 5-day deadline from the Wednesday before lands on Wed 17 Feb', () => {
    expect(off(plain, '2027-02-01', '2027-02-21')).toEqual([
      '2027-02-05', // eve (Fri)
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10', // substitute for mùng 1 (Sat)
      '2027-02-11', // substitute for mùng 2 (Sun)
      '2027-02-13',
      '2027-02-14',
      '2027-02-20',
      '2027-02-21',
    ]);
    // Wed 3 Feb 10:00 local: Thu 4 = 1, Fri 12 = 2, Mon 15 = 3, Tue 16 = 4, Wed 17 = 5 (without substitutes: Mon 15, two days early).
    expect(plain.addWorkingDays(at('2027-02-03T03:00:00Z'), 5).toISOString()).toBe('2027-02-17T03:00:00.000Z');
  });

  it('Tết 2028 (day 1 Wed 26 Jan): mùng 4 on Saturday 29 Jan gives Monday 31 Jan; 1/1/2028 (Sat) gives Monday 3 Jan', () => {
    expect(off(plain, '2028-01-24', '2028-02-01')).toEqual(['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28', '2028-01-29', '2028-01-30', '2028-01-31']);
    expect(plain.isWorkingDay('2028-02-01')).toBe(true);
    expect(plain.isWorkingDay('2028-01-03')).toBe(false);
    // Mon 24 Jan 2028 09:00 + 2: Tue 25 – Mon 31 off → Tue 1 Feb = 1, Wed 2 Feb = 2.
    expect(plain.addWorkingDays(at('2028-01-24T02:00:00Z'), 2).toISOString()).toBe('2028-02-02T02:00:00.000Z');
  });

  it('Tết 2025 (day 1 Wed 29 Jan): the law alone gives 28/1 – 1/2 and Monday 3/2; the announcement moved it to 27/1 – 31/1', () => {
    expect(off(plain, '2025-01-25', '2025-02-04')).toEqual([
      '2025-01-25',
      '2025-01-26',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
      '2025-02-03',
    ]);
    // As announced: off Saturday 25/1 through Sunday 2/2, back on Monday 3/2.
    expect(off(announced, '2025-01-24', '2025-02-04')).toEqual([
      '2025-01-25',
      '2025-01-26',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
    ]);
    expect(announced.explain('2025-01-27').reasons[0]).toEqual(
      expect.objectContaining({ source: 'GOVERNMENT', kind: 'DAY_OFF', reference: expect.stringContaining('8726/VPCP-KGVX') }),
    );
    // 30/4 – 1/5/2025: Friday 2/5 off, Saturday 26/4 worked.
    expect(announced.isWorkingDay('2025-04-26')).toBe(true);
    expect(off(announced, '2025-04-30', '2025-05-05')).toEqual(['2025-04-30', '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04']);
  });

  it('picks National Day’s second day on the side that joins the weekend, as every announcement since 2021 did', () => {
    const second = (y: number) => plain.holidays(y).find((h) => h.name === 'Quốc khánh (ngày thứ hai)')?.day;
    expect([2021, 2022, 2023, 2024, 2025, 2026].map(second)).toEqual(['2021-09-03', '2022-09-01', '2023-09-01', '2024-09-03', '2025-09-01', '2026-09-01']);
    expect(second(2020)).toBeUndefined(); // one day only before the Labour Code 2019
    // 2023: 2/9 a Saturday → substitute Monday 4/9 (off 1/9 – 4/9, as announced).
    expect(off(plain, '2023-09-01', '2023-09-05')).toEqual(['2023-09-01', '2023-09-02', '2023-09-03', '2023-09-04']);
  });

  it('chains substitutes past another holiday: Hùng Kings 2023 (Sat 29/4) and 30/4 (Sun) → Tue 2/5 and Wed 3/5, after 1/5', () => {
    expect(plain.substitutes(2023).map((s) => [s.day, s.substituteFor.day])).toEqual(
      expect.arrayContaining([
        ['2023-05-02', '2023-04-29'],
        ['2023-05-03', '2023-04-30'],
      ]),
    );
    expect(off(plain, '2023-04-28', '2023-05-04')).toEqual(['2023-04-29', '2023-04-30', '2023-05-01', '2023-05-02', '2023-05-03']);
  });

  it('counts the substitute Monday 27/4/2026 as a day off in deadlines', () => {
    // Fri 24 Apr 10:00 + 1: Sat, Sun, Mon 27 (substitute) off → Tue 28 Apr 10:00.
    expect(plain.addWorkingDays(at('2026-04-24T03:00:00Z'), 1).toISOString()).toBe('2026-04-28T03:00:00.000Z');
  });

  it('counts the make-up Saturday 10/1/2026 and skips the swapped Friday 2/1/2026 (Tết Dương lịch swap)', () => {
    expect(announced.isWorkingDay('2026-01-10')).toBe(true);
    expect(announced.isWorkingDay('2026-01-02')).toBe(false);
    // Wed 31 Dec 2025 10:00 + 1: Thu 1/1 (law), Fri 2/1 (swap), weekend → Mon 5 Jan.
    expect(announced.addWorkingDays(at('2025-12-31T03:00:00Z'), 1).toISOString()).toBe('2026-01-05T03:00:00.000Z');
    // Fri 9 Jan + 1 → Sat 10 Jan (make-up working day).
    expect(announced.addWorkingDays(at('2026-01-09T03:00:00Z'), 1).toISOString()).toBe('2026-01-10T03:00:00.000Z');
    // National Day 2026: Saturday 22/8 worked, Monday 31/8 off → off 29/8 – 2/9.
    expect(announced.isWorkingDay('2026-08-22')).toBe(true);
    expect(off(announced, '2026-08-29', '2026-09-03')).toEqual(['2026-08-29', '2026-08-30', '2026-08-31', '2026-09-01', '2026-09-02']);
  });

  it('takes a newly legislated holiday as one rule row, from its first year', () => {
    const culture = {
      name: 'Ngày Văn hóa Việt Nam',
      calendar: 'SOLAR' as const,
      month: 11,
      day: 24,
      offsetDays: 0,
      lengthDays: 1,
      adjacent: false,
      fromYear: 2027,
      toYear: null,
      legalBasis: 'test',
    };
    const withCulture = new WorkingCalendar([], [...LAW_HOLIDAY_RULES, culture]);
    const tuesday = at('2027-11-23T03:00:00Z'); // Tue 23 Nov 2027 10:00
    expect(plain.addWorkingDays(tuesday, 1).toISOString()).toBe('2027-11-24T03:00:00.000Z');
    expect(withCulture.addWorkingDays(tuesday, 1).toISOString()).toBe('2027-11-25T03:00:00.000Z');
    expect(withCulture.isWorkingDay('2026-11-24')).toBe(true); // before its first year
    // On a weekend it gets its substitute like any holiday: 24/11/2029 is a Saturday → Monday 26/11.
    expect(withCulture.isWorkingDay('2029-11-26')).toBe(false);
    // A lunar row works the same (Vu Lan, 15/7 lunar, for the sake of the test: 2027-08-16, a Monday).
    const lunar = new WorkingCalendar([], [...LAW_HOLIDAY_RULES, { ...culture, name: 'Vu Lan', calendar: 'LUNAR', month: 7, day: 15 }]);
    expect(lunar.isWorkingDay('2027-08-16')).toBe(false);
  });

  it('previews a deadline day by day with the same arithmetic', () => {
    const { due, days } = plain.preview(at('2027-02-03T03:00:00Z'), 5);
    expect(due.toISOString()).toBe(plain.addWorkingDays(at('2027-02-03T03:00:00Z'), 5).toISOString());
    expect(days[0]).toEqual(expect.objectContaining({ day: '2027-02-03', start: true, counted: null, working: true }));
    expect(days.filter((d) => d.counted).map((d) => [d.day, d.counted])).toEqual([
      ['2027-02-04', 1],
      ['2027-02-12', 2],
      ['2027-02-15', 3],
      ['2027-02-16', 4],
      ['2027-02-17', 5],
    ]);
    const feb10 = days.find((d) => d.day === '2027-02-10')!;
    expect(feb10.reasons[0]).toEqual(expect.objectContaining({ source: 'SUBSTITUTE', substituteFor: { day: '2027-02-06', name: 'Tết Nguyên Đán' } }));
  });
});
