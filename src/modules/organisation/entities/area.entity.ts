import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { inList, type Level, LEVELS } from '../organisation.types.js';

/** An administrative unit (province, district, commune/ward): where a concern arises. */
@Entity('area')
@Check('ck_area_level', inList('level', LEVELS))
export class Area {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_area_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Area, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_area_parent' })
  parent?: Area | null;

  @Column({ type: 'varchar', length: 16 })
  level: Level;

  @Column({ type: 'varchar', length: 200 })
  nameVi: string;

  @Column({ type: 'varchar', length: 200 })
  nameEn: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
