import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Assignment } from '../../cases/entities/assignment.entity.js';

/**
 * A planned reminder of an assignment's deadline to resolve, and when it was sent. Planned by the
 * deadline-schedule consumer from the assignment's dates and policy (replaced when they change);
 * sent by the delayed job at `dueAt` or, when Redis lost that job, by the sweeper. PostgreSQL
 * therefore knows every reminder owed, whatever Redis remembers.
 */
@Entity('deadline_reminder')
@Index('ix_deadline_reminder_due', ['dueAt'], { where: '"sent_at" IS NULL' })
@Index('uq_deadline_reminder', ['assignmentId', 'dueAt'], { unique: true })
export class DeadlineReminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  assignmentId: string;

  @ManyToOne(() => Assignment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'fk_deadline_reminder_assignment' })
  assignment?: Assignment;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
