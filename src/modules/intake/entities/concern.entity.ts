import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity.js';
import { Case } from '../../cases/entities/case.entity.js';
import { Area } from '../../organisation/entities/area.entity.js';
import { Category } from '../../organisation/entities/category.entity.js';
import { inList } from '../../organisation/organisation.types.js';
import { type Channel, CHANNELS } from '../intake.types.js';

/** One report as logged: who, when, where, through which channel, what, how many people. */
@Entity('concern')
@Check('ck_concern_channel', inList('channel', CHANNELS))
@Check('ck_concern_people_affected', '"people_affected" IS NULL OR "people_affected" >= 0')
@Index('ix_concern_area_category_received', ['areaId', 'categoryId', 'receivedAt'])
// The hotspot scan reads the last nine weeks of concerns across every area.
@Index('ix_concern_received', ['receivedAt'])
// The desk's search by reporter phone, on its digits (+84 read as 0); an expression index, created by hand.
@Index('ix_concern_reporter_phone_digits', { synchronize: false })
export class Concern {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_concern_case')
  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_concern_case' })
  case?: Case;

  @Column({ type: 'varchar', length: 24 })
  channel: Channel;

  @Column({ type: 'uuid' })
  areaId: string;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'fk_concern_area' })
  area?: Area;

  /** The officer's suggestion; triage sets the case's category. */
  @Column({ type: 'uuid', nullable: true })
  categoryId: string | null;

  @ManyToOne(() => Category, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'fk_concern_category' })
  category?: Category | null;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'timestamptz', nullable: true })
  occurredAt: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'integer', nullable: true })
  peopleAffected: number | null;

  // Personal data of the reporter: shown to the standing body, never to agency users.
  @Column({ type: 'varchar', length: 200, nullable: true })
  reporterName: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  reporterPhone: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  reporterEmail: string | null;

  @Index('ix_concern_created_by')
  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_concern_created_by' })
  createdBy?: User | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
