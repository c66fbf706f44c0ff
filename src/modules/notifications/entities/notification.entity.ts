import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { inList } from '../../organisation/organisation.types.js';

/**
 * QUEUED: waiting for its next attempt (`next_attempt_at`). SENDING: an attempt holds it (claimed
 * and committed before the SMTP transaction, so a crash leaves only these in doubt). SENT.
 * FAILED: refused for good (5xx, a template that cannot render) or the retry window ran out.
 */
export const NOTIFICATION_STATUSES = ['QUEUED', 'SENDING', 'SENT', 'FAILED'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** One e-mail notice to one recipient, and what became of it. The retry schedule lives here, not in BullMQ. */
@Entity('notification')
@Check('ck_notification_status', inList('status', NOTIFICATION_STATUSES))
@Index('ix_notification_status_created', ['status', 'createdAt'])
// The reconciler's two scans: due notices whose job Redis may have lost, and attempts that never finished.
@Index('ix_notification_queued_due', ['nextAttemptAt', 'id'], { where: `"status" = 'QUEUED'` })
@Index('ix_notification_sending_since', ['sendingSince'], { where: `"status" = 'SENDING'` })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** What caused it and for whom (e.g. `event:123:nnmt@demo.local`): the same notice is never created twice. */
  @Index('uq_notification_dedupe', { unique: true })
  @Column({ type: 'varchar', length: 300 })
  dedupeKey: string;

  @Index('ix_notification_case')
  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ type: 'varchar', length: 64 })
  template: string;

  @Column({ type: 'varchar', length: 2, default: 'vi' })
  locale: string;

  /** Values the template is rendered with (at send time, so a retry sends the same text). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  vars: Record<string, unknown>;

  @Column({ type: 'varchar', length: 8, default: 'QUEUED' })
  status: NotificationStatus;

  /** Attempts ever made (never reset, so each attempt's job id is new). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Start of the retry window; an admin retry starts a new one. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  queuedAt: Date;

  /** When a QUEUED notice may be attempted (the claim refuses it before). */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** When the current attempt claimed it (SENDING only). */
  @Column({ type: 'timestamptz', nullable: true })
  sendingSince: Date | null;

  /** Attempts found unfinished after a crash and sent again: each may have been a second copy. */
  @Column({ type: 'integer', default: 0 })
  resends: number;

  /** BullMQ id of the job meant to carry the next attempt (NULL: the first, `email-<id>`); the reconciler asks BullMQ about it. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  jobId: string | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  smtpMessageId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
