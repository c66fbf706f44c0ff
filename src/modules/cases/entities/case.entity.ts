import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity.js';
import { Area } from '../../organisation/entities/area.entity.js';
import { Category } from '../../organisation/entities/category.entity.js';
import { OrgUnit } from '../../organisation/entities/org-unit.entity.js';
import { inList } from '../../organisation/organisation.types.js';
import { CASE_STATUSES, type CaseStatus, PRIORITIES, type Priority, SENSITIVITIES, type Sensitivity } from '../case.types.js';

/**
 * The matter the standing body works on. One case gathers every concern about the same issue.
 * The table is `cases` because CASE is an SQL keyword.
 */
@Entity('cases')
@Check('ck_cases_status', inList('status', CASE_STATUSES))
@Check('ck_cases_priority', inList('priority', PRIORITIES))
@Check('ck_cases_sensitivity', inList('sensitivity', SENSITIVITIES))
@Index('ix_cases_created', ['createdAt', 'id'])
@Index('ix_cases_status_created', ['status', 'createdAt'])
// Trigram index on the folded text for diacritic-insensitive search; created by hand in the migration.
@Index('ix_cases_search_trgm', { synchronize: false })
// GIN index on the duplicate-detection tokens (array overlap finds candidates); created by hand.
@Index('ix_cases_similarity_tokens', { synchronize: false })
export class Case {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Human reference, e.g. VV-2026-000123, from the case_code_seq sequence. */
  @Index('uq_cases_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 16, default: 'NEW' })
  status: CaseStatus;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Index('ix_cases_category')
  @Column({ type: 'uuid', nullable: true })
  categoryId: string | null;

  @ManyToOne(() => Category, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'fk_cases_category' })
  category?: Category | null;

  @Column({ type: 'varchar', length: 8, default: 'NORMAL' })
  priority: Priority;

  @Column({ type: 'varchar', length: 16, default: 'PUBLIC' })
  sensitivity: Sensitivity;

  @Index('ix_cases_area')
  @Column({ type: 'uuid' })
  areaId: string;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'fk_cases_area' })
  area?: Area;

  /** The standing body (a Propaganda Department) that works the case. */
  @Column({ type: 'uuid', nullable: true })
  ownerUnitId: string | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_unit_id', foreignKeyConstraintName: 'fk_cases_owner_unit' })
  ownerUnit?: OrgUnit | null;

  /** How many concerns the case gathers: a signal of its weight. */
  @Column({ type: 'integer', default: 1 })
  concernCount: number;

  @Column({ type: 'integer', nullable: true })
  peopleAffected: number | null;

  @Column({ type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @ManyToOne(() => Case, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merged_into_id', foreignKeyConstraintName: 'fk_cases_merged_into' })
  mergedInto?: Case | null;

  /** The status to go back to once a request for information is answered. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  resumeStatus: CaseStatus | null;

  /** Lower-case, diacritics removed (see foldVietnamese): what `q` searches. */
  @Column({ type: 'text', default: '', select: false })
  searchText: string;

  /** Tokens for duplicate suggestions (see similarityTokens), compared as sets. */
  @Column({ type: 'text', array: true, default: () => "'{}'", select: false })
  similarityTokens: string[];

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_cases_created_by' })
  createdBy?: User | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
