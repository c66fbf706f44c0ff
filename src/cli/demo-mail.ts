import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SMTPServer as SmtpServerClass } from 'smtp-server';

/**
 * For `npm run demo` only: when nothing answers at SMTP_URL, catch the notices in a local SMTP
 * server (the smtp-server package, a development dependency) so that the e-mail path runs for
 * real; each message is saved as an .eml file and announced on the console.
 */
export async function startDemoMailCatcher(smtpUrl: string): Promise<string | null> {
  const url = new URL(smtpUrl);
  const host = url.hostname;
  const port = Number(url.port || 25);
  if (!['127.0.0.1', 'localhost'].includes(host) || (await answers(host, port))) return null;
  let SMTPServer: typeof SmtpServerClass;
  try {
    ({ SMTPServer } = await import('smtp-server'));
  } catch {
    return null; // production install without dev dependencies: no catcher
  }
  const dir = join(tmpdir(), 'concern-desk-mail');
  mkdirSync(dir, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (d: Buffer) => chunks.push(d));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const file = join(dir, `${Date.now()}-${++n}.eml`);
        writeFileSync(file, raw);
        const code = /X-Concern-Desk-Case:\s*(\S+)/i.exec(raw.toString('latin1'))?.[1] ?? '';
        console.log(`[mail] ${code} → ${session.envelope.rcptTo.map((r) => r.address).join(', ')} (${file})`);
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return dir;
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
