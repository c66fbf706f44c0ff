import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who changed which reference record (org unit, user, category, …) and how. Case changes live
 * in the case timeline instead. Append-only: the database refuses UPDATE and DELETE.
 */
@Entity('audit_log')
@Index('ix_audit_log_entity', ['entityType', 'entityId'])
export class AuditLog {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 64 })
  entityType: string;

  @Column({ type: 'varchar', length: 64 })
  entityId: string;

  /** `{ before, after }` with secrets left out. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;
}
