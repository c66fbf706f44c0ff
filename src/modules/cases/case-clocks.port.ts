import { Injectable } from '@nestjs/common';

/** A clock as the case reads show it (computed by the deadlines module, deadlines/clock.ts). */
export interface ClockView {
  step: string;
  state: string;
  assignmentId: string | null;
  dueAt: string;
  allowedWorkingSeconds: number;
  allowedWorkingDays: number;
  usedWorkingSeconds: number;
  pausedWorkingSeconds: number;
  remainingWorkingSeconds: number;
  lateWorkingSeconds: number;
  pausedSince: string | null;
  pauseReasons: string[];
  metAt: string | null;
  breachedAt: string | null;
  directiveEventId?: string;
  startedAt: string;
  stoppedAt: string | null;
}

/** The clocks of one case: the standing body's steps, each assignment's, each directive's reply. */
export interface CaseClocksView {
  triage: ClockView | null;
  verify: ClockView | null;
  assignments: Record<string, { acknowledge: ClockView; resolve: ClockView }>;
  directives: ClockView[];
}

/** Runs a query: the data source, or a transaction's manager to read what it has written and not yet committed. */
export type QueryRunnerLike = { query(sql: string, params?: unknown[]): Promise<unknown> };

export interface CaseClocksReader {
  clocksOf(caseIds: string[], m?: QueryRunnerLike): Promise<Map<string, CaseClocksView>>;
}

/**
 * Where the case reads find the clocks: cases may not import deadlines (it is upstream), so the
 * deadlines module plugs its reader in at start. Without it (a process without deadlines) reads carry none.
 */
@Injectable()
export class CaseClocksPort {
  reader: CaseClocksReader | null = null;

  async clocksOf(caseIds: string[], m?: QueryRunnerLike): Promise<Map<string, CaseClocksView>> {
    return this.reader && caseIds.length ? this.reader.clocksOf(caseIds, m) : new Map();
  }
}
