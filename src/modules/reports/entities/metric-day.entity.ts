import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row of the day rollup (see MetricRollup): the figures of one Vietnam day — or of a whole
 * month (`grain` month, `day` its first day), added up from its days so that a year reads twelve
 * rows per value instead of 365 — for one value of a set of at most two dimensions. `dims` tells which dimension columns are part of the key (agency
 * 16, category 8, area 4, channel 2, priority 1; 0 is the day's totals); the others are NULL, as is
 * a key dimension the cases have no value for (not routed yet). Histograms are packed
 * (duration-histogram.ts). Derived data: `npm run metrics:rebuild` writes it again.
 */
@Entity('metric_day')
@Index('ix_metric_day_dims_day', ['dims', 'grain', 'day'])
export class MetricDay {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'varchar', length: 5, default: 'day' })
  grain: 'day' | 'month';

  @Column({ type: 'smallint' })
  dims: number;

  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  @Column({ type: 'uuid', nullable: true })
  categoryId: string | null;

  @Column({ type: 'uuid', nullable: true })
  areaId: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  channel: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  priority: string | null;

  @Column({ type: 'int', default: 0 }) received: number;
  @Column({ type: 'int', default: 0 }) acknowledged: number;
  @Column({ type: 'bigint', default: 0 }) ackCalSum: string;
  @Column({ type: 'bigint', default: 0 }) ackWorkSum: string;
  @Column({ type: 'int', default: 0 }) resolved: number;
  @Column({ type: 'int', default: 0 }) onTime: number;
  @Column({ type: 'int', default: 0 }) withDue: number;
  @Column({ type: 'bigint', default: 0 }) resCalSum: string;
  @Column({ type: 'bigint', default: 0 }) resWorkSum: string;
  @Column({ type: 'int', default: 0 }) closed: number;
  @Column({ type: 'int', default: 0 }) overdue: number;
  @Column({ type: 'int', default: 0 }) pausedN: number;
  @Column({ type: 'bigint', default: 0 }) pausedSum: string;
  @Column({ type: 'int', default: 0 }) triaged: number;
  @Column({ type: 'int', default: 0 }) triageOnTime: number;
  @Column({ type: 'bigint', default: 0 }) triageWorkSum: string;
  @Column({ type: 'int', default: 0 }) verified: number;
  @Column({ type: 'bigint', default: 0 }) verifyWorkSum: string;

  @Column({ type: 'bytea', nullable: true }) ackCal: Buffer | null;
  @Column({ type: 'bytea', nullable: true }) ackWork: Buffer | null;
  @Column({ type: 'bytea', nullable: true }) resCal: Buffer | null;
  @Column({ type: 'bytea', nullable: true }) resWork: Buffer | null;
  @Column({ type: 'bytea', nullable: true }) pausedWork: Buffer | null;
  @Column({ type: 'bytea', nullable: true }) triageWork: Buffer | null;
  @Column({ type: 'bytea', nullable: true }) verifyWork: Buffer | null;
}

/** Days whose rollup rows are stale: written with the facts that changed them, cleared by the roll. */
@Entity('metric_dirty_day')
export class MetricDirtyDay {
  @Column({ type: 'date', primary: true })
  day: string;

  /** The id of the transaction that marked it last, so a roll clears only the marks it has seen. */
  @Column({ type: 'bigint' })
  version: string;
}
