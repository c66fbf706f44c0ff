import type { Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { JOB_OPTIONS, jobId, type JobPayloads } from '../../infrastructure/queue/queue.registry.js';
import { OPEN_ASSIGNMENT_SQL } from '../cases/entities/assignment.entity.js';
import { DEFAULT_POLICIES, type EffectivePolicy } from './deadlines.service.js';
import { localDay, type WorkingCalendar } from './working-calendar.js';

/**
 * Deterministic ids (`dl.<assignment id in base64url>.<a|r|mN>`), so a repeat collapses and a
 * reschedule can remove them. Compact, because the id is stored in every job's options.
 */
export const deadlineJobId = (assignmentId: string, kind: 'acknowledge' | 'resolve' | 'remind', n?: number) =>
  jobId('dl', Buffer.from(assignmentId.replaceAll('-', ''), 'hex').toString('base64url'), kind === 'remind' ? `m${n ?? 0}` : kind[0]);
const jobIds = (assignmentId: string, reminders: number) => [
  deadlineJobId(assignmentId, 'acknowledge'),
  deadlineJobId(assignmentId, 'resolve'),
  ...Array.from({ length: reminders }, (_, i) => deadlineJobId(assignmentId, 'remind', i)),
];
const MAX_REMINDERS = 6;

/** Removes the delayed deadline jobs of an assignment (reassigned, cancelled, or about to be rescheduled). */
export async function removeDeadlineJobs(queue: Queue, assignmentId: string) {
  await Promise.all(jobIds(assignmentId, MAX_REMINDERS).map((id) => queue.remove(id).catch(() => 0)));
}

/** Work that ended (answered, returned, cancelled): its unsent reminders go, and its delayed jobs. */
export async function cancelDeadlines(m: EntityManager, queue: Queue, assignmentIds: string[]) {
  if (!assignmentIds.length) return;
  await m.query(`DELETE FROM deadline_reminder WHERE assignment_id = ANY($1::uuid[]) AND sent_at IS NULL`, [assignmentIds]);
  for (const id of assignmentIds) await removeDeadlineJobs(queue, id);
}

/**
 * (Re)plans an assignment's deadlines from its due dates (the clock's cached result, moved by pauses and extensions): the reminders owed (fractions of the
 * time to resolve, and one working day before) replace the unsent ones in `deadline_reminder`,
 * and delayed jobs wake the worker at each reminder and at the deadlines to acknowledge and to
 * resolve. The jobs only make it punctual: the sweeper finds in SQL whatever Redis loses.
 */
export async function planDeadlines(m: EntityManager, queue: Queue, cal: WorkingCalendar, assignmentId: string, now = Date.now()): Promise<number> {
  // The old plan goes first, as for work that ended: the new one replaces it.
  await cancelDeadlines(m, queue, [assignmentId]);
  const [a] = await m.query(
    `SELECT s.id, s.status, s.created_at AS "createdAt", s.clock_paused_since AS "pausedSince", s.acknowledge_due_at AS "ackDue", s.resolve_due_at AS "resolveDue",
            p.reminder_fractions AS "fractions", p.remind_day_before AS "dayBefore", c.priority
       FROM assignment s JOIN cases c ON c.id = s.case_id LEFT JOIN deadline_policy p ON p.id = s.policy_id
      WHERE s.id = $1 AND s.status IN ${OPEN_ASSIGNMENT_SQL}`,
    [assignmentId],
  );
  // A paused clock has no plan: no reminder, no escalation, until it resumes (CLOCK_RESUMED plans anew).
  if (!a?.resolveDue || a.pausedSince) return 0;
  const policy: Pick<EffectivePolicy, 'reminderFractions' | 'remindDayBefore'> = a.fractions
    ? { reminderFractions: a.fractions, remindDayBefore: a.dayBefore }
    : DEFAULT_POLICIES[a.priority as keyof typeof DEFAULT_POLICIES];
  const start = new Date(a.createdAt).getTime();
  const due = new Date(a.resolveDue).getTime();
  const jobs: Array<{ id: string; data: JobPayloads['deadline-check']; at: number }> = [];
  if (a.status === 'ASSIGNED' && a.ackDue) {
    jobs.push({ id: deadlineJobId(a.id, 'acknowledge'), data: { a: a.id, k: 'acknowledge' }, at: new Date(a.ackDue).getTime() });
  }
  const points = policy.reminderFractions.map((f) => start + f * (due - start));
  if (policy.remindDayBefore) points.push(workingDayBefore(cal, due));
  const reminders = [...new Set(points.filter((t) => t > now && t < due).map((t) => Math.round(t)))].sort((x, y) => x - y).slice(0, MAX_REMINDERS);
  if (reminders.length) {
    await m.query(`INSERT INTO deadline_reminder (assignment_id, due_at) SELECT $1, unnest($2::timestamptz[]) ON CONFLICT (assignment_id, due_at) DO NOTHING`, [
      a.id,
      reminders.map((t) => new Date(t).toISOString()),
    ]);
  }
  reminders.forEach((t, i) => jobs.push({ id: deadlineJobId(a.id, 'remind', i), data: { a: a.id, k: 'remind' }, at: t }));
  jobs.push({ id: deadlineJobId(a.id, 'resolve'), data: { a: a.id, k: 'resolve' }, at: due });
  await queue.addBulk(
    jobs.map((j) => ({
      name: 'deadline-check',
      data: j.data,
      opts: { ...JOB_OPTIONS.deadline, jobId: j.id, delay: Math.max(0, j.at - now) },
    })),
  );
  return jobs.length;
}

/** The same time of day on the working day before `t`. */
function workingDayBefore(cal: WorkingCalendar, t: number): number {
  let d = t - 86_400_000;
  for (let i = 0; i < 30 && !cal.isWorkingDay(localDay(new Date(d))); i++) d -= 86_400_000;
  return d;
}
