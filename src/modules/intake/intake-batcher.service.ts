import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseRepository } from '../cases/case.repository.js';
import { type ConcernInput, insertConcerns, type LoggedConcern } from './concern-writer.js';

const MAX_BATCH = 64;

interface Pending {
  input: ConcernInput;
  resolve: (row: LoggedConcern) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for intake. Concerns that arrive together (the same turn of the event loop) are
 * written by one statement in one transaction instead of one each: far fewer round-trips and
 * WAL flushes under load, and each request is still answered only after its own row is durable.
 * If a shared write fails, each concern is retried on its own, so one bad row fails only its
 * own request.
 */
@Injectable()
export class IntakeBatcher {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly db: DataSource,
    private readonly cases: CaseRepository,
  ) {}

  submit(input: ConcernInput): Promise<LoggedConcern> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.pending.length >= MAX_BATCH) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush() {
    this.scheduled = false;
    while (this.pending.length) void this.write(this.pending.splice(0, MAX_BATCH));
  }

  private async write(batch: Pending[]) {
    try {
      const rows = await insertConcerns(
        this.cases,
        this.db.manager,
        batch.map((p) => p.input),
      );
      batch.forEach((p, i) => p.resolve(rows[i]));
    } catch (e) {
      if (batch.length === 1) return batch[0].reject(e);
      for (const p of batch) insertConcerns(this.cases, this.db.manager, [p.input]).then(([row]) => p.resolve(row), p.reject);
    }
  }
}
