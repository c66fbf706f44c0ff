import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import type { CalendarDayKind, CalendarDaySource } from './entities/calendar-day.entity.js';
import {
  type CalendarOverride,
  type DayExplanation,
  type DayReason,
  type HolidayRule,
  isCalendarDay,
  localDay,
  type PublicHoliday,
  WorkingCalendar,
} from './working-calendar.js';

export interface CalendarOverrideRow {
  day: string;
  kind: CalendarDayKind;
  note: string;
  source: CalendarDaySource;
  reference: string | null;
  createdAt: Date;
}

/** A day of the year that is not a plain weekday or weekend, with why: the deciding reason, then all. */
export interface ExplainedDay extends DayReason {
  day: string;
  isoWeekday: number;
  reasons: DayReason[];
}

export interface CalendarListing {
  year: number;
  /** The law's public holidays (Tết as 5 days, both National Day days), before substitutes and overrides. */
  holidays: PublicHoliday[];
  /** The `calendar_day` rows of that year: government announcements and admins' corrections. */
  overrides: CalendarOverrideRow[];
  /** Every day off of the year that is not a plain weekend, with why (holiday, substitute, government swap, admin). */
  daysOff: ExplainedDay[];
  /** Every make-up working day (a weekend or would-be day off that is worked), with why. */
  workingDays: ExplainedDay[];
  /** The holiday rules in force (the law's list, as data). */
  rules: HolidayRule[];
}

export interface CalendarPreview {
  from: string;
  /** When counting starts: `from`, or the next working day at 00:00 when `from` is on a day off. */
  workingDays: number;
  /** The due instant, by the same addWorkingDays the deadlines use. */
  due: string;
  /** Each local day from the start's to the due's: counted (1…n) or skipped, with why. */
  days: Array<{ day: string; isoWeekday: number; working: boolean; start: boolean; counted: number | null; reasons: DayReason[] }>;
}

// Other processes (the worker, other API instances) see an admin's change within this time.
const CACHE_MS = 60_000;

const OVERRIDE_COLUMNS = `day::text AS day, kind, note, source, reference, created_at AS "createdAt"`;
const RULE_COLUMNS = `id, name, calendar, month, day, offset_days AS "offsetDays", length_days AS "lengthDays", adjacent,
  from_year AS "fromYear", to_year AS "toYear", legal_basis AS "legalBasis"`;

type HolidayRuleInput = Omit<HolidayRule, 'id' | 'offsetDays' | 'lengthDays' | 'adjacent' | 'toYear'> &
  Partial<Pick<HolidayRule, 'offsetDays' | 'lengthDays' | 'adjacent' | 'toYear'>>;

/** The working calendar (the law's holiday rules + the `calendar_day` overrides) and its upkeep. */
@Injectable()
export class CalendarService {
  private cached: { at: number; calendar: Promise<WorkingCalendar> } | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * The calendar deadlines are counted in; rebuilt at most once a minute (or after a local change).
   * A caller inside a transaction passes its manager: a cold load then runs on the connection the
   * caller already holds. Loading on a pool connection instead deadlocked a burst of triages that
   * held every connection while all waited for the one load (found by the fault tests).
   */
  calendar(m?: Pick<EntityManager, 'query'>): Promise<WorkingCalendar> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached.calendar;
    // Cache the promise itself so concurrent callers share one query.
    const calendar = this.load(m ?? this.db);
    const entry = { at: now, calendar };
    this.cached = entry;
    calendar.catch(() => {
      if (this.cached === entry) this.cached = undefined; // never keep a failed load
    });
    return calendar;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  async list(year?: number): Promise<CalendarListing> {
    const y = year ?? Number(localDay(new Date()).slice(0, 4));
    const calendar = await this.calendar();
    const overrides: CalendarOverrideRow[] = await this.db.query(
      `SELECT ${OVERRIDE_COLUMNS} FROM calendar_day WHERE day >= $1::date AND day < $2::date ORDER BY day`,
      [`${y}-01-01`, `${y + 1}-01-01`],
    );
    const explained = calendar.explainYear(y).map(toExplainedDay);
    return {
      year: y,
      holidays: calendar.holidays(y),
      overrides,
      daysOff: explained.filter((d) => d.kind === 'DAY_OFF'),
      workingDays: explained.filter((d) => d.kind === 'WORKING_DAY'),
      rules: await this.rules(),
    };
  }

  /** The working days a deadline of `workingDays` from `from` counts, and its due instant. */
  async preview(from: string, workingDays: number): Promise<CalendarPreview> {
    // A bare date is that day's start in Vietnam.
    const start = new Date(isCalendarDay(from) ? `${from}T00:00:00+07:00` : from);
    if (Number.isNaN(start.getTime())) throw DomainError.validation([{ field: 'from', message: 'from is not a valid instant' }]);
    const calendar = await this.calendar();
    const { due, days } = calendar.preview(start, workingDays);
    return {
      from: start.toISOString(),
      workingDays,
      due: due.toISOString(),
      days: days.map((d) => ({ day: d.day, isoWeekday: d.isoWeekday, working: d.working, start: d.start, counted: d.counted, reasons: d.reasons })),
    };
  }

