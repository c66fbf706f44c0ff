import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../config/index.js';
import { InjectConfig } from '../../../infrastructure/config/config.module.js';
import { JobSchedules } from '../../../infrastructure/queue/job-schedules.service.js';
import { declareHandled, dispatch } from '../../../infrastructure/queue/job-handlers.js';
import { emailAttempts } from '../../../infrastructure/operations/metrics.js';
import { JOBS, QUEUES } from '../../../infrastructure/queue/queue.registry.js';
import type { NotificationStatus } from '../entities/notification.entity.js';
import { type Attachment, NotificationAttachments } from '../attachments.js';
import { addSendJobs, backoffMs, deliveryJobIds } from '../delivery.js';
import { MAIL_TRANSPORT, type MailTransport } from '../mail-transport.js';
import { caseUrl } from '../notifications.service.js';
import { stampSensitivity } from '../redaction.js';
import { isTemplateName, render, type TemplateName, type TemplateVars } from '../templates.js';
import { DigestService } from './digest.service.js';

declareHandled([JOBS.sendEmail.name, JOBS.agencyDigest.name, JOBS.leaderDigest.name]);

const TZ = 'Asia/Ho_Chi_Minh';

interface ClaimedRow {
  id: string;
  caseId: string | null;
  recipient: string;
  template: string;
  locale: string;
  vars: Record<string, unknown>;
  /** This attempt's number (attempts after the claim). */
  attempts: number;
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
}

