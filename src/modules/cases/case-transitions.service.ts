import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { enqueueAfterCommit } from '../../infrastructure/outbox/outbox.js';
import { jobId } from '../../infrastructure/queue/queue.registry.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { Params, UUID, visibilityCondition } from './case-access.js';
import { CASE_EVENTS, type CaseEventType, EVENT_CONSUMERS } from './case-events.js';
import { canTransition, FINAL_STATUSES } from './case-state-machine.js';
import { CaseRepository } from './case.repository.js';
import type { CaseStatus, Priority, Sensitivity } from './case.types.js';

/** The case row as locked for a change. */
export interface LockedCase {
  id: string;
  code: string;
  status: CaseStatus;
  version: number;
  resumeStatus: CaseStatus | null;
  sensitivity: Sensitivity;
  priority: Priority;
  categoryId: string | null;
  areaId: string;
  concernCount: number;
  peopleAffected: number | null;
}

export interface ChangeRequest {
  caseId: string;
  actor: AuthUser;
  /** Event type written to the timeline (TRIAGED, ACKNOWLEDGED, DIRECTIVE_ISSUED, …). */
  type: CaseEventType;
  /** The new status; omitted for an event that changes no status. */
  to?: CaseStatus;
  /** Statuses this action may start from (beyond what the transition table allows). */
  from?: readonly CaseStatus[];
  payload?: Record<string, unknown>;
  /** From If-Match: the version the client last saw; a different current version is a stale change. */
  expectedVersion?: number;
}

/** An appended event, as in-transaction observers see it. */
export interface AppendedEvent {
  id: string;
  caseId: string;
  type: CaseEventType;
  actorId: string;
  payload: Record<string, unknown>;
}

/**
 * Work that must commit with an event (the deadlines module writes a clock's pause and resume, and
 * recomputes the cached due dates, in the causing action's transaction). Registered by the
 * downstream module at start, so cases depends on no one; everything after commit goes through the outbox.
 */
export type TimelineObserver = (m: EntityManager, e: AppendedEvent) => Promise<void>;

/** lock_timeout ran out, or PostgreSQL broke a deadlock (two crossing merges): both are a busy case. */
const BUSY_CODES = new Set(['55P03', '40P01']);
/**
 * How long a change waits for another change to the same case. Waiting (not NOWAIT) lets a change
 * pass the key-share locks that other work takes on the row (the metrics refresh inserting a
 * case_fact row): NOWAIT answered 409 to users nobody was competing with.
 */
const CASE_LOCK_TIMEOUT = '2s';

/**
 * The single writer of case status. In one transaction it locks the case row (FOR NO KEY UPDATE,
 * waiting at most CASE_LOCK_TIMEOUT: of two concurrent changes the second runs after the first, and
 * finds the case moved on, or gets 409 CASE_BUSY when it waited too long), checks the action and the
 * transition table, lets the caller do its side work (assignments, concerns), updates the case and
 * appends the event. The timeline is append-only, so every change leaves its trace.
 */
@Injectable()
export class CaseTransitions {
  private readonly observers: TimelineObserver[] = [];

  constructor(
    private readonly db: DataSource,
    private readonly cases: CaseRepository,
  ) {}

  /**
   * Runs `work` and the change in a new transaction, or inside the caller's (`manager`). In its own
   * transaction the change is a user's action: the case must be visible to `req.actor`
   * (visibilityCondition), or the answer is 404 like an unknown case and nothing happens. Inside the
   * caller's transaction the caller has already locked the case with `lock(m, id, viewer)` (or is
   * the system, which sees every case it acts on).
   */
  async apply<T = void>(
    req: ChangeRequest,
    work?: (m: EntityManager, current: LockedCase) => Promise<T>,
    manager?: EntityManager,
  ): Promise<{ case: LockedCase; result: T }> {
    const run = async (m: EntityManager) => {
      const current = await this.lock(m, req.caseId, manager ? undefined : req.actor);
      this.check(current, req);
      const result = (work ? await work(m, current) : undefined) as T;
      const updated = await this.record(m, current, req);
      return { case: updated, result };
    };
    return manager ? run(manager) : this.inTransaction(run);
  }

  /** Adds an in-transaction observer of every appended event (see TimelineObserver). */
  observe(observer: TimelineObserver): void {
    this.observers.push(observer);
  }

