import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A coordination programme (chương trình phối hợp, e.g. "01-CTrPH/BTGTU-UBND", 2021–2025): binds
 * the Propaganda Department to one or more units, states the categories they handle and the
 * deadlines they agreed to. Annual plans renew it each year.
 */
@Entity('coordination_programme')
export class CoordinationProgramme {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_coordination_programme_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 500 })
  titleVi: string;

  @Column({ type: 'varchar', length: 500 })
  titleEn: string;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  /** Org units that signed it with the department. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  partyUnitIds: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  categoryIds: string[];

  /** Agreed working days to acknowledge and to resolve, where the programme sets them. */
  @Column({ type: 'integer', nullable: true })
  acknowledgeDays: number | null;

  @Column({ type: 'integer', nullable: true })
  resolveDays: number | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
