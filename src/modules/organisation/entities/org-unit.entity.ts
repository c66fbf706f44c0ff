import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { inList, type Level, LEVELS, ORG_UNIT_KINDS, type OrgUnitKind } from '../organisation.types.js';
import { Area } from './area.entity.js';

/**
 * A body in the coordination: the Propaganda Department (standing body) or a receiving agency.
 * A tree (UBND → its departments and the communes' UBND), because the structure is data.
 */
@Entity('org_unit')
@Check('ck_org_unit_kind', inList('kind', ORG_UNIT_KINDS))
@Check('ck_org_unit_level', inList('level', LEVELS))
export class OrgUnit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_org_unit_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Index('ix_org_unit_parent')
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_org_unit_parent' })
  parent?: OrgUnit | null;

  @Column({ type: 'varchar', length: 32 })
  kind: OrgUnitKind;

  @Column({ type: 'varchar', length: 16 })
  level: Level;

  @Column({ type: 'uuid', nullable: true })
  areaId: string | null;

  @ManyToOne(() => Area, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'fk_org_unit_area' })
  area?: Area | null;

  @Column({ type: 'varchar', length: 300 })
  nameVi: string;

  @Column({ type: 'varchar', length: 300 })
  nameEn: string;

  /** Where notices to this unit go. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emails: string[];

  /** The head's contacts: the first step of the escalation ladder. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  headEmails: string[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
