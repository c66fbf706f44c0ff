import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { inList } from '../../organisation/organisation.types.js';

export const NOTIFICATION_STATUSES = ['QUEUED', 'SENT', 'FAILED'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** One e-mail notice to one recipient, and what became of it. */
@Entity('notification')
@Check('ck_notification_status', inList('status', NOTIFICATION_STATUSES))
@Index('ix_notification_status_created', ['status', 'createdAt'])
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

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  smtpMessageId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
