import Holidays from 'date-holidays';
import { addDays, DAY_MS, dayNumberStart, dayOfNumber, dayStart, isCalendarDay, localDay, localDayNumber } from '../../infrastructure/time/vn-time.js';
import { type HolidayRuleData, LAW_HOLIDAY_RULES } from './calendar-data.js';

/**
 * The Vietnam working-day calendar deadlines are counted in, as the law writes it. Pure logic, in
 * three layers (the later wins):
 * 1. The law: the holiday rules (table `holiday_rule`, seeded with LAW_HOLIDAY_RULES — Labour Code
 *    2019 art. 112(1): 1/1, Tết 5 days, Hùng Kings 10/3 lunar, 30/4, 1/5, National Day 2/9 and an
 *    adjacent day), plus the substitute days of art. 111(3): a holiday on a Saturday or Sunday (the
 *    weekly rest of state offices) gives the next Monday–Friday that is not a holiday. A newly
 *    legislated holiday is one more rule row. `date-holidays` is used only to convert lunar dates.
 * 2. The government's yearly announcements (`calendar_day` rows with source GOVERNMENT): days
 *    moved off (a swap) and make-up working days, each with its reference.
 * 3. The admins' own corrections (`calendar_day` rows with source ADMIN).
 * Layers 2 and 3 share one table, one row per day: an override, applied before weekend and law.
 *
 * Days are Vietnam days; their arithmetic (local day, day start, day numbers) lives in
 * infrastructure/time/vn-time, re-exported here for this module's importers.
 *
 * Deadlines already stored (assignment due dates) were computed by the calendar of their time;
 * they are not recomputed here (the deadline clock derives them again from the timeline).
 */

export type CalendarOverrideKind = 'DAY_OFF' | 'WORKING_DAY';
export type CalendarOverrideSource = 'GOVERNMENT' | 'ADMIN';
export interface CalendarOverride {
  day: string;
  kind: CalendarOverrideKind;
  /** ADMIN when not given. */
  source?: CalendarOverrideSource;
  note?: string;
  /** The announcement a GOVERNMENT row comes from. */
  reference?: string | null;
}
export interface PublicHoliday {
  day: string;
  name: string;
}
/** A holiday rule as the calendar uses it (a `holiday_rule` row, or one of LAW_HOLIDAY_RULES). */
export type HolidayRule = HolidayRuleData & { id?: number };

export type DayReasonSource = 'WEEKEND' | 'LAW' | 'SUBSTITUTE' | 'GOVERNMENT' | 'ADMIN';
/** Why a day is what it is. */
export interface DayReason {
  source: DayReasonSource;
  /** What this reason makes the day. */
  kind: CalendarOverrideKind;
  /** Holiday name, substitute's description, or the override's note. */
  text: string;
  /** SUBSTITUTE: the holiday (on a weekly rest day) it compensates. */
  substituteFor?: PublicHoliday;
  /** LAW: the rule's legal basis; GOVERNMENT: the announcement. */
  reference?: string | null;
}
export interface DayExplanation {
  day: string;
  /** 1 = Monday … 7 = Sunday (ISO). */
  isoWeekday: number;
  working: boolean;
  /** Everything that applies, the deciding one first (an override, else law/substitute, else weekend). */
  reasons: DayReason[];
}

interface LawDay {
  day: string;
  name: string;
  source: 'LAW' | 'SUBSTITUTE';
  substituteFor?: PublicHoliday;
  reference: string;
}

export { addDays, dayStart, isCalendarDay, localDay };

