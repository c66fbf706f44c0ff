import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort, waitFor } from './processes.js';

/**
 * A Redis of the test's own, on its own port and without persistence (as Redis runs on this
 * machine), that the test may kill or shut down — the shared one on 6379 is never touched.
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const r = new PrivateRedis(await freePort());
    await r.start();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Starts it (empty) and waits until it answers. */
  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor(async () => {
      const c = new Redis(this.port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await c.connect();
        return (await c.ping()) === 'PONG';
      } finally {
        c.disconnect();
      }
    }, 'private redis');
  }

  /** SHUTDOWN NOSAVE: Redis exits and forgets everything it held. */
  async shutdownNosave(): Promise<void> {
    await this.stop(async () => {
      const c = new Redis(this.port, '127.0.0.1', { maxRetriesPerRequest: 0, retryStrategy: () => null });
      await c.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
      c.disconnect();
    });
  }

  /** SIGKILL: the process dies at once. */
  async kill(): Promise<void> {
    await this.stop(async () => void this.child?.kill('SIGKILL'));
  }

  private async stop(how: () => Promise<void>) {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
    await how();
    await exited;
    this.child = null;
  }
}
