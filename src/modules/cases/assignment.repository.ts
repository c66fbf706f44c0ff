import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type AssignmentRole,
  type AssignmentStatus,
  type ClockState,
  currentAnswerSql,
  type DocumentRef,
  OPEN_ASSIGNMENT_SQL,
  type Outcome,
} from './entities/assignment.entity.js';

/**
 * The only writer of the `assignment` table (table-owners.spec.ts keeps it so). Assignments belong
 * to the case aggregate: every method runs in the caller's transaction, after CaseTransitions.lock
 * took the case row, so changes to a case's assignments are serialised with the case itself.
 */
@Injectable()
export class AssignmentRepository {
  /** Hands the case to an agency (triage); deadlines are set next, by setDeadlines. */
  async create(m: EntityManager, caseId: string, orgUnitId: string, role: AssignmentRole): Promise<string> {
    const [row] = await m.query(`INSERT INTO assignment (case_id, org_unit_id, role) VALUES ($1, $2, $3) RETURNING id`, [caseId, orgUnitId, role]);
    return row.id;
  }

  /** The case is rejected, merged away or routed anew: every assignment not yet finished stops. */
  async cancelOpen(m: EntityManager, caseId: string): Promise<void> {
    // Every status but RESOLVED, RETURNED and CANCELLED is open work (the status check constraint lists no other).
    await m.query(`UPDATE assignment SET status = 'CANCELLED', updated_at = now() WHERE case_id = $1 AND status IN ${OPEN_ASSIGNMENT_SQL}`, [caseId]);
  }

  /** The information asked for arrived: waiting assignments go back to where they were. */
  async resumeAfterInfo(m: EntityManager, caseId: string): Promise<void> {
    await m.query(
      `UPDATE assignment SET status = COALESCE(resume_status, 'ACKNOWLEDGED'), resume_status = NULL, updated_at = now()
        WHERE case_id = $1 AND status = 'NEEDS_INFO'`,
      [caseId],
    );
  }

  /** The answer was not accepted: the top-level agencies that answered get the case again, answer cleared. */
  async reopen(m: EntityManager, caseId: string): Promise<string[]> {
    const [rows]: [Array<{ id: string }>, number] = await m.query(
      `UPDATE assignment SET status = 'ASSIGNED', outcome = NULL, resolution_summary = NULL, document_ref = NULL, accepted_answer_id = NULL,
              acknowledged_at = NULL, resolved_at = NULL, updated_at = now()
        WHERE case_id = $1 AND parent_assignment_id IS NULL AND status = 'RESOLVED' RETURNING id`,
      [caseId],
    );
    return rows.map((r) => r.id);
  }

  acknowledge(m: EntityManager, id: string) {
    return this.setStatus(m, id, 'ACKNOWLEDGED', `acknowledged_at = now()`);
  }

  startProgress(m: EntityManager, id: string) {
    return this.setStatus(m, id, 'IN_PROGRESS');
  }

  /** Remembers the status to resume when the information arrives (resumeAfterInfo). */
  awaitInfo(m: EntityManager, id: string) {
    return this.setStatus(m, id, 'NEEDS_INFO', `resume_status = status`);
  }

  returnToSender(m: EntityManager, id: string) {
    return this.setStatus(m, id, 'RETURNED');
  }

  /**
   * A delegate returned its part: the delegating unit holds the work again, unless another of its
   * delegates is still working on it.
   */
  async takeBack(m: EntityManager, parentId: string): Promise<void> {
    // Another delegate's answer waiting for review makes it a review, not the unit's own work again.
    await m.query(
      `UPDATE assignment p SET updated_at = now(),
              status = CASE WHEN EXISTS (SELECT 1 FROM assignment c WHERE c.parent_assignment_id = p.id AND ${currentAnswerSql('c')})
                            THEN 'DELEGATE_ANSWERED' ELSE 'ACKNOWLEDGED' END
        WHERE p.id = $1 AND p.status = 'DELEGATED'
          AND NOT EXISTS (SELECT 1 FROM assignment c WHERE c.parent_assignment_id = p.id AND c.status IN ${OPEN_ASSIGNMENT_SQL})`,
      [parentId],
    );
  }

  /**
   * A delegate answered: once none of its siblings still works, the delegating unit reviews the
   * answers (DELEGATE_ANSWERED). Returns whether it did.
   */
  async awaitReview(m: EntityManager, parentId: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await m.query(
      `UPDATE assignment p SET status = 'DELEGATE_ANSWERED', updated_at = now()
        WHERE p.id = $1 AND p.status = 'DELEGATED'
          AND NOT EXISTS (SELECT 1 FROM assignment c WHERE c.parent_assignment_id = p.id AND c.status IN ${OPEN_ASSIGNMENT_SQL})
        RETURNING id`,
      [parentId],
    );
    return rows.length > 0;
  }

  /**
   * The delegating unit takes its delegate's answer as its own: outcome, summary and document
   * reference copied, and which answer it was (the document stays the delegate's attachment).
   */
  async acceptAnswer(m: EntityManager, id: string, delegateId: string): Promise<void> {
    await m.query(
      `UPDATE assignment s SET status = 'RESOLVED', outcome = d.outcome, resolution_summary = d.resolution_summary, document_ref = d.document_ref,
              accepted_answer_id = d.id, resolved_at = now(), acknowledged_at = COALESCE(s.acknowledged_at, now()), updated_at = now()
         FROM assignment d WHERE s.id = $1 AND d.id = $2`,
      [id, delegateId],
    );
  }

