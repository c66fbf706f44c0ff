import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { inList } from '../../organisation/organisation.types.js';

export const CALENDAR_DAY_KINDS = ['DAY_OFF', 'WORKING_DAY'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];
/** GOVERNMENT: from a yearly announcement (with its reference); ADMIN: the organisation's own correction. */
export const CALENDAR_DAY_SOURCES = ['GOVERNMENT', 'ADMIN'] as const;
export type CalendarDaySource = (typeof CALENDAR_DAY_SOURCES)[number];

/**
 * A day that differs from the law's computation: an extra day off (the government moves days off
 * each year) or a make-up working day (often a Saturday). The 2025–2026 announcements are shipped
 * as GOVERNMENT rows; admins add the later years' and their own.
 */
@Entity('calendar_day')
@Check('ck_calendar_day_kind', inList('kind', CALENDAR_DAY_KINDS))
@Check('ck_calendar_day_source', inList('source', CALENDAR_DAY_SOURCES))
export class CalendarDay {
  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'varchar', length: 16 })
  kind: CalendarDayKind;

  @Column({ type: 'varchar', length: 300 })
  note: string;

  @Column({ type: 'varchar', length: 16, default: 'ADMIN' })
  source: CalendarDaySource;

  /** The announcement (e.g. "Công văn 8726/VPCP-KGVX ngày 26/11/2024"); null for ADMIN rows. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  reference: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
