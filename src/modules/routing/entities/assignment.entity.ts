import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Case } from '../../cases/entities/case.entity.js';
import { OrgUnit } from '../../organisation/entities/org-unit.entity.js';
import { inList } from '../../organisation/organisation.types.js';

export const ASSIGNMENT_ROLES = ['LEAD', 'SUPPORT'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/**
 * A case handed to an agency (lead or supporting). An agency user sees exactly the cases
 * whose assignments belong to their unit. The workflow (acknowledge, delegate, resolve) grows here.
 */
@Entity('assignment')
@Check('ck_assignment_role', inList('role', ASSIGNMENT_ROLES))
@Index('ix_assignment_unit_case', ['orgUnitId', 'caseId'])
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
  @Column({ type: 'uuid', nullable: true })
  parentAssignmentId: string | null;

  @ManyToOne(() => Assignment, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_assignment_id', foreignKeyConstraintName: 'fk_assignment_parent' })
  parentAssignment?: Assignment | null;

  @Column({ type: 'varchar', length: 16, default: 'ASSIGNED' })
  status: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
