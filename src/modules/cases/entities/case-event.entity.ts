import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { inList } from '../../organisation/organisation.types.js';
import { User } from '../../auth/entities/user.entity.js';
import { CASE_EVENT_TYPES, type CaseEventType } from '../case-events.js';
import type { CaseStatus } from '../case.types.js';
import { Case } from './case.entity.js';

/**
 * One entry of a case's timeline. Append-only (a trigger refuses UPDATE and DELETE), written in
 * the same transaction as the change it records; metrics are computed from it.
 */
@Entity('case_event')
@Check('ck_case_event_type', inList('type', CASE_EVENT_TYPES))
@Index('ix_case_event_case', ['caseId', 'id'])
@Index('ix_case_event_type_time', ['type', 'occurredAt'])
export class CaseEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_event_case' })
  case?: Case;

  /** One of CASE_EVENTS' types (the check constraint is built from the registry). */
  @Column({ type: 'varchar', length: 40 })
  type: CaseEventType;

  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus: CaseStatus | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  toStatus: CaseStatus | null;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_case_event_actor' })
  actor?: User | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;
}
