import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PRIORITIES, type Priority } from '../../cases/case.types.js';
import { Category } from '../../organisation/entities/category.entity.js';
import { inList } from '../../organisation/organisation.types.js';
import { CoordinationProgramme } from '../../programmes/entities/coordination-programme.entity.js';

/**
 * Time allowed to an agency, in working days (fractions allowed, for tests and urgent matters):
 * per priority, optionally narrowed to a category or a coordination programme (the most specific
 * policy wins). Reminders at fractions of the time to resolve and one working day before;
 * escalation one level up every `escalationStepDays` working days past the deadline.
 */
@Entity('deadline_policy')
@Check('ck_deadline_policy_priority', inList('priority', PRIORITIES))
@Check('ck_deadline_policy_steps_positive', '"triage_days" > 0 AND "verify_days" > 0 AND "directive_reply_days" > 0')
@Check('ck_deadline_policy_positive', '"acknowledge_days" > 0 AND "resolve_days" > 0 AND "escalation_step_days" > 0')
export class DeadlinePolicy {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 8 })
  priority: Priority;

  @Column({ type: 'uuid', nullable: true })
  categoryId: string | null;

  @ManyToOne(() => Category, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'fk_deadline_policy_category' })
  category?: Category | null;

  @Column({ type: 'uuid', nullable: true })
  programmeId: string | null;

  @ManyToOne(() => CoordinationProgramme, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_deadline_policy_programme' })
  programme?: CoordinationProgramme | null;

  @Column({ type: 'double precision' })
  acknowledgeDays: number;

  @Column({ type: 'double precision' })
  resolveDays: number;

  /** Fractions of the time to resolve at which to remind, e.g. {0.5, 0.8}. */
  @Column({ type: 'double precision', array: true, default: () => "'{0.5,0.8}'" })
  reminderFractions: number[];

  @Column({ type: 'boolean', default: true })
  remindDayBefore: boolean;

  @Column({ type: 'double precision', default: 2 })
  escalationStepDays: number;

  /** The standing body's own steps: triage of a NEW case from receipt, verification from RESOLVED to CLOSED/REOPENED. */
  @Column({ type: 'double precision', default: 1 })
  triageDays: number;

  @Column({ type: 'double precision', default: 3 })
  verifyDays: number;

  /** An agency's reply to a leader's directive. */
  @Column({ type: 'double precision', default: 2 })
  directiveReplyDays: number;

  /** Whether the clock to resolve stops while an extension request waits for a decision. */
  @Column({ type: 'boolean', default: false })
  pauseOnExtension: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
