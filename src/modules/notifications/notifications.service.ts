import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../../config/index.js';
import { InjectConfig } from '../../infrastructure/config/config.module.js';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { enqueueAfterCommit } from '../../infrastructure/outbox/outbox.js';
import type { NotificationStatus } from './entities/notification.entity.js';
import { redactVars, stampSensitivity } from './redaction.js';
import { isTemplateName, type Locale, type TemplateName, type TemplateVars } from './templates.js';

/** A notice to record; `vars` are checked against the template's variables at compile time. */
export interface NotificationRequest<T extends TemplateName = TemplateName> {
  /** What caused the notice (e.g. `event:123`); the recipient is appended, so a repeat creates nothing. */
  dedupeKey: string;
  caseId: string | null;
  recipients: string[];
  template: T;
  locale?: Locale;
  vars: TemplateVars[T];
}

export interface NotificationView {
  id: string;
  dedupeKey: string;
  caseId: string | null;
  caseCode: string | null;
  recipient: string;
  template: string;
  locale: string;
  status: NotificationStatus;
  attempts: number;
  /** Sent again after an attempt was found unfinished (a crash): each may have been a second copy. */
  resends: number;
  lastError: string | null;
  smtpMessageId: string | null;
  createdAt: Date;
  /** Start of the retry window (reset by an admin retry). */
  queuedAt: Date;
  /** When a QUEUED notice is attempted next. */
  nextAttemptAt: Date;
  sentAt: Date | null;
}

const DEDUPE_KEY_MAX = 300;
const VIEW = `SELECT n.id, n.dedupe_key AS "dedupeKey", n.case_id AS "caseId", c.code AS "caseCode", n.recipient, n.template, n.locale,
                     n.status, n.attempts, n.resends, n.last_error AS "lastError", n.smtp_message_id AS "smtpMessageId",
                     n.created_at AS "createdAt", n.queued_at AS "queuedAt", n.next_attempt_at AS "nextAttemptAt", n.sent_at AS "sentAt"
                FROM notification n LEFT JOIN cases c ON c.id = n.case_id`;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * BullMQ job id of a notice's send-email job (`email-<id>`, `email-<id>-retry-<n>`). No `:` in it:
 * BullMQ 6 refuses custom ids containing `:` (unless split in exactly three parts, a legacy case).
 */
export function emailJobId(notificationId: string, retry?: number): string {
  return retry === undefined ? `email-${notificationId}` : `email-${notificationId}-retry-${retry}`;
}

/** Every active leader's address: who digests, hotspot warnings and review reports go to. */
export async function leaderEmails(m: Pick<EntityManager, 'query'>): Promise<string[]> {
  const rows: Array<{ email: string }> = await m.query(`SELECT email FROM app_user WHERE role = 'leader' AND active ORDER BY email`);
  return rows.map((r) => r.email);
}

export function caseUrl(baseUrl: string, caseId: string): string {
  // The web interface routes by hash: /cases/<id> is no page of the server (it answered 404).
  return `${baseUrl}/#/cases/${caseId}`;
}

/** E-mail notices: recorded with the change that causes them, sent later by the send-email job. */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Inside the caller's transaction: one `notification` row per distinct recipient and, for each
   * new row, an outbox row for its send-email job. Returns the ids of the rows created (none when
   * the same request was made before).
   */
  async request<T extends TemplateName>(m: EntityManager, n: NotificationRequest<T>): Promise<string[]> {
    if (!isTemplateName(n.template)) throw new Error(`Unknown e-mail template ${n.template}`);
    const recipients = [...new Set(n.recipients.map((r) => r.trim().toLowerCase()))].filter((r) => {
      const ok = EMAIL.test(r) && r.length <= 254;
      if (!ok && r) this.logger.warn({ dedupeKey: n.dedupeKey }, 'skipping a malformed recipient address');
      return ok;
    });
    if (!recipients.length) return [];
    // Stored without the words of a case that is not PUBLIC (the send stamps and redacts again).
    const vars = redactVars(await stampSensitivity(m, n.caseId, { ...(n.vars as object) }));
    if (n.caseId && vars.caseUrl === undefined) vars.caseUrl = caseUrl(this.config.http.baseUrl, n.caseId);
    // The id is drawn here so that the row can name its first job (the reconciler asks BullMQ about it).
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO notification (id, dedupe_key, case_id, recipient, template, locale, vars, job_id)
       SELECT u, k, $2, r, $3, $4, $5, 'email-' || u FROM (SELECT gen_random_uuid() AS u, k, r FROM unnest($1::text[], $6::text[]) AS t(k, r)) t
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [recipients.map((r) => dedupeKey(n.dedupeKey, r)), n.caseId, n.template, n.locale ?? 'vi', JSON.stringify(vars), recipients],
    );
    for (const { id } of rows) await enqueueAfterCommit(m, 'send-email', { notificationId: id }, emailJobId(id));
    return rows.map((r) => r.id);
  }

  async list(status?: NotificationStatus, limit = 100): Promise<{ items: NotificationView[] }> {
    const items: NotificationView[] = await this.db.query(
      `${VIEW}
        WHERE ($1::text IS NULL OR n.status = $1)
        ORDER BY n.created_at DESC, n.id
        LIMIT $2`,
      [status ?? null, limit],
    );
    return { items };
  }

  /**
   * Sends a failed notice again, due now and with a fresh retry window. A new job id, since BullMQ
   * keeps the failed notice's last job under its id; `attempts` keeps counting (per-attempt job ids
   * must not repeat either).
   */
  async retry(id: string): Promise<NotificationView> {
    await this.db.transaction(async (m) => {
      // A timestamp, not a count: outbox rows may be purged, and a reused job id would be swallowed by BullMQ.
      const jobId = emailJobId(id, Date.now());
      const [rows] = await m.query(
        `UPDATE notification SET status = 'QUEUED', queued_at = now(), next_attempt_at = now(), sending_since = NULL, job_id = $2
          WHERE id = $1 AND status = 'FAILED' RETURNING id`,
        [id, jobId],
      );
      if (!rows.length) {
        const [current] = await m.query(`SELECT status FROM notification WHERE id = $1`, [id]);
        if (!current) throw DomainError.notFound('Notification', id);
        throw DomainError.conflict('NOTIFICATION_NOT_FAILED', `Notification ${id} is ${current.status}; only a FAILED one can be retried`, {
          notificationStatus: current.status,
        });
      }
      await enqueueAfterCommit(m, 'send-email', { notificationId: id }, jobId);
    });
    this.logger.log({ notificationId: id }, 'notification re-queued');
    const [view] = await this.db.query(`${VIEW} WHERE n.id = $1`, [id]);
    return view;
  }
}

function dedupeKey(key: string, recipient: string): string {
  const full = `${key}:${recipient}`;
  if (full.length <= DEDUPE_KEY_MAX) return full;
  // Still unique per recipient, within the column's width.
  return `${key.slice(0, DEDUPE_KEY_MAX - 42)}:${createHash('sha1').update(full).digest('hex')}`;
}
