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

  // The issuing-unit profile, for the documents the unit issues (Decree 30/2020/NĐ-CP letterhead).
  /** The symbol after the number, e.g. BTGDVTU-PAKN in "125/BTGDVTU-PAKN"; null: the unit issues no documents yet (its code is used). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  documentSymbol: string | null;

  /** The superior body printed above the unit's name, e.g. TỈNH ỦY LÀO CAI. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  superiorBody: string | null;

  /** The unit's name as the letterhead prints it, e.g. BAN TUYÊN GIÁO VÀ DÂN VẬN (else the name). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  letterheadName: string | null;

  /** The place of the date line, e.g. Lào Cai in "Lào Cai, ngày 01 tháng 12 năm 2026" (else the area's name). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  documentPlace: string | null;

  /** Who signs the unit's documents unless the issuer names someone else (an app_user of the unit; users are never deleted). */
  @Column({ type: 'uuid', nullable: true })
  defaultSignerId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
