/**
 * Vietnam time, in one place: every module asks here for the local day of an instant, the instant a
 * day starts, day arithmetic, and the dates shown to people. Imports no domain module.
 *
 * Asia/Ho_Chi_Minh has been a fixed UTC+7 with no daylight saving since 1975, so day arithmetic is
 * plain offset arithmetic (exact, and cheap: the metrics ask for millions of local days). Only the
 * formatters go through Intl with the zone name, so what people read comes from the time-zone database.
 */

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** The zone's only offset. Nothing outside this file may write it again. */
export const VN_UTC_OFFSET_MS = 7 * 3600_000;
export const DAY_MS = 86_400_000;

/** A calendar day in Vietnam, `YYYY-MM-DD`. */
export type Day = string;
export type DisplayLocale = 'vi' | 'en';

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar day (YYYY-MM-DD) of an instant in Vietnam. */
export function localDay(at: Date | number): Day {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(ms + VN_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant (epoch ms) a Vietnam day starts: 00:00 local, 17:00Z the day before. */
export function dayStart(day: Day): number {
  return Date.parse(`${day}T00:00:00Z`) - VN_UTC_OFFSET_MS;
}

/** `n` calendar days after `day` (before, when negative). */
export function addDays(day: Day, n: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** YYYY-MM-DD naming a real day: Date.parse rolls 2026-02-30 over to March and refuses a month 13. */
export function isCalendarDay(day: string): boolean {
  const parsed = Date.parse(`${day}T00:00:00Z`);
  return DAY_RE.test(day) && !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === day;
}

/** Days since 1970-01-01 in Vietnam of an instant (epoch ms): a cheap key for per-day loops. */
export function localDayNumber(ms: number): number {
  return Math.floor((ms + VN_UTC_OFFSET_MS) / DAY_MS);
}

/** The instant (epoch ms) local day number `n` starts. */
export function dayNumberStart(n: number): number {
  return n * DAY_MS - VN_UTC_OFFSET_MS;
}

/** The day of a local day number. */
export function dayOfNumber(n: number): Day {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Year and month (1–12) of an instant in Vietnam. */
export function localYearMonth(at: Date | number): { year: number; month: number } {
  const day = localDay(at);
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) };
}

// ---- what people read ----

// Parts, not the locale's whole string: CLDR changes punctuation between ICU versions (en-GB
// writes "Sept" since CLDR 38), and the notices must keep reading "04/12/2026" and "4 Sep 2026".
const NUMERIC = new Intl.DateTimeFormat('en-US', {
  timeZone: VN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const MONTH_EN = new Intl.DateTimeFormat('en-US', { timeZone: VN_TIME_ZONE, month: 'short' });

interface Wall {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  monthEn: string;
}

function wall(ms: number): Wall {
  const p: Record<string, string> = {};
  for (const part of NUMERIC.formatToParts(ms)) p[part.type] = part.value;
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, monthEn: MONTH_EN.format(ms) };
}

const dayText = (w: Wall, locale: DisplayLocale) => (locale === 'vi' ? `${w.day}/${w.month}/${w.year}` : `${Number(w.day)} ${w.monthEn} ${w.year}`);

/** The day of an instant as people read it: `04/12/2026` (vi), `4 Dec 2026` (en). */
export function formatDay(at: Date | number, locale: DisplayLocale): string {
  return dayText(wall(typeof at === 'number' ? at : at.getTime()), locale);
}

/** A Vietnam day (YYYY-MM-DD) as people read it, like formatDay. */
export function formatCalendarDay(day: Day, locale: DisplayLocale): string {
  return formatDay(dayStart(day), locale);
}

/** An instant in Vietnam time: `17:00 ngày 04/12/2026` (vi), `4 Dec 2026, 17:00 (Vietnam time)` (en). */
export function formatDateTime(at: Date | number, locale: DisplayLocale): string {
  const w = wall(typeof at === 'number' ? at : at.getTime());
  const time = `${w.hour}:${w.minute}`;
  return locale === 'vi' ? `${time} ngày ${dayText(w, locale)}` : `${dayText(w, locale)}, ${time} (Vietnam time)`;
}
