import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { startDemoMailCatcher } from './demo-mail.js';
import { migrate } from './migrate.js';
import { seed } from './seed.js';

/**
 * `npm run demo`: migrate, load demo data into an empty database, then run the API and the
 * workers (WORKER_ROLE core and reports) side by side until Ctrl-C (which stops them all).
 */
async function main() {
  const config = loadConfig();
  await migrate();
  await seed({ ifEmpty: true });
  const mailDir = await startDemoMailCatcher(config.mail.smtpUrl);
  if (mailDir) console.log(`No SMTP server at ${config.mail.smtpUrl}: catching e-mail notices in ${mailDir}`);
  // The API runs with a larger young generation, as `npm run start:api` does (see README). The
  // worker runs as deployed: the reports queue (the metrics refresh) in a process of its own, so
  // its bursts do not delay routing and e-mail (bench:routing); a metrics port moves up by one.
  const worker = join(import.meta.dirname, '..', 'worker.js');
  const metricsPort = Number(process.env.WORKER_METRICS_PORT) || 0;
  const children: ChildProcess[] = [
    { args: ['--max-semi-space-size=64', join(import.meta.dirname, '..', 'main.js')], env: {} },
    { args: [worker], env: { WORKER_ROLE: 'core' } },
    { args: [worker], env: { WORKER_ROLE: 'reports', ...(metricsPort ? { WORKER_METRICS_PORT: String(metricsPort + 1) } : {}) } },
  ].map(({ args, env }) => spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } }));
  const url = `http://localhost:${config.http.port}`;
  console.log(`Concern Desk: API on ${url} (OpenAPI at ${url}/docs); log in as triage@demo.local / demo-2026`);
  // Ctrl-C (or SIGTERM) stops them all; any one ending stops the others. The demo exits once all
  // are gone (the e-mail catcher would otherwise keep it alive).
  let running = children.length;
  const stop = () => children.forEach((c) => c.exitCode === null && c.signalCode === null && c.kill('SIGTERM'));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const child of children) {
    child.on('exit', (code) => {
      if (code) {
        console.error(`a process exited with code ${code}; stopping`);
        process.exitCode = code;
      }
      stop();
      if (--running === 0) process.exit();
    });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
