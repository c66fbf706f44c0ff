import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { inList } from '../../organisation/organisation.types.js';
import { Assignment } from '../../cases/entities/assignment.entity.js';

export const EXTENSION_STATUSES = ['PENDING', 'GRANTED', 'DENIED'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

/** An agency asks for more time; the standing body grants or denies. The deadline moves only when granted. */
@Entity('extension_request')
@Check('ck_extension_request_status', inList('status', EXTENSION_STATUSES))
export class ExtensionRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_extension_request_assignment')
  @Column({ type: 'uuid' })
  assignmentId: string;

  @ManyToOne(() => Assignment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'fk_extension_request_assignment' })
  assignment?: Assignment;

  @Column({ type: 'double precision' })
  days: number;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 8, default: 'PENDING' })
  status: ExtensionStatus;

  @Column({ type: 'uuid' })
  requestedById: string;

  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ type: 'text', nullable: true })
  decisionNote: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
