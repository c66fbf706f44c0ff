import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { testEnv } from '../setup/test-env.js';

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Started {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts a compiled entry point (dist/src/main.js, dist/src/worker.js) as its own process, the
 * way it runs in production, with the test environment.
 */
export function startProcess(entry: string, env: Record<string, string> = {}): Started {
  let output = '';
  const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'src', entry)], {
    env: { PATH: process.env.PATH ?? '', ...testEnv(env) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return {
    child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Polls until `probe` resolves true, or fails with what the process printed. */
export async function waitFor(probe: () => Promise<boolean>, what: string, started?: Started, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (started && started.child.exitCode !== null) throw new Error(`${what}: process exited with ${started.child.exitCode}\n${started.output()}`);
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: timed out\n${started?.output() ?? ''}`);
}
