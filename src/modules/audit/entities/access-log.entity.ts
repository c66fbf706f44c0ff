import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What was read: a case page, the reporters' personal data in it, an export of cases, a download of a case's attachment, or a letter's file (its words). */
export const ACCESS_ACTIONS = ['CASE_READ', 'REPORTER_READ', 'EXPORT', 'ATTACHMENT_READ', 'LETTER_READ'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/**
 * Who read which case's personal data, when, and how (Law 91/2025: access to sensitive personal
 * data is accounted for). Plain columns, no foreign keys, so that writing a row costs one INSERT and
 * never blocks on the case. Append-only: the database refuses UPDATE and DELETE, like audit_log.
 */
@Entity('access_log')
@Index('ix_access_log_case', ['caseId', 'id'])
@Index('ix_access_log_user', ['userId', 'id'])
@Index('ix_access_log_time', ['occurredAt'])
export class AccessLog {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  /** The request's id (x-request-id), to find the request in the logs. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  requestId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;
}
