import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../config/index.js';
import { InjectConfig } from '../../../infrastructure/config/config.module.js';
import { declareHandled, dispatch } from '../../../infrastructure/queue/job-handlers.js';
import { JobSchedules } from '../../../infrastructure/queue/job-schedules.service.js';
import { QUEUES } from '../../../infrastructure/queue/queue.registry.js';
import { NotificationsService } from '../../notifications/notifications.service.js';
import type { TemplateVars } from '../../notifications/templates.js';
import { recipients } from '../../routing/notice-recipients.js';
import { OPEN_ASSIGNMENT_SQL } from '../../routing/entities/assignment.entity.js';
import { EscalationService } from '../escalation.service.js';

declareHandled(['deadline-check', 'sweep']);

/**
 * Deadline jobs: a delayed check at each reminder point and deadline, and a repeatable sweeper that
 * finds late work in SQL, so that a deadline job lost from Redis loses nothing.
 */
// Retention is set here, not per job: deadline jobs are many and stay in Redis for weeks.
@Processor(QUEUES.deadlines, { concurrency: 8, removeOnComplete: { count: 100, age: 3600 }, removeOnFail: { count: 1_000, age: 7 * 24 * 3600 } })
export class DeadlinesProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeadlinesProcessor.name);

  constructor(
    private readonly db: DataSource,
    private readonly escalation: EscalationService,
    private readonly notifications: NotificationsService,
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
        'deadline-check': async ({ a: assignmentId, k: kind }, j) => {
          // The instant this job was scheduled for: its deadline if it has not moved since.
          const at = new Date(j.timestamp + (j.opts.delay ?? 0)).toISOString();
          if (kind === 'remind') return this.remind(assignmentId, at);
          return { escalatedTo: await this.escalation.escalateIfDue(assignmentId) };
        },
        sweep: async () => {
          let escalated = 0;
          for (const id of await this.escalation.candidates()) {
            if (await this.escalation.escalateIfDue(id).catch((e) => this.logger.warn({ err: e, id }, 'escalation failed'))) escalated++;
          }
          return { escalated };
        },
      },
      job,
    );
  }

  /** A reminder to the agency, unless the work is done or the deadline has moved since. */
  private async remind(assignmentId: string, at: string) {
    return this.db.transaction(async (m) => {
      const [a] = await m.query(
        `SELECT s.id, s.case_id AS "caseId", s.org_unit_id AS "orgUnitId", s.resolve_due_at AS "due", c.code, c.title, o.code AS "unit",
                o.name_vi AS "agencyVi", o.name_en AS "agencyEn"
           FROM assignment s JOIN cases c ON c.id = s.case_id JOIN org_unit o ON o.id = s.org_unit_id
          WHERE s.id = $1 AND s.status IN ${OPEN_ASSIGNMENT_SQL} AND c.status NOT IN ('RESOLVED', 'CLOSED', 'REJECTED', 'MERGED')`,
        [assignmentId],
      );
      if (!a || new Date(a.due).getTime() <= Date.parse(at)) return { skipped: true };
      const due = new Date(a.due);
      await this.notifications.request(m, {
        dedupeKey: `remind:${a.id}:${at}`,
        caseId: a.caseId,
        recipients: await recipients.unit(m, a.orgUnitId),
        template: 'deadline-reminder',
        vars: {
          caseId: a.caseId,
          caseCode: a.code,
          caseTitle: a.title,
          caseUrl: `${this.config.http.baseUrl}/cases/${a.caseId}`,
          agencyCode: a.unit,
          agencyVi: a.agencyVi,
          agencyEn: a.agencyEn,
          resolveDueAt: due.toISOString(),
          // Older spellings (agencyVi/En, resolveDueAt for dueAt) that normalizeVars maps; typed at the rewrite.
        } as unknown as TemplateVars['deadline-reminder'],
      });
      return { reminded: true };
    });
  }
}
