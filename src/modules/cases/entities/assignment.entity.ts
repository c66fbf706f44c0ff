import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Case } from './case.entity.js';
import { OrgUnit } from '../../organisation/entities/org-unit.entity.js';
import { inList } from '../../organisation/organisation.types.js';

export const ASSIGNMENT_ROLES = ['LEAD', 'SUPPORT'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/** An assignment's own life: the agency's side of the case. */
export const ASSIGNMENT_STATUSES = [
  'ASSIGNED',
  'ACKNOWLEDGED',
  'IN_PROGRESS',
  'NEEDS_INFO',
  'DELEGATED',
  // Every delegate answered: the delegating unit reviews their answers (accept, answer itself, or send back).
  'DELEGATE_ANSWERED',
  'RESOLVED',
  'RETURNED',
  'CANCELLED',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** Statuses in which the agency still owes an answer: open work, the kind deadlines apply to. */
export const OPEN_ASSIGNMENT_STATUSES = [
  'ASSIGNED',
  'ACKNOWLEDGED',
  'IN_PROGRESS',
  'NEEDS_INFO',
  'DELEGATED',
  // The lead still owes its own answer while it reviews its delegates': its clock keeps running.
  'DELEGATE_ANSWERED',
] as const satisfies readonly AssignmentStatus[];
/** The same as an SQL list, for `status IN ${OPEN_ASSIGNMENT_SQL}`. */
export const OPEN_ASSIGNMENT_SQL = `(${OPEN_ASSIGNMENT_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * SQL: the assignment `d` is a delegate's answer of the current round — resolved, and handed out
 * after the case was last reopened (answers of an earlier round were verified and are history).
 */
export const currentAnswerSql = (d: string) =>
  `(${d}.status = 'RESOLVED' AND ${d}.created_at > COALESCE((SELECT max(r.occurred_at) FROM case_event r WHERE r.case_id = ${d}.case_id AND r.type = 'REOPENED'), '-infinity'))`;

/** The states of a deadline clock (deadlines/clock.ts). */
export const CLOCK_STATES = ['RUNNING', 'PAUSED', 'MET', 'BREACHED', 'STOPPED'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

export const OUTCOMES = ['RESOLVED', 'PARTIALLY_RESOLVED', 'NOT_RESOLVABLE', 'REFERRED_TO_LEGAL_PROCESS'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * An agency's part of a case. "Tiếp nhận" is the standing body receiving a concern; the agency's
 * acknowledgement is "nhận xử lý", so the two are never confused.
 */
export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, { vi: string; en: string }> = {
  ASSIGNED: { vi: 'Chờ nhận xử lý', en: 'To acknowledge' },
  ACKNOWLEDGED: { vi: 'Đã nhận xử lý', en: 'Acknowledged' },
  IN_PROGRESS: { vi: 'Đang giải quyết', en: 'In progress' },
  NEEDS_INFO: { vi: 'Chờ bổ sung thông tin', en: 'Waiting for information' },
  DELEGATED: { vi: 'Đã giao cấp dưới', en: 'Delegated' },
  DELEGATE_ANSWERED: { vi: 'Cấp dưới đã báo cáo, chờ xem xét', en: 'Delegate answered, to review' },
  RESOLVED: { vi: 'Đã có kết quả', en: 'Resolved' },
  RETURNED: { vi: 'Đã trả lại', en: 'Returned' },
  CANCELLED: { vi: 'Đã hủy', en: 'Cancelled' },
};

export const OUTCOME_LABELS: Record<Outcome, { vi: string; en: string }> = {
  RESOLVED: { vi: 'Đã giải quyết dứt điểm', en: 'Resolved' },
  PARTIALLY_RESOLVED: { vi: 'Giải quyết một phần', en: 'Partially resolved' },
  NOT_RESOLVABLE: { vi: 'Không thể giải quyết', en: 'Cannot be resolved' },
  REFERRED_TO_LEGAL_PROCESS: { vi: 'Chuyển giải quyết theo thủ tục tố tụng', en: 'Referred to legal proceedings' },
};

/** The official document that carries an agency's answer, e.g. 125/UBND-TNMT of 12/3/2026 by UBND. */
export interface DocumentRef {
  number: string;
  date: string;
  issuer: string;
  /** The signed document itself, an attachment of the case (required to resolve with RESOLVED or PARTIALLY_RESOLVED). */
  attachmentId?: string;
}

/**
 * A case handed to an agency (lead or supporting). An agency user sees exactly the cases
 * whose assignments belong to their unit. The workflow (acknowledge, delegate, resolve) grows here.
 */
@Entity('assignment')
@Check('ck_assignment_role', inList('role', ASSIGNMENT_ROLES))
@Check('ck_assignment_status', inList('status', ASSIGNMENT_STATUSES))
@Check('ck_assignment_clock_state', `"clock_state" IS NULL OR ${inList('clock_state', CLOCK_STATES)}`)
@Check('ck_assignment_outcome', `"outcome" IS NULL OR ${inList('outcome', OUTCOMES)}`)
@Index('ix_assignment_unit_case', ['orgUnitId', 'caseId'])
// The agency inbox: a unit's assignments in the order they came, paged.
@Index('ix_assignment_unit_created', ['orgUnitId', 'createdAt', 'id'])
export class Assignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_assignment_case')
  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_assignment_case' })
  case?: Case;

  @Column({ type: 'uuid' })
  orgUnitId: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id', foreignKeyConstraintName: 'fk_assignment_org_unit' })
  orgUnit?: OrgUnit;

  @Column({ type: 'varchar', length: 8 })
  role: AssignmentRole;

  /** Set when a unit delegated its assignment down the chain. */
  @Index('ix_assignment_parent')
  @Column({ type: 'uuid', nullable: true })
  parentAssignmentId: string | null;

  @ManyToOne(() => Assignment, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_assignment_id', foreignKeyConstraintName: 'fk_assignment_parent' })
  parentAssignment?: Assignment | null;

  @Column({ type: 'varchar', length: 20, default: 'ASSIGNED' })
  status: AssignmentStatus;

  /** Where the assignment goes back to once a request for information is answered. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  resumeStatus: AssignmentStatus | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome: Outcome | null;

  @Column({ type: 'text', nullable: true })
  resolutionSummary: string | null;

  @Column({ type: 'jsonb', nullable: true })
  documentRef: DocumentRef | null;

  /**
   * The delegate's assignment whose answer this one accepted as its own (its outcome, summary and
   * document are copied here; the document stays the delegate's attachment). Null when it answered itself.
   */
  @Column({ type: 'uuid', nullable: true })
  acceptedAnswerId: string | null;

  @ManyToOne(() => Assignment, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'accepted_answer_id', foreignKeyConstraintName: 'fk_assignment_accepted_answer' })
  acceptedAnswer?: Assignment | null;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  /** Deadlines from the deadline policy, counted in working days on the Vietnam calendar. */
  @Column({ type: 'timestamptz', nullable: true })
  acknowledgeDueAt: Date | null;

  @Index('ix_assignment_resolve_due')
  @Column({ type: 'timestamptz', nullable: true })
  resolveDueAt: Date | null;

  /** 0 = not escalated; 1 the agency's head, 2 HĐND standing committee / UBND leadership, 3 leaders. */
  @Column({ type: 'smallint', default: 0 })
  escalationLevel: number;

  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  policyId: string | null;

  /**
   * The cached summary of the clock to resolve (deadlines/clock.ts recomputes it from the timeline on
   * every clock-changing event): working seconds paused so far, since when it is paused now, its
   * state, when it was answered, and when it became late (null if never).
   */
  @Column({ type: 'integer', default: 0 })
  pausedWorkingSeconds: number;

  @Column({ type: 'timestamptz', nullable: true })
  clockPausedSince: Date | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  clockState: ClockState | null;

  @Column({ type: 'timestamptz', nullable: true })
  clockMetAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  clockBreachedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
