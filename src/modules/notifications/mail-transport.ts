import { Inject, Injectable, Logger, OnApplicationShutdown, Provider } from '@nestjs/common';
import nodemailer from 'nodemailer';
import type { AppConfig } from '../../../config/index.js';
import { APP_CONFIG } from '../../infrastructure/config/config.module.js';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** The one SMTP transport of a process (nodemailer, pooled). */
export function createMailTransport(config: AppConfig) {
  return nodemailer.createTransport({
    // Options in the URL's query (e.g. ?pool=false, ?maxConnections=2) win over these defaults.
    url: config.mail.smtpUrl,
    pool: true,
    // As many connections as the send-email worker's concurrency, each reused for many messages:
    // a new SMTP session per message costs more round-trips than the message itself (bench:routing).
    maxConnections: 20,
    maxMessages: 1000,
    // Fail fast on a dead relay: the job is retried with backoff, the worker slot is not held.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
    dnsTimeout: 10_000,
  });
}
export type MailTransport = ReturnType<typeof createMailTransport>;

/** Closes the pool on shutdown, once the messages in hand are delivered (or after 10 s). */
@Injectable()
export class MailTransportCloser implements OnApplicationShutdown {
  private readonly logger = new Logger('MailTransport');

  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  async onApplicationShutdown() {
    const pool = this.transport.transporter as { pendingCount?: () => number };
    const until = Date.now() + 10_000;
    while ((pool.pendingCount?.() ?? 0) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const pending = pool.pendingCount?.() ?? 0;
    if (pending) this.logger.warn({ pending }, 'closing the SMTP pool with messages in flight; their jobs will be retried');
    this.transport.close();
  }
}

export const mailTransportProviders: Provider[] = [{ provide: MAIL_TRANSPORT, inject: [APP_CONFIG], useFactory: createMailTransport }, MailTransportCloser];
