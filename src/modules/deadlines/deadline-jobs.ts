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

/**
 * (Re)schedules an assignment's delayed jobs from its due dates: the acknowledgement deadline, the
 * reminders (fractions of the time to resolve, and one working day before), and the deadline to
 * resolve. Each job carries the instant it was scheduled for, so a job left from an older
 * schedule does nothing. The sweeper catches whatever Redis may lose.
 */
export async function scheduleDeadlineJobs(m: EntityManager, queue: Queue, cal: WorkingCalendar, assignmentId: string): Promise<number> {
  await removeDeadlineJobs(queue, assignmentId);
  const [a] = await m.query(
    `SELECT s.id, s.status, s.created_at AS "createdAt", s.acknowledge_due_at AS "ackDue", s.resolve_due_at AS "resolveDue",
            p.reminder_fractions AS "fractions", p.remind_day_before AS "dayBefore", c.priority
       FROM assignment s JOIN cases c ON c.id = s.case_id LEFT JOIN deadline_policy p ON p.id = s.policy_id
      WHERE s.id = $1 AND s.status IN ${OPEN_ASSIGNMENT_SQL}`,
    [assignmentId],
  );
  if (!a?.resolveDue) return 0;
  const policy: Pick<EffectivePolicy, 'reminderFractions' | 'remindDayBefore'> = a.fractions
    ? { reminderFractions: a.fractions, remindDayBefore: a.dayBefore }
    : DEFAULT_POLICIES[a.priority as keyof typeof DEFAULT_POLICIES];
  const start = new Date(a.createdAt).getTime();
  const due = new Date(a.resolveDue).getTime();
  const jobs: Array<{ id: string; data: JobPayloads['deadline-check']; at: number }> = [];
  if (a.status === 'ASSIGNED' && a.ackDue) {
    jobs.push({ id: deadlineJobId(a.id, 'acknowledge'), data: { a: a.id, k: 'acknowledge' }, at: new Date(a.ackDue).getTime() });
  }
  const reminders = policy.reminderFractions.map((f) => start + f * (due - start));
  if (policy.remindDayBefore) reminders.push(workingDayBefore(cal, due));
  [...new Set(reminders.filter((t) => t > Date.now() && t < due).map((t) => Math.round(t)))]
    .sort()
    .slice(0, MAX_REMINDERS)
    .forEach((t, i) => jobs.push({ id: deadlineJobId(a.id, 'remind', i), data: { a: a.id, k: 'remind' }, at: t }));
  jobs.push({ id: deadlineJobId(a.id, 'resolve'), data: { a: a.id, k: 'resolve' }, at: due });
  await queue.addBulk(
    jobs.map((j) => ({
      name: 'deadline-check',
      data: j.data,
      opts: { ...JOB_OPTIONS.deadline, jobId: j.id, delay: Math.max(0, j.at - Date.now()) },
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
