import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CoordinationProgramme } from './coordination-programme.entity.js';

/** An annual plan (kế hoạch phối hợp, e.g. "84-KH/HĐND-BTGTU" of 28/2/2023) under a programme. */
@Entity('annual_plan')
@Index('uq_annual_plan_programme_year', ['programmeId', 'year'], { unique: true })
export class AnnualPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => CoordinationProgramme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_annual_plan_programme' })
  programme?: CoordinationProgramme;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'date', nullable: true })
  signedOn: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
