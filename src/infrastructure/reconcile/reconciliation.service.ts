import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../config/index.js';
import { InjectConfig } from '../config/config.module.js';
import { reconciled } from '../operations/metrics.js';

/** One kind of pending work that PostgreSQL knows about: finds what has not progressed and hands it to Redis again. */
export interface Reconciler {
  /** Stable name, for logs and the `/metrics` counter. */
  name: string;
  /** Re-enqueues (idempotently) whatever is pending and stuck; returns how many items it handed on. */
  reconcile(): Promise<number>;
}

/** Only one worker copy reconciles at a time (a session-level advisory lock held for the pass). */
const LOCK_KEY = 7_238_011;

/**
 * PostgreSQL is the truth; Redis only carries it. Every `RECONCILE_MS` the worker asks each
 * registered reconciler to find the work PostgreSQL says is pending and that has not progressed
 * (a job lost with a Redis that restarted empty, a crash between two steps) and to enqueue it
 * again under an id that collapses repeats. A plain timer, not a BullMQ job: it must run when Redis
 * has forgotten everything, schedulers included.
 */
@Injectable()
export class Reconciliation implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciliation.name);
  private readonly reconcilers: Reconciler[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Modules register their reconcilers from their own providers (infrastructure knows no module). */
  register(r: Reconciler) {
    this.reconcilers.push(r);
  }

  onApplicationBootstrap() {
    this.timer = setInterval(() => void this.runOnce(), this.config.reconcile.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over every reconciler (skipped while a pass is running here or in another worker copy). */
  runOnce(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.pass()
      .catch((e) => this.logger.warn({ err: e }, 'reconciliation pass failed'))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async pass() {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock($1) AS locked`, [LOCK_KEY]);
      if (!locked) return;
      try {
        for (const r of this.reconcilers) {
          const n = await r.reconcile().catch((e) => {
            this.logger.warn({ err: e, reconciler: r.name }, 'reconciler failed');
            return 0;
          });
          if (n > 0) {
            reconciled.inc({ reconciler: r.name }, n);
            this.logger.log({ reconciler: r.name, n }, 'pending work handed to Redis again');
          }
        }
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }
}
