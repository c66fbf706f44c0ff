import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Case } from '../../cases/entities/case.entity.js';

/**
 * One row per case: what the leader metrics measure, derived from the case's timeline (case_event)
 * and its lead assignment by CaseFacts. A rollup, not a source of truth: `npm run metrics:rebuild`
 * recomputes every row, and the worker keeps rows up to date as events are appended.
 *
 * Durations are whole seconds, both in calendar time and in working time (seconds that fall on
 * Vietnam working days: weekends, public holidays and the calendar's DAY_OFF overrides excluded).
 */
@Entity('case_fact')
@Index('ix_case_fact_received', ['receivedAt'])
@Index('ix_case_fact_acknowledged', ['acknowledgedAt'], { where: '"acknowledged_at" IS NOT NULL' })
@Index('ix_case_fact_resolved', ['resolvedAt'], { where: '"resolved_at" IS NOT NULL' })
@Index('ix_case_fact_closed', ['closedAt'], { where: '"closed_at" IS NOT NULL' })
@Index('ix_case_fact_due', ['dueAt'], { where: '"due_at" IS NOT NULL' })
@Index('ix_case_fact_open', ['receivedAt'], { where: '"open"' })
@Index('ix_case_fact_agency', ['agencyId', 'receivedAt'])
@Index('ix_case_fact_triaged', ['triagedAt'], { where: '"triaged_at" IS NOT NULL' })
@Index('ix_case_fact_verified', ['verifiedAt'], { where: '"verified_at" IS NOT NULL' })
export class CaseFact {
  @PrimaryColumn({ type: 'uuid' })
  caseId: string;

  @OneToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_fact_case' })
  case?: Case;

  /** The CREATED event: when the standing body received the matter. */
  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  /** Channel of the case's first concern. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  channel: string | null;

  @Column({ type: 'uuid' })
  areaId: string;

  @Column({ type: 'uuid', nullable: true })
  categoryId: string | null;

  @Column({ type: 'varchar', length: 8 })
  priority: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  /** Still owed an answer: not resolved, closed, rejected or merged. */
  @Column({ type: 'boolean' })
  open: boolean;

  /** The agency that leads: the unit of the latest top-level LEAD assignment not returned or cancelled. */
  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  /** The last move to RESOLVED, while the case stays resolved or closed (a reopening clears it). */
  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** The lead assignment's resolve deadline, extensions and paused time included (its clock); null while paused. */
  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** Lead assignment → its acknowledgement. */
  @Column({ type: 'integer', nullable: true })
  ackCalendarS: number | null;

  @Column({ type: 'integer', nullable: true })
  ackWorkingS: number | null;

  /** Receipt → resolution. */
  @Column({ type: 'integer', nullable: true })
  resolveCalendarS: number | null;

  @Column({ type: 'integer', nullable: true })
  resolveWorkingS: number | null;

  /** When the lead answered, by its clock (clock_met_at; else its or the case's resolution). */
  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  /** The lead answered by its pause-moved due instant; null when not resolved or without a deadline. */
  @Column({ type: 'boolean', nullable: true })
  onTime: boolean | null;

  /** The end of the standing body's triage step (TRIAGED, or a rejection), by its clock. */
  @Column({ type: 'timestamptz', nullable: true })
  triagedAt: Date | null;

  /** Receipt → triage, in working seconds. */
  @Column({ type: 'integer', nullable: true })
  triageWorkingS: number | null;

  /** The triage clock was MET (within the step's allowance, paused time given back). */
  @Column({ type: 'boolean', nullable: true })
  triageOnTime: boolean | null;

  /** The end of the last verification round (CLOSED or REOPENED). */
  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  /** The last RESOLVED → its verification, in working seconds. */
  @Column({ type: 'integer', nullable: true })
  verifyWorkingS: number | null;

  /** The lead's paused working seconds, for a resolved case. */
  @Column({ type: 'integer', nullable: true })
  pausedWorkingS: number | null;

  @Column({ type: 'integer', nullable: true })
  peopleAffected: number | null;

  @Column({ type: 'integer', default: 1 })
  concernCount: number;

  /** The newest timeline entry this row reflects: a case with a newer one is recomputed. */
  @Column({ type: 'bigint' })
  lastEventId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  computedAt: Date;
}
