import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { inList } from '../../organisation/organisation.types.js';

export const CALENDAR_DAY_KINDS = ['DAY_OFF', 'WORKING_DAY'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/**
 * An admin's correction of the Vietnam calendar: an extra day off (the government shifts holidays
 * each year) or a make-up working day (often a Saturday).
 */
@Entity('calendar_day')
@Check('ck_calendar_day_kind', inList('kind', CALENDAR_DAY_KINDS))
export class CalendarDay {
  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'varchar', length: 16 })
  kind: CalendarDayKind;

  @Column({ type: 'varchar', length: 300 })
  note: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