  /** Creates or replaces the override for a day. */
  async setDay(
    dto: { day: string; kind: CalendarDayKind; note: string; source?: CalendarDaySource; reference?: string | null },
    actorId: string,
  ): Promise<CalendarOverrideRow> {
    const source = dto.source ?? 'ADMIN';
    const reference = dto.reference ?? null;
    const row = await this.db.transaction(async (m) => {
      const [before] = await m.query(`SELECT ${OVERRIDE_COLUMNS} FROM calendar_day WHERE day = $1 FOR UPDATE`, [dto.day]);
      const [after]: CalendarOverrideRow[] = await m.query(
        `INSERT INTO calendar_day (day, kind, note, source, reference) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, note = EXCLUDED.note, source = EXCLUDED.source, reference = EXCLUDED.reference
         RETURNING ${OVERRIDE_COLUMNS}`,
        [dto.day, dto.kind, dto.note, source, reference],
      );
      await this.audit.record(m, {
        actorId,
        action: 'CALENDAR_DAY_SET',
        entityType: 'calendar_day',
        entityId: dto.day,
        before: before ?? null,
        after: { day: after.day, kind: after.kind, note: after.note, source: after.source, reference: after.reference },
      });
      return after;
    });
    this.invalidate();
    return row;
  }

  async removeDay(day: string, actorId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      // TypeORM answers a DELETE with [rows, affected].
      const [[before]] = await m.query(`DELETE FROM calendar_day WHERE day = $1 RETURNING ${OVERRIDE_COLUMNS}`, [day]);
      if (!before) throw DomainError.notFound('Calendar override for', day);
      await this.audit.record(m, { actorId, action: 'CALENDAR_DAY_REMOVED', entityType: 'calendar_day', entityId: day, before, after: null });
    });
    this.invalidate();
  }

  rules(): Promise<HolidayRule[]> {
    return this.db.query(`SELECT ${RULE_COLUMNS} FROM holiday_rule ORDER BY month, day, id`);
  }

  /** Adds a public holiday the law now gives (e.g. a newly legislated day): one row, no code. */
  async addRule(dto: HolidayRuleInput, actorId: string): Promise<HolidayRule> {
    const rule: Omit<HolidayRule, 'id'> = {
      name: dto.name,
      calendar: dto.calendar,
      month: dto.month,
      day: dto.day,
      offsetDays: dto.offsetDays ?? 0,
      lengthDays: dto.lengthDays ?? 1,
      adjacent: dto.adjacent ?? false,
      fromYear: dto.fromYear,
      toYear: dto.toYear ?? null,
      legalBasis: dto.legalBasis,
    };
    const errors = [];
    // A solar date must exist in a common year (29/2 would be a holiday three years in four); a lunar month has at most 30 days.
    if (rule.calendar === 'SOLAR' && !isCalendarDay(`2001-${String(rule.month).padStart(2, '0')}-${String(rule.day).padStart(2, '0')}`)) {
      errors.push({ field: 'day', message: `${rule.day}/${rule.month} is not a date of every year` });
    }
    if (rule.calendar === 'LUNAR' && rule.day > 30) errors.push({ field: 'day', message: 'a lunar month has at most 30 days' });
    if (rule.toYear !== null && rule.toYear < rule.fromYear) errors.push({ field: 'toYear', message: 'toYear must not be before fromYear' });
    if (rule.adjacent && (rule.lengthDays !== 1 || rule.offsetDays !== 0)) {
      errors.push({ field: 'adjacent', message: 'an adjacent day is one day: lengthDays 1 and offsetDays 0' });
    }
    if (errors.length) throw DomainError.validation(errors);
    const created = await this.db.transaction(async (m) => {
      const [row]: HolidayRule[] = await m.query(
        `INSERT INTO holiday_rule (name, calendar, month, day, offset_days, length_days, adjacent, from_year, to_year, legal_basis)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${RULE_COLUMNS}`,
        [rule.name, rule.calendar, rule.month, rule.day, rule.offsetDays, rule.lengthDays, rule.adjacent, rule.fromYear, rule.toYear, rule.legalBasis],
      );
      await this.audit.record(m, { actorId, action: 'HOLIDAY_RULE_ADDED', entityType: 'holiday_rule', entityId: String(row.id), before: null, after: row });
      return row;
    });
    this.invalidate();
    return created;
  }

  async removeRule(id: string, actorId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const [[before]] = await m.query(`DELETE FROM holiday_rule WHERE id = $1 RETURNING ${RULE_COLUMNS}`, [Number(id)]);
      if (!before) throw DomainError.notFound('Holiday rule', id);
      await this.audit.record(m, { actorId, action: 'HOLIDAY_RULE_REMOVED', entityType: 'holiday_rule', entityId: id, before, after: null });
    });
    this.invalidate();
  }

  private async load(db: Pick<EntityManager, 'query'>): Promise<WorkingCalendar> {
    const rows: CalendarOverride[] = await db.query(`SELECT day::text AS day, kind, source, note, reference FROM calendar_day ORDER BY day`);
    const rules: HolidayRule[] = await db.query(`SELECT ${RULE_COLUMNS} FROM holiday_rule ORDER BY id`);
    return new WorkingCalendar(rows, rules);
  }
}

function toExplainedDay(e: DayExplanation): ExplainedDay {
  const [why] = e.reasons;
  return { day: e.day, isoWeekday: e.isoWeekday, ...why, kind: e.working ? 'WORKING_DAY' : 'DAY_OFF', reasons: e.reasons };
}
