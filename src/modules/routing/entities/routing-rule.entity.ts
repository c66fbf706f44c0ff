import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CoordinationProgramme } from '../../programmes/entities/coordination-programme.entity.js';
import { Category } from '../../organisation/entities/category.entity.js';
import { OrgUnit } from '../../organisation/entities/org-unit.entity.js';
import { inList, type Level, LEVELS } from '../../organisation/organisation.types.js';
import { ASSIGNMENT_ROLES, type AssignmentRole } from '../../cases/entities/assignment.entity.js';

/**
 * Category × level → the agency that usually handles it (as lead or in support). Pre-fills the
 * triage desk's choice; a coordination programme may be the source of the rule.
 */
@Entity('routing_rule')
@Check('ck_routing_rule_level', inList('level', LEVELS))
@Check('ck_routing_rule_role', inList('role', ASSIGNMENT_ROLES))
@Index('uq_routing_rule', ['categoryId', 'level', 'orgUnitId'], { unique: true })
export class RoutingRule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  categoryId: string;

  @ManyToOne(() => Category, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'fk_routing_rule_category' })
  category?: Category;

  @Column({ type: 'varchar', length: 16 })
  level: Level;

  @Column({ type: 'uuid' })
  orgUnitId: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_unit_id', foreignKeyConstraintName: 'fk_routing_rule_org_unit' })
  orgUnit?: OrgUnit;

  @Column({ type: 'varchar', length: 8, default: 'LEAD' })
  role: AssignmentRole;

  /** Lower ranks are suggested first. */
  @Column({ type: 'integer', default: 0 })
  rank: number;

  @Column({ type: 'uuid', nullable: true })
  programmeId: string | null;

  @ManyToOne(() => CoordinationProgramme, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_routing_rule_programme' })
  programme?: CoordinationProgramme | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
