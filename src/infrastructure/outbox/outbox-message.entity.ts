import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Work that a committed change must cause, written in the same transaction as the change. The
 * relay moves rows to BullMQ (job id = `jobId`, so a row sent twice is one job) and marks them
 * dispatched; while Redis is down the rows wait here and nothing is lost.
 */
@Entity('outbox_message')
@Index('ix_outbox_message_pending', ['id'], { where: '"dispatched_at" IS NULL' })
export class OutboxMessage {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  queue: string;

  @Column({ type: 'varchar', length: 64 })
  jobName: string;

  /** Deterministic BullMQ job id. */
  @Column({ type: 'varchar', length: 200 })
  jobId: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** Milliseconds to delay the job by, counted from dispatch. */
  @Column({ type: 'integer', default: 0 })
  delayMs: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
