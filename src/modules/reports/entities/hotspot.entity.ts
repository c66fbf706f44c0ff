import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Area } from '../../organisation/entities/area.entity.js';
import { Category } from '../../organisation/entities/category.entity.js';

export const HOTSPOT_STATUSES = ['ACTIVE', 'ENDED'] as const;
export type HotspotStatus = (typeof HOTSPOT_STATUSES)[number];

/**
 * A hotspot (điểm nóng) in the making: an area × category whose concerns surge above its own
 * baseline. Recorded once when the rule first fires (leaders are e-mailed then), kept ACTIVE while
 * it keeps firing, ENDED when it stops; a later surge is a new hotspot.
 */
@Entity('hotspot')
@Check('ck_hotspot_status', `"status" IN ('ACTIVE', 'ENDED')`)
// At most one active hotspot per area × category: what makes "recorded once" hold under concurrent scans.
@Index('uq_hotspot_active', ['areaId', 'categoryId'], { unique: true, where: `"status" = 'ACTIVE'` })
@Index('ix_hotspot_detected', ['detectedAt'])
export class Hotspot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  areaId: string;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'fk_hotspot_area' })
  area?: Area;

  @Column({ type: 'uuid' })
  categoryId: string;

  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'fk_hotspot_category' })
  category?: Category;

  @Column({ type: 'varchar', length: 8, default: 'ACTIVE' })
  status: HotspotStatus;

  @Column({ type: 'timestamptz' })
  detectedAt: Date;

  /** The last scan that found it firing; an ENDED hotspot's end is the scan after this one. */
  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** Concerns in the recent window when detected (and at the last scan that saw it). */
  @Column({ type: 'integer' })
  recentCount: number;

  /** Mean concerns per week over the baseline weeks. */
  @Column({ type: 'double precision' })
  baselineWeeklyMean: number;

  /** Weighted recent level over weighted baseline level (people affected, sensitive category). */
  @Column({ type: 'double precision' })
  score: number;

  @Column({ type: 'integer', default: 0 })
  peopleAffected: number;

  @Column({ type: 'boolean', default: false })
  sensitive: boolean;

  /** What the rule saw: window bounds, weekly counts, the latest concerns' cases. */
  @Column({ type: 'jsonb' })
  evidence: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