  /**
   * The delegate's answer is sent back: it works on it again (answer cleared) — or reviews again, when
   * its answer was one it accepted from below — and its parent waits for it.
   */
  async sendBack(m: EntityManager, id: string, delegateId: string, reopenAs: 'IN_PROGRESS' | 'DELEGATE_ANSWERED'): Promise<void> {
    await m.query(
      `UPDATE assignment SET status = $2, outcome = NULL, resolution_summary = NULL, document_ref = NULL, accepted_answer_id = NULL,
              resolved_at = NULL, updated_at = now() WHERE id = $1`,
      [delegateId, reopenAs],
    );
    await this.setStatus(m, id, 'DELEGATED');
  }

  /**
   * Hands the work to a unit below: the parent counts as acknowledged (handing on is a response)
   * and the delegate works to the deadline the delegating unit was given. Returns the delegate's id.
   */
  async delegate(m: EntityManager, parent: { id: string; caseId: string; role: AssignmentRole }, toOrgUnitId: string): Promise<string> {
    await this.setStatus(m, parent.id, 'DELEGATED', `acknowledged_at = COALESCE(acknowledged_at, now())`);
    const [child] = await m.query(`INSERT INTO assignment (case_id, org_unit_id, role, parent_assignment_id) VALUES ($1, $2, $3, $4) RETURNING id`, [
      parent.caseId,
      toOrgUnitId,
      parent.role,
      parent.id,
    ]);
    await m.query(
      `UPDATE assignment c SET acknowledge_due_at = p.acknowledge_due_at, resolve_due_at = p.resolve_due_at, policy_id = p.policy_id
         FROM assignment p WHERE c.id = $1 AND p.id = $2`,
      [child.id, parent.id],
    );
    return child.id;
  }

  /** The agency's answer; an unacknowledged assignment counts as acknowledged when it answers. */
  async resolve(m: EntityManager, id: string, body: { outcome: Outcome; summary: string; documentRef: DocumentRef }): Promise<void> {
    await m.query(
      `UPDATE assignment SET status = 'RESOLVED', outcome = $2, resolution_summary = $3, document_ref = $4, resolved_at = now(),
              acknowledged_at = COALESCE(acknowledged_at, now()), updated_at = now() WHERE id = $1`,
      [id, body.outcome, body.summary, JSON.stringify(body.documentRef)],
    );
  }

  /** New (or renewed) due dates start a new escalation ladder. */
  async setDeadlines(m: EntityManager, ids: string[], acknowledgeDueAt: Date, resolveDueAt: Date, policyId: string | null): Promise<void> {
    await m.query(
      `UPDATE assignment SET acknowledge_due_at = $2, resolve_due_at = $3, policy_id = $4, escalation_level = 0, escalated_at = NULL
        WHERE id = ANY($1::uuid[])`,
      [ids, acknowledgeDueAt, resolveDueAt, policyId],
    );
  }

  /**
   * Writes the cached result of the assignment's clocks (deadlines/clock.ts): the due instants and
   * the summary reports read. A due instant that moved later and is in the future again (a resume,
   * an extension) starts the escalation ladder again. Returns whether anything changed.
   */
  async setClock(
    m: EntityManager,
    id: string,
    c: {
      acknowledgeDueAt: Date;
      resolveDueAt: Date;
      pausedWorkingSeconds: number;
      pausedSince: Date | null;
      state: ClockState;
      metAt: Date | null;
      breachedAt: Date | null;
    },
  ): Promise<boolean> {
    const [rows]: [unknown[], number] = await m.query(
      `UPDATE assignment SET acknowledge_due_at = $2, resolve_due_at = $3, paused_working_seconds = $4, clock_paused_since = $5, clock_state = $6,
              clock_met_at = $7, clock_breached_at = $8,
              escalation_level = CASE WHEN $3 > resolve_due_at AND $3 > now() AND status IN ${OPEN_ASSIGNMENT_SQL} THEN 0 ELSE escalation_level END,
              escalated_at = CASE WHEN $3 > resolve_due_at AND $3 > now() AND status IN ${OPEN_ASSIGNMENT_SQL} THEN NULL ELSE escalated_at END
        WHERE id = $1 AND (acknowledge_due_at, resolve_due_at, paused_working_seconds, clock_paused_since, clock_state, clock_met_at, clock_breached_at)
              IS DISTINCT FROM ($2::timestamptz, $3::timestamptz, $4::int, $5::timestamptz, $6::varchar, $7::timestamptz, $8::timestamptz)
        RETURNING id`,
      [id, c.acknowledgeDueAt, c.resolveDueAt, c.pausedWorkingSeconds, c.pausedSince, c.state, c.metAt, c.breachedAt],
    );
    return rows.length > 0;
  }

  /**
   * Raises an open assignment's escalation level; only ever up, so a repeated or late sweep is a
   * no-op. Returns the level it had before, or null when it was already there (or is closed).
   */
  async raiseEscalation(m: EntityManager, id: string, level: number): Promise<number | null> {
    const [[raised]] = await m.query(
      `UPDATE assignment s SET escalation_level = $2, escalated_at = now()
         FROM (SELECT escalation_level AS before FROM assignment WHERE id = $1 FOR UPDATE) b
        WHERE s.id = $1 AND s.escalation_level < $2 AND s.status IN ${OPEN_ASSIGNMENT_SQL} RETURNING b.before`,
      [id, level],
    );
    return raised ? raised.before : null;
  }

  private setStatus(m: EntityManager, id: string, status: AssignmentStatus, extra?: string) {
    return m.query(`UPDATE assignment SET status = $2, ${extra ? `${extra}, ` : ''}updated_at = now() WHERE id = $1`, [id, status]);
  }
}
