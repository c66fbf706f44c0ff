import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../../../config/index.js';
import { InjectConfig } from '../../../infrastructure/config/config.module.js';
import { consumeOnce } from '../../../infrastructure/outbox/outbox.js';
import { declareHandled, dispatch } from '../../../infrastructure/queue/job-handlers.js';
import { JobSchedules } from '../../../infrastructure/queue/job-schedules.service.js';
import { QUEUES } from '../../../infrastructure/queue/queue.registry.js';
import type { CaseEventPayloads, CaseEventRecord } from '../../cases/case-events.js';
import { OPEN_ASSIGNMENT_SQL } from '../../cases/entities/assignment.entity.js';
import { CalendarService } from '../calendar.service.js';
import { cancelDeadlines, planDeadlines } from '../deadline-jobs.js';
import { EscalationService } from '../escalation.service.js';
import { DeadlineReminders } from '../reminders.service.js';

declareHandled(['deadline-schedule', 'deadline-check', 'sweep']);

/**
 * The deadlines queue: the deadline-schedule consumer of case events (plan an assignment's
 * reminders and deadline jobs when work is handed out or its deadline moves; drop them when the
 * work ends), the delayed check at each reminder point and deadline, and the repeatable sweeper
 * that finds due reminders and late work in SQL, so that a deadline job lost from Redis loses
 * nothing. Reminders and escalations are events: the notifications module announces them.
 */
// Retention is set here, not per job: deadline jobs are many and stay in Redis for weeks.
@Processor(QUEUES.deadlines, { concurrency: 8, removeOnComplete: { count: 100, age: 3600 }, removeOnFail: { count: 1_000, age: 7 * 24 * 3600 } })
export class DeadlinesProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeadlinesProcessor.name);

  constructor(
    private readonly db: DataSource,
    private readonly escalation: EscalationService,
    private readonly reminders: DeadlineReminders,
    private readonly calendar: CalendarService,
    @InjectQueue(QUEUES.deadlines) private readonly queue: Queue,
    @InjectConfig() private readonly config: AppConfig,
    private readonly schedules: JobSchedules,
  ) {
    super();
  }

  async onApplicationBootstrap() {
    await this.schedules.keep(this.queue, 'deadline-sweeper', { every: this.config.deadlines.sweepIntervalMs }, { name: 'sweep', data: {} });
  }

  process(job: Job): Promise<unknown> {
    return dispatch(
      {
        'deadline-schedule': ({ eventId, outboxId }) => consumeOnce(this.db, outboxId, (m) => this.schedule(m, eventId)),
        'deadline-check': async ({ a: assignmentId, k: kind }) => {
          if (kind === 'remind') return { reminded: await this.reminders.sendDue(assignmentId) };
          return { escalatedTo: await this.escalation.escalateIfDue(assignmentId) };
        },
        sweep: async () => {
          const reminded = await this.reminders.sendDue().catch((e) => this.logger.warn({ err: e }, 'sending due reminders failed') ?? 0);
          let escalated = 0;
          for (const id of await this.escalation.candidates()) {
            if (await this.escalation.escalateIfDue(id).catch((e) => this.logger.warn({ err: e, id }, 'escalation failed'))) escalated++;
          }
          // The standing body's own steps and directives' replies: computed from the timeline (they have no stored due date).
          for (const id of await this.escalation.stepCandidates().catch((e) => this.logger.warn({ err: e }, 'step candidates failed') ?? [])) {
            escalated += (await this.escalation.escalateSteps(id).catch((e) => this.logger.warn({ err: e, id }, 'step escalation failed'))) || 0;
          }
          return { reminded, escalated };
        },
      },
      job,
    );
  }

  /** What an event means for deadlines: which assignments to (re)plan, and whose plans end. */
  private async schedule(m: EntityManager, eventId: string) {
    const [e]: CaseEventRecord[] = await m.query(`SELECT id, type, case_id AS "caseId", payload FROM case_event WHERE id = $1`, [eventId]);
    if (!e) return { skipped: 'no such event' };
    let plan: string[] = [];
    switch (e.type) {
      case 'ASSIGNED':
        plan = (e.payload as CaseEventPayloads['ASSIGNED']).assignmentIds;
        break;
      case 'DELEGATED':
        plan = [(e.payload as CaseEventPayloads['DELEGATED']).delegateAssignmentId];
        break;
      case 'DELEGATE_ANSWER_RETURNED':
        // The delegate works on its answer again: its reminders and deadline jobs come back.
        plan = [(e.payload as CaseEventPayloads['DELEGATE_ANSWER_RETURNED']).delegateAssignmentId];
        break;
      case 'REOPENED':
        plan = (await m.query(`SELECT id FROM assignment WHERE case_id = $1 AND status = 'ASSIGNED' AND parent_assignment_id IS NULL`, [e.caseId])).map(
          (r: { id: string }) => r.id,
        );
        break;
      case 'EXTENSION_GRANTED':
      case 'CLOCK_RESUMED':
        // The due dates moved (and a delegate's follows its parent's): every open assignment of the case is planned anew.
        plan = (await m.query(`SELECT id FROM assignment WHERE case_id = $1 AND status IN ${OPEN_ASSIGNMENT_SQL}`, [e.caseId])).map(
          (r: { id: string }) => r.id,
        );
        break;
      case 'CLOCK_PAUSED': {
        // While paused: no reminder, no escalation.
        const id = (e.payload as CaseEventPayloads['CLOCK_PAUSED']).assignmentId;
        if (id) await cancelDeadlines(m, this.queue, [id]);
        break;
      }
      default:
        // Every other event that reaches this consumer can only end work (below).
        break;
    }
    const cal = await this.calendar.calendar(m);
    for (const id of plan) await planDeadlines(m, this.queue, cal, id);
    // Every event that can end work (re-routing, a return, an answer, closing, merging) drops the
    // plans of the work that ended: its unsent reminders and its delayed jobs. (A job left over
    // does nothing: every check reloads the assignment and skips work that is no longer open.)
    const ended: string[] = (
      await m.query(
        `SELECT DISTINCT r.assignment_id AS id FROM deadline_reminder r JOIN assignment s ON s.id = r.assignment_id
          WHERE s.case_id = $1 AND r.sent_at IS NULL AND s.status NOT IN ${OPEN_ASSIGNMENT_SQL}`,
        [e.caseId],
      )
    ).map((r: { id: string }) => r.id);
    await cancelDeadlines(m, this.queue, ended);
    return { event: e.type, planned: plan.length, ended: ended.length };
  }
}
