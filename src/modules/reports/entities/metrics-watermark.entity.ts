import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How far CaseFacts has read the timeline (one row). Events at or below `safeEventId` are
 * reflected in case_fact. `pendingEventId` is the newest id seen at `pendingSince`: it becomes safe
 * once every transaction that could still commit a lower id is surely over (identity ids are
 * handed out before commit, so a plain "max id seen" could skip a late commit).
 */
@Entity('metrics_watermark')
export class MetricsWatermark {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id: number;

  @Column({ type: 'bigint', default: 0 })
  safeEventId: string;

  @Column({ type: 'bigint', default: 0 })
  pendingEventId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  pendingSince: Date;

  /** The first Vietnam day not in the day rollup yet (MetricRollup); null until it is first built. */
  @Column({ type: 'date', nullable: true })
  rolledUntil: string | null;
}
