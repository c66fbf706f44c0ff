import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../config/index.js';
import { InjectConfig } from '../../../infrastructure/config/config.module.js';
import { JobSchedules } from '../../../infrastructure/queue/job-schedules.service.js';
import { declareHandled, dispatch } from '../../../infrastructure/queue/job-handlers.js';
import { JOBS, QUEUES } from '../../../infrastructure/queue/queue.registry.js';
import type { NotificationStatus } from '../entities/notification.entity.js';
import { type Attachment, NotificationAttachments } from '../attachments.js';
import { MAIL_TRANSPORT, type MailTransport } from '../mail-transport.js';
import { caseUrl } from '../notifications.service.js';
import { isTemplateName, render, type TemplateName, type TemplateVars } from '../templates.js';
import { DigestService } from './digest.service.js';

declareHandled([JOBS.sendEmail.name, JOBS.agencyDigest.name, JOBS.leaderDigest.name]);

const TZ = 'Asia/Ho_Chi_Minh';

interface NotificationRow {
  id: string;
  caseId: string | null;
  recipient: string;
  template: string;
  locale: string;
  vars: Record<string, unknown>;
  status: NotificationStatus;
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
}

/** The notifications queue: one e-mail per job, and the scheduled digests. */
@Processor(QUEUES.notifications, { concurrency: 10 })
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

  private async send(id: string, job: Job) {
    const [n]: NotificationRow[] = await this.db.query(
      `SELECT id, case_id AS "caseId", recipient, template, locale, vars, status FROM notification WHERE id = $1`,
      [id],
    );
    if (!n) {
      this.logger.warn({ notificationId: id }, 'notification not found: nothing to send');
      return { skipped: 'unknown' };
    }
    // A repeat of a delivered notice does nothing; a failed one goes out again only through an admin retry.
    if (n.status !== 'QUEUED') return { skipped: n.status };

    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    let message;
    let vars: Record<string, unknown> = {};
    try {
      if (!isTemplateName(n.template)) throw new Error(`unknown template ${n.template}`);
      vars = { ...n.vars };
      if (n.caseId && vars.caseUrl === undefined) vars.caseUrl = caseUrl(this.config.http.baseUrl, n.caseId);
      // The one place stored vars meet the typed templates: render checks the required ones.
      message = render(n.template, n.locale === 'en' ? 'en' : 'vi', vars as unknown as TemplateVars[TemplateName]);
    } catch (e) {
      // Rendering again gives the same result: fail now, without retries.
      await this.recordFailure(id, e as Error, true);
      throw new UnrecoverableError(`notification ${id}: ${(e as Error).message}`);
    }

    // Built at send time (a report is regenerated on a retry); a failure here is retried like SMTP's.
    let attachments: Attachment[];
    try {
      attachments = await this.attachments.build(n.template as TemplateName, vars, n.locale === 'en' ? 'en' : 'vi');
    } catch (e) {
      await this.recordFailure(id, e as Error, lastAttempt);
      throw e;
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
        // The same notice keeps its Message-ID across attempts, so mail clients can collapse a resend.
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
      const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500 && err.responseCode < 600;
      await this.recordFailure(id, err, lastAttempt || permanent);
      this.logger.warn(
        { notificationId: id, attempt: job.attemptsMade + 1, of: job.opts.attempts, responseCode: err.responseCode, final: lastAttempt || permanent },
        'e-mail not sent',
      );
      if (permanent) throw new UnrecoverableError(describe(err));
      throw err;
    }
    await this.db.query(
      `UPDATE notification SET status = 'SENT', sent_at = now(), smtp_message_id = $2, attempts = attempts + 1 WHERE id = $1`,
      [id, info.messageId?.slice(0, 300) ?? null],
    );
    this.logger.log({ notificationId: id, template: n.template }, 'e-mail sent');
    return { sent: true, messageId: info.messageId };
  }

  private async recordFailure(id: string, e: Error, final: boolean) {
    await this.db.query(
      `UPDATE notification SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'FAILED' ELSE status END
        WHERE id = $1 AND status = 'QUEUED'`,
      [id, describe(e as SmtpError), final],
    );
  }
}

function describe(e: SmtpError): string {
  const code = [e.code, e.responseCode].filter(Boolean).join(' ');
  return `${code ? `[${code}] ` : ''}${e.message}`.slice(0, 2000);
}