  /** Opens a transaction and maps a lock conflict anywhere inside it to 409 CASE_BUSY. */
  async inTransaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (e) {
      if (e instanceof QueryFailedError && BUSY_CODES.has((e as QueryFailedError & { driverError?: { code?: string } }).driverError?.code ?? '')) {
        throw DomainError.conflict('CASE_BUSY', 'Another change to this case is in progress; reload it and try again');
      }
      throw e;
    }
  }

  /**
   * Locks a case row for change (see CASE_LOCK_TIMEOUT); 404 when it does not exist, or when a
   * `viewer` is given and the case is not visible to them (the same answer: existence is not told).
   */
  async lock(m: EntityManager, caseId: string, viewer?: AuthUser): Promise<LockedCase> {
    if (!UUID.test(caseId)) throw DomainError.notFound('Case', caseId);
    await m.query(`SET LOCAL lock_timeout = '${CASE_LOCK_TIMEOUT}'`);
    const p = new Params();
    const [row] = await m.query(
      `SELECT c.id, c.code, c.status, c.version, c.resume_status AS "resumeStatus", c.sensitivity, c.priority, c.category_id AS "categoryId",
              c.area_id AS "areaId", c.concern_count AS "concernCount", c.people_affected AS "peopleAffected"
         FROM cases c WHERE c.id = ${p.add(caseId)} ${viewer ? `AND ${visibilityCondition(viewer, p.add)}` : ''} FOR NO KEY UPDATE OF c`,
      p.values,
    );
    if (!row) throw DomainError.notFound('Case', caseId);
    return row;
  }

  private check(current: LockedCase, req: ChangeRequest) {
    if (req.expectedVersion !== undefined && req.expectedVersion !== current.version) {
      throw staleCase(req.expectedVersion, current);
    }
    const allowedFrom = req.from ? req.from.includes(current.status) : true;
    const allowedMove = req.to === undefined || req.to === current.status ? !FINAL_STATUSES.includes(current.status) : canTransition(current.status, req.to);
    if (!allowedFrom || !allowedMove) {
      throw DomainError.conflict('ILLEGAL_TRANSITION', `${req.type} is not allowed while the case is ${current.status}`, {
        currentStatus: current.status,
        action: req.type,
      });
    }
  }

  private async record(m: EntityManager, current: LockedCase, req: ChangeRequest): Promise<LockedCase> {
    const to = req.to ?? current.status;
    // Entering NEEDS_INFO remembers where to resume; leaving it forgets.
    const resume = to === 'NEEDS_INFO' ? (current.status === 'NEEDS_INFO' ? current.resumeStatus : current.status) : null;
    await this.cases.setStatus(m, current.id, to, resume);
    await this.appendEvent(m, { caseId: current.id, type: req.type, from: current.status, to, actorId: req.actor.id, payload: req.payload });
    return { ...current, status: to, resumeStatus: resume, version: current.version + 1 };
  }

  /** Appends an event to a case's timeline (used directly only for a second case in one change, e.g. a merge). */
  async appendEvent(
    m: EntityManager,
    e: { caseId: string; type: CaseEventType; from: CaseStatus | null; to: CaseStatus | null; actorId: string; payload?: Record<string, unknown> },
  ): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO case_event (case_id, type, from_status, to_status, actor_id, payload) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [e.caseId, e.type, e.from, e.to, e.actorId, JSON.stringify(e.payload ?? {})],
    );
    // One outbox row per consumer of this type (CASE_EVENTS), so each consumer's work is done,
    // retried and reconciled on its own. The job id names the case too: event ids restart with a
    // new database, a Redis may remember old jobs, and BullMQ silently drops an id it holds.
    for (const consumer of CASE_EVENTS[e.type]) {
      const job = EVENT_CONSUMERS[consumer];
      await enqueueAfterCommit(m, job, { eventId: String(row.id) }, jobId(job, e.caseId, row.id));
    }
    for (const observe of this.observers) {
      await observe(m, { id: String(row.id), caseId: e.caseId, type: e.type, actorId: e.actorId, payload: e.payload ?? {} });
    }
    return String(row.id);
  }
}

/**
 * If-Match named a version the case has left: 412 Precondition Failed (RFC 9110), with where the
 * case now stands so the client can reload and show it.
 */
export function staleCase(expectedVersion: number, current: { version: number; status: string }): DomainError {
  return new DomainError(
    'STALE_CASE',
    HttpStatus.PRECONDITION_FAILED,
    `The case changed since version ${expectedVersion} (now ${current.version}); reload it`,
    undefined,
    { currentVersion: current.version, currentStatus: current.status },
  );
}

/** Parses an If-Match header (`"7"`, `W/"7"` or `7`) into a case version. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!m) throw new DomainError('BAD_IF_MATCH', HttpStatus.BAD_REQUEST, 'If-Match must be the case version from its ETag, e.g. "3"');
  return Number(m[1]);
}
