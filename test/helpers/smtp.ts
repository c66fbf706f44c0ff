import { SMTPServer } from 'smtp-server';
import { freePort } from './processes.js';

/*
 * A real SMTP server inside the test: the worker delivers to it over TCP and the test reads what
 * arrived, decoded (RFC 2047 subjects, quoted-printable or base64 bodies, nested multiparts).
 */

export interface Mail {
  to: string[];
  raw: string;
  subject: string;
  text: string;
  /** The text/html part, decoded ('' when there is none). */
  html: string;
  notificationId: string;
  messageId: string;
}

/** Decodes RFC 2047 encoded words; adjacent words are joined before UTF-8 decoding (a character may span two). */
function decodeHeader(value: string): string {
  const parts = value.replace(/\?=\s+=\?/g, '?==?').split(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)/);
  const bytes = parts.map((p) => {
    const m = /^=\?[^?]+\?([bBqQ])\?([^?]*)\?=$/.exec(p);
    if (!m) return Buffer.from(p, 'utf8');
    if (m[1].toLowerCase() === 'b') return Buffer.from(m[2], 'base64');
    return Buffer.from(
      m[2].replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    );
  });
  return Buffer.concat(bytes).toString('utf8');
}

function headers(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

function decodeBody(body: string, encoding = '7bit'): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) {
    const latin = body.replace(/=\r?\n/g, '').replace(/=([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(latin, 'latin1').toString('utf8');
  }
  return body;
}

/** Headers, and the text/plain body (of a single part, or found in nested multiparts: alternative inside mixed). */
function parseMail(raw: string): { headers: Record<string, string>; text: string; html: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = headers(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  return { headers: head, text: textOf(head, body) ?? '', html: textOf(head, body, 'text/html') ?? '' };
}

function textOf(head: Record<string, string>, body: string, want = 'text/plain'): string | undefined {
  const type = head['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return type.startsWith(want) ? decodeBody(body, head['content-transfer-encoding']) : undefined;
  for (const part of body.split(`--${boundary}`)) {
    const p = part.replace(/^\r?\n/, '');
    const s = p.search(/\r?\n\r?\n/);
    if (s < 0) continue;
    const text = textOf(headers(p.slice(0, s)), p.slice(s).replace(/^\r?\n\r?\n/, ''), want);
    if (text !== undefined) return text;
  }
  return undefined;
}

/**
 * An SMTP server inside the test. `refuse` = how many of the next deliveries get a temporary
 * error (451, or `refuseCode`); Infinity refuses all of them. `refuseUntil` (epoch ms) refuses every
 * delivery until then. `delayMs` holds each reply that long after the message was received in
 * full: the message counts as received (as a real relay would keep it) even if the client dies
 * before the reply, which is how a crash mid-SMTP makes a second copy.
 */
export async function startSmtp() {
  const port = await freePort();
  const received: Mail[] = [];
  const state = { refuse: 0, refused: 0, refuseCode: 451, refuseUntil: 0, delayMs: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (d: Buffer) => chunks.push(d));
      // A client that goes away mid-message: the message is not received (no 'end').
      stream.on('error', () => undefined);
      stream.on('end', () => {
        if (state.refuse > 0 || Date.now() < state.refuseUntil) {
          if (state.refuse > 0) state.refuse--;
          state.refused++;
          const code = state.refuseCode;
          return cb(Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try later'), { responseCode: code }));
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = parseMail(raw);
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw,
          subject: decodeHeader(mail.headers.subject ?? ''),
          text: mail.text,
          html: mail.html,
          notificationId: mail.headers['x-concern-desk-notification'] ?? '',
          messageId: mail.headers['message-id'] ?? '',
        });
        if (state.delayMs > 0) setTimeout(() => cb(), state.delayMs);
        else cb();
      });
    },
  });
  // A client killed mid-transaction (the fault tests SIGKILL the worker) resets its socket: that is
  // the fault under test, not an error of the suite (unhandled, it would fail the whole file).
  server.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'ECONNRESET' && e.code !== 'EPIPE') throw e;
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    state,
    received,
    of: (notificationId: string) => received.filter((m) => m.notificationId === notificationId),
    to: (address: string) => received.filter((m) => m.to.includes(address.toLowerCase())),
    /** The next `n` deliveries get a temporary error (451), or `code`. */
    refuse(n: number, code = 451) {
      state.refuse = n;
      state.refuseCode = code;
    },
    /** Every delivery in the next `ms` gets a temporary error (451). */
    refuseFor(ms: number, code = 451) {
      state.refuseUntil = Date.now() + ms;
      state.refuseCode = code;
    },
    /** Back to accepting everything at once. */
    reset() {
      Object.assign(state, { refuse: 0, refused: 0, refuseCode: 451, refuseUntil: 0, delayMs: 0 });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
