import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../../../config/index.js';
import { InjectConfig } from '../../../infrastructure/config/config.module.js';
import { declareHandled, dispatch } from '../../../infrastructure/queue/job-handlers.js';
import { QUEUES } from '../../../infrastructure/queue/queue.registry.js';
import { CASE_STATUS_LABELS, PRIORITY_LABELS, type Priority } from '../../cases/case.types.js';
import { CalendarService } from '../../deadlines/calendar.service.js';
import { removeDeadlineJobs, scheduleDeadlineJobs } from '../../deadlines/deadline-jobs.js';
import { NotificationsService } from '../../notifications/notifications.service.js';
import type { TemplateName } from '../../notifications/templates.js';
import { OPEN_ASSIGNMENT_SQL } from '../entities/assignment.entity.js';
import { recipients } from '../notice-recipients.js';

declareHandled(['case-event']);

interface EventRow {
  id: string;
  type: string;
  caseId: string;
  payload: Record<string, any>;
  occurredAt: Date;
}

/** Instants go to templates as ISO strings; the templates format them in Vietnam time. */
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/**
 * Turns committed case events into their consequences: notices to the agencies and the standing
 * body, and the deadline jobs of new assignments. Reloads everything by id; every notice has a
 * dedupe key made of the event id, so a job run twice sends nothing twice.
 */
@Processor(QUEUES.routing, { concurrency: 16 })
export class CaseEventsProcessor extends WorkerHost {
  private readonly logger = new Logger(CaseEventsProcessor.name);

  constructor(
    private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly calendar: CalendarService,
    @InjectQueue(QUEUES.deadlines) private readonly deadlines: Queue,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return dispatch({ 'case-event': ({ eventId }) => this.handle(eventId) }, job);
  }

  private async handle(eventId: string) {
    const [e]: EventRow[] = await this.db.query(
      `SELECT id, type, case_id AS "caseId", payload, occurred_at AS "occurredAt" FROM case_event WHERE id = $1`,
      [eventId],
    );
    if (!e) return { skipped: 'no such event' };
    const scheduled: string[] = [];
    await this.db.transaction(async (m) => {
      const base = { ...(await this.caseVars(m, e.caseId)), ...(await this.agencyNames(m, e.payload.orgUnitCode)) };
      const notify = async (template: TemplateName, to: string[], vars: Record<string, unknown> = {}, suffix = '') =>
        to.length &&
        this.notifications.request(m, { dedupeKey: `event:${e.id}${suffix}`, caseId: e.caseId, recipients: to, template, vars: { ...base, ...vars } });

      switch (e.type) {
        case 'ASSIGNED':
        case 'DELEGATED':
        case 'REOPENED': {
          const ids: string[] =
            e.type === 'ASSIGNED'
              ? e.payload.assignmentIds
              : e.type === 'DELEGATED'
                ? [e.payload.delegateAssignmentId]
                : (await m.query(`SELECT id FROM assignment WHERE case_id = $1 AND status = 'ASSIGNED' AND parent_assignment_id IS NULL`, [e.caseId])).map(
                    (r: { id: string }) => r.id,
                  );
          for (const a of await this.assignments(m, ids)) {
            await notify(e.type === 'REOPENED' ? 'case-reopened' : 'assignment-received', await recipients.unit(m, a.orgUnitId), {
              ...a.vars,
              reason: e.payload.reason ?? null,
              note: e.payload.note ?? null,
              delegatedBy: e.type === 'DELEGATED' ? e.payload.orgUnitCode : null,
              delegatedByName: e.type === 'DELEGATED' ? base.agencyVi : null,
            }, `:${a.id}`);
            scheduled.push(a.id);
          }
          break;
        }
        case 'RETURNED':
          await notify('case-returned', await recipients.standingBody(m, e.caseId), { agencyCode: e.payload.orgUnitCode, reason: e.payload.reason });
          break;
        case 'INFO_REQUESTED':
          if (e.payload.askedOf === 'standing body') {
            await notify('info-requested', await recipients.standingBody(m, e.caseId), { agencyCode: e.payload.orgUnitCode, question: e.payload.question });
          }
          break;
        case 'ASSIGNMENT_RESOLVED':
          await notify('assignment-resolved', await recipients.standingBody(m, e.caseId), {
            agencyCode: e.payload.orgUnitCode,
            outcome: e.payload.outcome,
            summary: e.payload.summary,
            documentRef: e.payload.documentRef,
          });
          break;
        case 'RESOLVED':
          await notify('case-resolved', await recipients.standingBody(m, e.caseId));
          break;
        case 'DIRECTIVE_ISSUED':
          for (const a of await this.activeAssignments(m, e.caseId)) {
            await notify('directive-issued', await recipients.unit(m, a.orgUnitId), { ...a.vars, text: e.payload.text }, `:${a.id}`);
          }
          break;
        case 'ESCALATED': {
          const [a] = await this.assignments(m, [e.payload.assignmentId]);
          if (a) {
            await notify('escalation', await recipients.escalation(m, e.payload.level, a.orgUnitId), {
              ...a.vars,
              level: e.payload.level,
              overdueSince: iso(e.payload.overdueSince),
            });
          }
          break;
        }
        case 'EXTENSION_REQUESTED':
          await notify('extension-requested', await recipients.standingBody(m, e.caseId), { agencyCode: e.payload.orgUnitCode, days: e.payload.days, reason: e.payload.reason });
          break;
        case 'EXTENSION_GRANTED':
        case 'EXTENSION_DENIED': {
          const [a] = await this.assignments(m, [e.payload.assignmentId]);
          if (a) {
            await notify('extension-decided', await recipients.unit(m, a.orgUnitId), {
              ...a.vars,
              granted: e.type === 'EXTENSION_GRANTED',
              days: e.payload.days,
              note: e.payload.note ?? null,
            });
            if (e.type === 'EXTENSION_GRANTED') scheduled.push(a.id);
          }
          break;
        }
      }
    });
    // Deadline jobs go to Redis after the notices are committed; a lost one is caught by the sweeper.
    const cal = await this.calendar.calendar();
    for (const id of scheduled) await scheduleDeadlineJobs(this.db.manager, this.deadlines, cal, id);
    if (e.type === 'ASSIGNED') {
      const cancelled = await this.db.query(`SELECT id FROM assignment WHERE case_id = $1 AND status = 'CANCELLED'`, [e.caseId]);
      for (const c of cancelled) await removeDeadlineJobs(this.deadlines, c.id);
    }
    return { event: e.type, scheduled: scheduled.length };
  }