/** The notifications queue: one e-mail per job, and the scheduled digests. */
@Processor(QUEUES.notifications, { concurrency: 20 })
export class SendEmailProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(SendEmailProcessor.name);
  private readonly messageIdDomain: string;

  constructor(
    private readonly db: DataSource,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @InjectConfig() private readonly config: AppConfig,
    private readonly digests: DigestService,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
    private readonly schedules: JobSchedules,
    private readonly attachments: NotificationAttachments,
  ) {
    super();
    this.messageIdDomain = /@([^>\s]+)>?\s*$/.exec(config.mail.from)?.[1] ?? 'concern-desk.local';
  }

  async onApplicationBootstrap() {
    // Idempotent by scheduler id: every worker copy may upsert them; JobSchedules keeps them alive.
    await this.schedules.keep(this.queue, JOBS.agencyDigest.name, { pattern: '0 7 * * *', tz: TZ }, { name: JOBS.agencyDigest.name, data: {} });
    await this.schedules.keep(this.queue, JOBS.leaderDigest.name, { pattern: '30 7 * * 1', tz: TZ }, { name: JOBS.leaderDigest.name, data: {} });
  }

  process(job: Job): Promise<unknown> {
    return dispatch(
      {
        'send-email': ({ notificationId }, j) => this.send(notificationId, j),
        'agency-digest': () => this.digests.agencyDigest(),
        'leader-digest': () => this.digests.leaderDigest(),
      },
      job,
    );
  }

  /**
   * One attempt at one notice. The row is claimed (QUEUED and due → SENDING, committed) before
   * the SMTP transaction, so a crash leaves only the messages in flight in doubt; the reconciler
   * sends those again. A temporary failure puts the row back to QUEUED with its next attempt in
   * PostgreSQL and a delayed job for it; the job itself always completes (the retries are ours).
   */
  private async send(id: string, job: Job) {
    // TypeORM answers an UPDATE with [rows, count].
    const [[n]]: [ClaimedRow[], number] = await this.db.query(
      `UPDATE notification SET status = 'SENDING', sending_since = now(), attempts = attempts + 1
        WHERE id = $1 AND status = 'QUEUED' AND next_attempt_at <= now()
        RETURNING id, case_id AS "caseId", recipient, template, locale, vars, attempts`,
      [id],
    );
    // Sent, failed, held by another attempt, not due yet, or unknown: this job has nothing to do.
    if (!n) return { skipped: true, job: job.id };

    let message;
    let vars: Record<string, unknown>;
    try {
      // The case's sensitivity now, not when the notice was recorded: render withholds its words unless PUBLIC.
      vars = await stampSensitivity(this.db, n.caseId, { ...n.vars });
    } catch (e) {
      return this.retryLater(n, e as Error);
    }
    try {
      if (!isTemplateName(n.template)) throw new Error(`unknown template ${n.template}`);
      if (n.caseId && vars.caseUrl === undefined) vars.caseUrl = caseUrl(this.config.http.baseUrl, n.caseId);
      // The one place stored vars meet the typed templates: render checks the required ones.
      message = render(n.template, n.locale === 'en' ? 'en' : 'vi', vars as unknown as TemplateVars[TemplateName]);
    } catch (e) {
      // Rendering again gives the same result: fail now, without retries.
      return this.fail(n, e as Error, 'template');
    }

    // Built at send time (a report is regenerated on a retry); a failure here is retried like SMTP's.
    let attachments: Attachment[];
    try {
      attachments = await this.attachments.build(n.template as TemplateName, vars, n.locale === 'en' ? 'en' : 'vi');
    } catch (e) {
      return this.retryLater(n, e as Error);
    }

    let info;
    try {
      info = await this.transport.sendMail({
        attachments,
        from: this.config.mail.from,
        to: n.recipient,
        subject: message.subject,
        text: message.text,
        html: message.html,
        // Not base64: the text stays readable (and greppable) in the raw message.
        textEncoding: 'quoted-printable',
        // The same notice keeps its Message-ID across attempts and resends, so mail clients collapse a second copy.
        messageId: `<${n.id}@${this.messageIdDomain}>`,
        // The case code lets mail rules (and the routing benchmark) file notices by case.
        headers: {
          'Auto-Submitted': 'auto-generated',
          'X-Concern-Desk-Notification': n.id,
          ...(typeof n.vars?.caseCode === 'string' ? { 'X-Concern-Desk-Case': n.vars.caseCode } : {}),
        },
      });
    } catch (e) {
      const err = e as SmtpError;
      // 5xx: the relay refuses for good (unknown mailbox, policy); retrying cannot help.
      if (typeof err.responseCode === 'number' && err.responseCode >= 500 && err.responseCode < 600) return this.fail(n, err, 'smtp');
      return this.retryLater(n, err);
    }
    // Whatever state a slower twin left it in: the message has been accepted, so the row says SENT.
    await this.db.query(
      `UPDATE notification SET status = 'SENT', sent_at = now(), smtp_message_id = $2, sending_since = NULL WHERE id = $1 AND status <> 'SENT'`,
      [id, info.messageId?.slice(0, 300) ?? null],
    );
    emailAttempts.inc({ outcome: 'sent' });
    this.logger.log({ notificationId: id, template: n.template, attempt: n.attempts }, 'e-mail sent');
    return { sent: true, messageId: info.messageId };
  }

  /** Refused for good: FAILED now, with the reason, for an operator to see and retry. */
  private async fail(n: ClaimedRow, e: SmtpError, why: 'template' | 'smtp') {
    await this.db.query(
      `UPDATE notification SET status = 'FAILED', last_error = $3, sending_since = NULL WHERE id = $1 AND status = 'SENDING' AND attempts = $2`,
      [n.id, n.attempts, describe(e)],
    );
    emailAttempts.inc({ outcome: 'failed' });
    this.logger.warn({ notificationId: n.id, attempt: n.attempts, responseCode: e.responseCode, why, error: describe(e) }, 'e-mail refused for good: FAILED');
    return { failed: describe(e) };
  }

  /**
   * A temporary failure: back to QUEUED with the next attempt after an exponential backoff, never
   * later than the end of the retry window; an attempt failing at or after that end makes it FAILED.
   * Guarded by the attempt number, so an attempt the reconciler already gave up on changes nothing.
   */
  private async retryLater(n: ClaimedRow, e: SmtpError) {
    const { backoffBaseMs, backoffMaxMs, retryWindowMs } = this.config.notifications;
    const next = n.attempts + 1;
    const jobId = deliveryJobIds.attempt(n.id, next);
    const [[row]]: [Array<{ status: NotificationStatus; delayMs: number }>, number] = await this.db.query(
      `UPDATE notification
          SET status = CASE WHEN now() >= queued_at + $4::float8 * interval '1 millisecond' THEN 'FAILED' ELSE 'QUEUED' END,
              next_attempt_at = LEAST(now() + $3::float8 * interval '1 millisecond', queued_at + $4::float8 * interval '1 millisecond'),
              last_error = $5, sending_since = NULL, job_id = $6
        WHERE id = $1 AND status = 'SENDING' AND attempts = $2
        RETURNING status, greatest(0, ceil(extract(epoch FROM next_attempt_at - now()) * 1000))::int AS "delayMs"`,
      [n.id, n.attempts, backoffMs(n.attempts, backoffBaseMs, backoffMaxMs), retryWindowMs, describe(e), jobId],
    );
    const log = { notificationId: n.id, attempt: n.attempts, responseCode: e.responseCode, error: describe(e) };
    if (!row) return { superseded: true };
    if (row.status === 'FAILED') {
      emailAttempts.inc({ outcome: 'failed' });
      this.logger.warn(log, 'e-mail not sent within the retry window: FAILED');
      return { failed: describe(e) };
    }
    emailAttempts.inc({ outcome: 'retry' });
    this.logger.warn({ ...log, retryInMs: row.delayMs }, 'e-mail not sent; retrying later');
    // The row is committed first: if Redis does not take the job, the reconciler finds the row due and without one.
    await addSendJobs(this.queue, [{ notificationId: n.id, jobId, delayMs: row.delayMs }]).catch((err: Error) =>
      this.logger.warn({ notificationId: n.id, err: err.message }, 'next attempt not handed to Redis; the reconciler will'),
    );
    return { retryInMs: row.delayMs };
  }
}

function describe(e: SmtpError): string {
  const code = [e.code, e.responseCode].filter(Boolean).join(' ');
  return `${code ? `[${code}] ` : ''}${e.message}`.slice(0, 2000);
}
