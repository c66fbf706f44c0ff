import Holidays from 'date-holidays';
import { addDays, DAY_MS, dayNumberStart, dayOfNumber, dayStart, isCalendarDay, localDay, localDayNumber } from '../../infrastructure/time/vn-time.js';

/**
 * The Vietnam working-day calendar deadlines are counted in. Pure logic: the overrides come from
 * the `calendar_day` table through CalendarService, everything else from `date-holidays`.
 *
 * Days are Vietnam days; their arithmetic (local day, day start, day numbers) lives in
 * infrastructure/time/vn-time, re-exported here for this module's importers.
 *
 * Public holidays (Labour Code 2019, art. 112):
 * - 1/1; Hùng Kings day (10/3 lunar); 30/4; 1/5 — from date-holidays as is.
 * - Tết: 5 days = Giao thừa (lunar new year's eve) and lunar days 1, 2, 3, 4. date-holidays has one
 *   "Giao thừa" entry whose start..end already spans those 5 days (its `date` shows only the eve)
 *   plus a separate "Tết Nguyên Đán" entry for day 1; we derive the 5 days from lunar day 1 ourselves
 *   so the rule holds even if the library changes its ranges.
 * - National Day: the law gives 2 days, 2/9 and the day before or after, which the government
 *   chooses each year. date-holidays lists 2/9 only and we do NOT guess the second day: an admin
 *   enters it as a DAY_OFF override. The same goes for the government's yearly shifts of Tết days
 *   and their make-up Saturdays (WORKING_DAY overrides).
 * - A holiday falling on a weekend gets no automatic substitute day (e.g. Hùng Kings 2026-04-26 is a
 *   Sunday); if the government grants one, it is an override too.
 */

export type CalendarOverrideKind = 'DAY_OFF' | 'WORKING_DAY';
export interface CalendarOverride {
  day: string;
  kind: CalendarOverrideKind;
}
export interface PublicHoliday {
  day: string;
  name: string;
}

const TET_DAY1_RULE = 'vietnamese 1-0-1';
const TET_DAY1_NAME = 'Tết Nguyên Đán';

export { addDays, dayStart, isCalendarDay, localDay };

