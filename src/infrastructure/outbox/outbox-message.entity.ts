import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Work that a committed change must cause, written in the same transaction as the change. The
 * relay moves rows to BullMQ (job id = `jobId`, so a row sent twice is one job) and marks them
 * dispatched; while Redis is down the rows wait here and nothing is lost. A tracked job's row stays
 * open until its consumer marks it done, so a job that Redis lost after dispatch is found again.
 */
@Entity('outbox_message')
@Index('ix_outbox_message_pending', ['id'], { where: '"dispatched_at" IS NULL' })
@Index('ix_outbox_message_undone', ['dispatchedAt'], { where: '"dispatched_at" IS NOT NULL AND "done_at" IS NULL' })
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

  /**
   * When the job's effect committed (tracked jobs: their consumer sets it in the transaction of its
   * effects; others: at dispatch). Dispatched and not done for long = lost in Redis, re-sent.
   */
  @Column({ type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  /** How often the reconciler sent the job again; the live job id is `jobId` or `jobId.rN`. */
  @Column({ type: 'integer', default: 0 })
  redispatches: number;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
