import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import type { CalendarDayKind } from './entities/calendar-day.entity.js';
import { localDay, type CalendarOverride, type PublicHoliday, WorkingCalendar } from './working-calendar.js';

export interface CalendarOverrideRow {
  day: string;
  kind: CalendarDayKind;
  note: string;
  createdAt: Date;
}

export interface CalendarListing {
  year: number;
  /** Public holidays from the law (Tết as 5 days), before overrides. */
  holidays: PublicHoliday[];
  /** The admins' corrections for that year. */
  overrides: CalendarOverrideRow[];
}

// Other processes (the worker, other API instances) see an admin's change within this time.
const CACHE_MS = 60_000;

const OVERRIDE_COLUMNS = `day::text AS day, kind, note, created_at AS "createdAt"`;

/** The working calendar (library holidays + the `calendar_day` overrides admins keep) and its upkeep. */
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
    return { year: y, holidays: calendar.holidays(y), overrides };
  }

  /** Creates or replaces the override for a day. */
  async setDay(dto: { day: string; kind: CalendarDayKind; note: string }, actorId: string): Promise<CalendarOverrideRow> {
    const row = await this.db.transaction(async (m) => {
      const [before] = await m.query(`SELECT ${OVERRIDE_COLUMNS} FROM calendar_day WHERE day = $1 FOR UPDATE`, [dto.day]);
      const [after]: CalendarOverrideRow[] = await m.query(
        `INSERT INTO calendar_day (day, kind, note) VALUES ($1, $2, $3)
         ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, note = EXCLUDED.note
         RETURNING ${OVERRIDE_COLUMNS}`,
        [dto.day, dto.kind, dto.note],
      );
      await this.audit.record(m, {
        actorId,
        action: 'CALENDAR_DAY_SET',
        entityType: 'calendar_day',
        entityId: dto.day,
        before: before ?? null,
        after: { day: after.day, kind: after.kind, note: after.note },
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

  private async load(db: Pick<EntityManager, 'query'>): Promise<WorkingCalendar> {
    const rows: CalendarOverride[] = await db.query(`SELECT day::text AS day, kind FROM calendar_day ORDER BY day`);
    return new WorkingCalendar(rows);
  }
}