function assertDay(day: string): void {
  if (!isCalendarDay(day)) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${day}`);
}

// date-holidays computes lunar dates slowly (~100–200 ms per year, synchronous), and CalendarService
// builds a new WorkingCalendar every minute; the library's answer never changes, so one instance and
// one memo per year serve every calendar. Overrides are applied per instance, on top.
let library: Holidays | undefined;
const libraryYears = new Map<number, readonly PublicHoliday[]>();
function publicHolidays(year: number): readonly PublicHoliday[] {
  let list = libraryYears.get(year);
  if (!list) {
    library ??= new Holidays('VN', { languages: ['vi'] });
    list = computeHolidays(library, year);
    libraryYears.set(year, list);
  }
  return list;
}

export class WorkingCalendar {
  private readonly overrides = new Map<string, CalendarOverrideKind>();
  private readonly byYear = new Map<number, readonly PublicHoliday[]>();
  private readonly offByYear = new Map<number, Set<string>>();
  /** isWorkingDay by local day number (days since 1970-01-01 in Vietnam): the metrics ask millions of times. */
  private readonly workingByDayNumber = new Map<number, boolean>();

  constructor(overrides: ReadonlyArray<CalendarOverride>) {
    for (const o of overrides) {
      assertDay(o.day);
      this.overrides.set(o.day, o.kind);
    }
  }

  /** Public holidays of a year, one row per day off, in date order (overrides not applied). */
  holidays(year: number): PublicHoliday[] {
    let list = this.byYear.get(year);
    if (!list) {
      list = publicHolidays(year);
      this.byYear.set(year, list);
      this.offByYear.set(year, new Set(list.map((h) => h.day)));
    }
    return list.map((h) => ({ ...h }));
  }

  /** Override first (so a make-up Saturday works, a government bridge day is off), then weekend and holidays. */
  isWorkingDay(day: string): boolean {
    assertDay(day);
    const override = this.overrides.get(day);
    if (override) return override === 'WORKING_DAY';
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    return !this.holidaySet(Number(day.slice(0, 4))).has(day);
  }

  /**
   * The due instant `days` working days after `start`.
   * - A start on a non-working day counts from the next working day at 00:00 local.
   * - Whole days move to the N-th next working day at the same local wall-clock time.
   * - The fraction is added as real time (fraction × 24 h): tiny test policies use it (0.0001 ≈ 8.6 s).
   * - A landing on a non-working day moves on to the next working day, same wall-clock time.
   */
  addWorkingDays(start: Date, days: number): Date {
    if (!Number.isFinite(days) || days < 0) throw new RangeError(`days must be a finite number >= 0, got ${days}`);
    if (Number.isNaN(start.getTime())) throw new RangeError('start is not a valid date');
    let day = localDay(start);
    let timeOfDay = start.getTime() - dayStart(day);
    if (!this.isWorkingDay(day)) {
      day = this.nextWorkingDay(day);
      timeOfDay = 0;
    }
    const whole = Math.floor(days);
    for (let i = 0; i < whole; i++) day = this.nextWorkingDay(day);
    const due = dayStart(day) + timeOfDay + Math.round((days - whole) * DAY_MS);
    const landing = localDay(new Date(due));
    if (this.isWorkingDay(landing)) return new Date(due);
    return new Date(dayStart(this.nextWorkingDay(landing)) + (due - dayStart(landing)));
  }

  /** Working days strictly after `from`'s local day up to and including `to`'s (0 when to <= from). */
  workingDaysBetween(from: Date, to: Date): number {
    if (to.getTime() <= from.getTime()) return 0;
    const last = localDay(to);
    let count = 0;
    for (let day = addDays(localDay(from), 1); day <= last; day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }

  /**
   * Working time between two instants, in whole seconds: the part of [from, to) that falls on
   * working days, a working day counting its full 24 hours (the unit deadlines are set in).
   * 0 when to <= from. The leader metrics report it beside calendar time.
   */
  workingSecondsBetween(from: Date, to: Date): number {
    const a = from.getTime();
    const b = to.getTime();
    if (!(b > a)) return 0;
    const first = localDayNumber(a);
    const last = localDayNumber(b);
    if (first === last) return this.isWorkingDayNumber(first) ? Math.round((b - a) / 1000) : 0;
    let ms = 0;
    if (this.isWorkingDayNumber(first)) ms += dayNumberStart(first + 1) - a;
    if (this.isWorkingDayNumber(last)) ms += b - dayNumberStart(last);
    for (let n = first + 1; n < last; n++) if (this.isWorkingDayNumber(n)) ms += DAY_MS;
    return Math.round(ms / 1000);
  }

  private isWorkingDayNumber(n: number): boolean {
    let working = this.workingByDayNumber.get(n);
    if (working === undefined) {
      working = this.isWorkingDay(dayOfNumber(n));
      this.workingByDayNumber.set(n, working);
    }
    return working;
  }

  private nextWorkingDay(day: string): string {
    // Bounded: no real calendar has a year of days off; a runaway loop means bad overrides.
    for (let i = 1; i <= 366; i++) {
      const next = addDays(day, i);
      if (this.isWorkingDay(next)) return next;
    }
    throw new Error(`No working day within a year after ${day}`);
  }

  private holidaySet(year: number): Set<string> {
    if (!this.offByYear.has(year)) this.holidays(year);
    return this.offByYear.get(year)!;
  }
}

function computeHolidays(lib: Holidays, year: number): PublicHoliday[] {
  const found = (lib.getHolidays(year, 'vi') || []).filter((h) => h.type === 'public');
  const days = new Map<string, string>();
  const tetDay1 = found.find((h) => h.rule === TET_DAY1_RULE) ?? found.find((h) => h.name === TET_DAY1_NAME);
  if (tetDay1) {
    const d1 = tetDay1.date.slice(0, 10);
    days.set(addDays(d1, -1), 'Giao thừa Tết Nguyên Đán');
    days.set(d1, TET_DAY1_NAME);
    for (let n = 2; n <= 4; n++) days.set(addDays(d1, n - 1), `${TET_DAY1_NAME} (mùng ${n})`);
  }
  for (const h of found) {
    // A library entry may span several days (start..end, end exclusive); keep each day in this year.
    const first = h.date.slice(0, 10);
    const span = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
    for (let i = 0; i < span; i++) {
      const day = addDays(first, i);
      if (day.startsWith(`${year}-`) && !days.has(day)) days.set(day, h.name);
    }
  }
  return [...days].map(([day, name]) => ({ day, name })).sort((a, b) => a.day.localeCompare(b.day));
}