  /** The acting agency's names, for notices to the standing body ("Sở Y tế trả lại vụ việc"). */
  private async agencyNames(m: EntityManager, code: unknown) {
    if (typeof code !== 'string') return {};
    const [u] = await m.query(`SELECT name_vi AS "agencyVi", name_en AS "agencyEn" FROM org_unit WHERE code = $1`, [code]);
    return u ?? {};
  }

  private async caseVars(m: EntityManager, caseId: string) {
    const [c] = await m.query(
      `SELECT c.id, c.code, c.title, c.status, c.priority, c.summary, a.name_vi AS "areaVi", a.name_en AS "areaEn",
              cat.label_vi AS "categoryVi", cat.label_en AS "categoryEn"
         FROM cases c JOIN area a ON a.id = c.area_id LEFT JOIN category cat ON cat.id = c.category_id WHERE c.id = $1`,
      [caseId],
    );
    return {
      caseId: c.id,
      caseCode: c.code,
      caseTitle: c.title,
      caseSummary: c.summary,
      caseUrl: `${this.config.http.baseUrl}/cases/${c.id}`,
      caseStatusVi: CASE_STATUS_LABELS[c.status as keyof typeof CASE_STATUS_LABELS].vi,
      caseStatusEn: CASE_STATUS_LABELS[c.status as keyof typeof CASE_STATUS_LABELS].en,
      priority: c.priority,
      priorityVi: PRIORITY_LABELS[c.priority as Priority].vi,
      priorityEn: PRIORITY_LABELS[c.priority as Priority].en,
      areaVi: c.areaVi,
      areaEn: c.areaEn,
      categoryVi: c.categoryVi,
      categoryEn: c.categoryEn,
    };
  }

  private async assignments(m: EntityManager, ids: string[]) {
    if (!ids?.length) return [];
    const rows = await m.query(
      `SELECT s.id, s.org_unit_id AS "orgUnitId", s.role, s.acknowledge_due_at AS "ackDue", s.resolve_due_at AS "resolveDue",
              o.code, o.name_vi AS "nameVi", o.name_en AS "nameEn"
         FROM assignment s JOIN org_unit o ON o.id = s.org_unit_id WHERE s.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r: any) => ({
      id: r.id as string,
      orgUnitId: r.orgUnitId as string,
      vars: {
        assignmentId: r.id,
        agencyCode: r.code,
        agencyVi: r.nameVi,
        agencyEn: r.nameEn,
        role: r.role,
        isLead: r.role === 'LEAD',
        acknowledgeDueAt: iso(r.ackDue),
        resolveDueAt: iso(r.resolveDue),
      },
    }));
  }

  private async activeAssignments(m: EntityManager, caseId: string) {
    const rows = await m.query(`SELECT id FROM assignment WHERE case_id = $1 AND status IN ${OPEN_ASSIGNMENT_SQL}`, [caseId]);
    return this.assignments(m, rows.map((r: { id: string }) => r.id));
  }
}