function assertDay(day: string): void {
  if (!isCalendarDay(day)) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${day}`);
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoWeekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
const isWeekend = (day: string) => isoWeekday(day) >= 6;

// date-holidays computes lunar dates slowly (~100–200 ms per year, synchronous), and CalendarService
// builds a new WorkingCalendar every minute; a lunar date's solar day never changes, so one library
// instance per lunar date and one memo per (lunar date, year) serve every calendar.
const lunarLibraries = new Map<string, Holidays>();
const lunarDays = new Map<string, string | null>();
/** The solar day of lunar month/day in solar year `year` (Vietnam's lunar calendar, UTC+7), or null. */
export function lunarToSolar(year: number, month: number, day: number): string | null {
  const rule = `vietnamese ${month}-0-${day}`;
  const key = `${year}:${rule}`;
  if (lunarDays.has(key)) return lunarDays.get(key)!;
  let lib = lunarLibraries.get(rule);
  if (!lib) {
    lib = new Holidays();
    lib.setHoliday(rule, { name: 'lunar', type: 'public' });
    lunarLibraries.set(rule, lib);
  }
  const found = (lib.getHolidays(year) || []).find((h) => h.rule === rule);
  const solar = found ? found.date.slice(0, 10) : null;
  lunarDays.set(key, solar);
  return solar;
}

/** The name of the i-th of a rule's days: Tết keeps its usual names (giao thừa, mùng 2…). */
function dayName(rule: HolidayRule, relative: number): string {
  if (rule.lengthDays === 1) return rule.name;
  if (rule.calendar === 'LUNAR' && rule.month === 1 && rule.day === 1) {
    if (relative === -1) return `Giao thừa ${rule.name}`;
    if (relative === 0) return rule.name;
    if (relative > 0) return `${rule.name} (mùng ${relative + 1})`;
  }
  return `${rule.name} (ngày thứ ${relative - rule.offsetDays + 1})`;
}

/** The days off a rule gives in a year (none outside its years or when the lunar date is missing). */
function ruleDays(rule: HolidayRule, year: number): PublicHoliday[] {
  if (year < rule.fromYear || (rule.toYear !== null && year > rule.toYear)) return [];
  const anchor = rule.calendar === 'LUNAR' ? lunarToSolar(year, rule.month, rule.day) : `${year}-${pad(rule.month)}-${pad(rule.day)}`;
  if (!anchor || !isCalendarDay(anchor)) return [];
  if (rule.adjacent) {
    const after = [7, 1, 4].includes(isoWeekday(anchor));
    return [{ day: addDays(anchor, after ? 1 : -1), name: rule.name }];
  }
  const days: PublicHoliday[] = [];
  for (let i = 0; i < rule.lengthDays; i++) {
    const relative = rule.offsetDays + i;
    days.push({ day: addDays(anchor, relative), name: dayName(rule, relative) });
  }
  return days;
}

/** The weekday Vietnamese way: "thứ Hai" … "Chủ nhật". */
function viWeekday(day: string): string {
  const d = isoWeekday(day);
  return d === 7 ? 'Chủ nhật' : `thứ ${['Hai', 'Ba', 'Tư', 'Năm', 'Sáu', 'Bảy'][d - 1]}`;
}
const viDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

export class WorkingCalendar {
  private readonly overrides = new Map<string, CalendarOverride>();
  private readonly rules: readonly HolidayRule[];
  /** Law days (holidays and substitutes) computed from year y's holidays; a substitute may fall in y + 1. */
  private readonly lawByYear = new Map<number, readonly LawDay[]>();
  /** Law days by the year they fall in. */
  private readonly lawOffByYear = new Map<number, Map<string, LawDay>>();
  /** isWorkingDay by local day number (days since 1970-01-01 in Vietnam): the metrics ask millions of times. */
  private readonly workingByDayNumber = new Map<number, boolean>();

  /** `rules`: the holiday rules in force (the `holiday_rule` table); the law's as shipped when omitted. */
  constructor(overrides: ReadonlyArray<CalendarOverride>, rules: ReadonlyArray<HolidayRule> = LAW_HOLIDAY_RULES) {
    for (const o of overrides) {
      assertDay(o.day);
      this.overrides.set(o.day, { ...o, source: o.source ?? 'ADMIN' });
    }
    this.rules = [...rules];
  }

  /** The law's public holidays of a year, one row per day off, in date order (no substitutes, no overrides). */
  holidays(year: number): PublicHoliday[] {
    return this.lawDays(year)
      .filter((d) => d.source === 'LAW' && d.day.startsWith(`${year}-`))
      .map((d) => ({ day: d.day, name: d.name }));
  }

  /** The substitute days off of a year (art. 111(3)), each with the holiday it compensates. */
  substitutes(year: number): Array<PublicHoliday & { substituteFor: PublicHoliday }> {
    return [...this.lawOff(year).values()]
      .filter((d) => d.source === 'SUBSTITUTE')
      .map((d) => ({ day: d.day, name: d.name, substituteFor: { ...d.substituteFor! } }))
      .sort((a, b) => a.day.localeCompare(b.day));
  }

  /** Override first (so a make-up Saturday works, a government bridge day is off), then weekend, holidays and substitutes. */
  isWorkingDay(day: string): boolean {
    assertDay(day);
    const override = this.overrides.get(day);
    if (override) return override.kind === 'WORKING_DAY';
    if (isWeekend(day)) return false;
    return !this.lawOff(Number(day.slice(0, 4))).has(day);
  }

  /** What a day is and why: every reason that applies, the deciding one first. */
  explain(day: string): DayExplanation {
    assertDay(day);
    const reasons: DayReason[] = [];
    const override = this.overrides.get(day);
    if (override) {
      reasons.push({ source: override.source!, kind: override.kind, text: override.note ?? '', reference: override.reference ?? null });
    }
    const law = this.lawOff(Number(day.slice(0, 4))).get(day);
    if (law) {
      reasons.push({
        source: law.source,
        kind: 'DAY_OFF',
        text: law.name,
        reference: law.reference,
        ...(law.substituteFor ? { substituteFor: { ...law.substituteFor } } : {}),
      });
    }
    if (isWeekend(day)) reasons.push({ source: 'WEEKEND', kind: 'DAY_OFF', text: `Nghỉ hằng tuần (${viWeekday(day)})` });
    return { day, isoWeekday: isoWeekday(day), working: this.isWorkingDay(day), reasons };
  }

  /**
   * The year's days that are not plain weekdays or plain weekends: every holiday (also one on a
   * weekend, which its substitute then compensates), substitute day and override, with why.
   */
  explainYear(year: number): DayExplanation[] {
    const days = new Set<string>([...this.lawOff(year).keys()]);
    for (const d of this.overrides.keys()) if (d.startsWith(`${year}-`)) days.add(d);
    return [...days].sort().map((d) => this.explain(d));
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

  /**
   * The days a deadline of `days` working days from `start` counts, computed by addWorkingDays
   * itself: every local day from the start's to the due's, each working day after the start's
   * numbered (the N-th counted), each other day with why it is skipped.
   */
  preview(start: Date, days: number): { due: Date; days: Array<DayExplanation & { counted: number | null; start: boolean }> } {
    const due = this.addWorkingDays(start, days);
    const first = localDay(start);
    const last = localDay(due);
    const out: Array<DayExplanation & { counted: number | null; start: boolean }> = [];
    let n = 0;
    for (let day = first; day <= last; day = addDays(day, 1)) {
      const e = this.explain(day);
      const isStart = day === first;
      // The start's own day is counted only when the start is outside it (a day off: counting begins the next working day at 00:00).
      const counted = e.working && !isStart ? ++n : null;
      out.push({ ...e, counted, start: isStart });
    }
    return { due, days: out };
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

  /** The law's days computed from year `year`'s holidays: the holidays, then their substitutes. */
  private lawDays(year: number): readonly LawDay[] {
    let list = this.lawByYear.get(year);
    if (list) return list;
    const holidays = new Map<string, LawDay>();
    for (const rule of this.rules) {
      for (const h of ruleDays(rule, year)) {
        // Two rules on one day (an anniversary added on a holiday) give one day off, the first name kept.
        if (!holidays.has(h.day)) holidays.set(h.day, { ...h, source: 'LAW', reference: rule.legalBasis });
      }
    }
    const taken = new Set(holidays.keys());
    const substitutes: LawDay[] = [];
    for (const h of [...holidays.values()].sort((a, b) => a.day.localeCompare(b.day))) {
      if (!isWeekend(h.day)) continue;
      // Art. 111(3): the next working day — a weekday that is neither a holiday nor already a substitute.
      let d = addDays(h.day, 1);
      while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
      taken.add(d);
      substitutes.push({
        day: d,
        name: `Nghỉ bù ${h.name} (${viWeekday(h.day)} ${viDate(h.day)})`,
        source: 'SUBSTITUTE',
        substituteFor: { day: h.day, name: h.name },
        reference: 'Bộ luật Lao động 2019, Điều 111 khoản 3',
      });
    }
    list = [...holidays.values(), ...substitutes].sort((a, b) => a.day.localeCompare(b.day));
    this.lawByYear.set(year, list);
    return list;
  }

  /** The law's days falling in `year`: its own, and any substitute spilling over from the year before. */
  private lawOff(year: number): Map<string, LawDay> {
    let map = this.lawOffByYear.get(year);
    if (!map) {
      map = new Map();
      for (const d of [...this.lawDays(year - 1), ...this.lawDays(year)]) if (d.day.startsWith(`${year}-`) && !map.has(d.day)) map.set(d.day, d);
      this.lawOffByYear.set(year, map);
    }
    return map;
  }
}
