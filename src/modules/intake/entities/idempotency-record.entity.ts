import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The first answer to a request sent with an Idempotency-Key, so that a re-sent form returns it
 * again and writes nothing new. Scoped per user; old rows are purged by the worker.
 */
@Entity('idempotency_record')
@Index('ix_idempotency_record_created', ['createdAt'])
export class IdempotencyRecord {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  /** sha256 of method, path and body: the same key with another request is refused. */
  @Column({ type: 'char', length: 64 })
  requestHash: string;

  @Column({ type: 'smallint' })
  statusCode: number;

  @Column({ type: 'jsonb' })
  response: unknown;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
