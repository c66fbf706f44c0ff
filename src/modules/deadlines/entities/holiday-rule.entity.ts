import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { inList } from '../../organisation/organisation.types.js';
import { HOLIDAY_CALENDARS, type HolidayCalendar } from '../calendar-data.js';

/**
 * A public holiday the law gives, as data: the Labour Code's list is seeded by the migration, and a
 * newly legislated holiday is one more row (with its years and legal basis), not code.
 */
@Entity('holiday_rule')
@Check('ck_holiday_rule_calendar', inList('calendar', HOLIDAY_CALENDARS))
@Check('ck_holiday_rule_date', '"month" BETWEEN 1 AND 12 AND "day" BETWEEN 1 AND 31')
@Check('ck_holiday_rule_length', '"length_days" BETWEEN 1 AND 10 AND "offset_days" BETWEEN -5 AND 5')
@Check('ck_holiday_rule_years', '"to_year" IS NULL OR "to_year" >= "from_year"')
export class HolidayRule {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  calendar: HolidayCalendar;

  @Column({ type: 'smallint' })
  month: number;

  @Column({ type: 'smallint' })
  day: number;

  @Column({ type: 'smallint', default: 0 })
  offsetDays: number;

  @Column({ type: 'smallint', default: 1 })
  lengthDays: number;

  /** One day next to the date, chosen by the government each year (National Day's second day). */
  @Column({ type: 'boolean', default: false })
  adjacent: boolean;

  @Column({ type: 'smallint' })
  fromYear: number;

  @Column({ type: 'smallint', nullable: true })
  toYear: number | null;

  @Column({ type: 'varchar', length: 300 })
  legalBasis: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
