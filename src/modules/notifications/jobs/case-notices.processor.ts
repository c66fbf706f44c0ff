import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../../../config/index.js';
import { InjectConfig } from '../../../infrastructure/config/config.module.js';
import { consumeOnce } from '../../../infrastructure/outbox/outbox.js';
import { declareHandled, dispatch } from '../../../infrastructure/queue/job-handlers.js';
import { QUEUES } from '../../../infrastructure/queue/queue.registry.js';
import type { CaseEventRecord, CaseEventType } from '../../cases/case-events.js';
import { CASE_STATUS_LABELS, PRIORITY_LABELS, type Priority } from '../../cases/case.types.js';
import { OPEN_ASSIGNMENT_SQL } from '../../cases/entities/assignment.entity.js';
import { recipients } from '../notice-recipients.js';
import { caseUrl, NotificationsService } from '../notifications.service.js';
import type { TemplateName } from '../templates.js';

declareHandled(['case-notices']);

/** Instants go to templates as ISO strings; the templates format them in Vietnam time. */
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** One notice an event calls for: a template, its addressees, its variables (beyond the case's). */
export interface Notice {
  template: TemplateName;
  to: string[];
  vars?: Record<string, unknown>;
  /** Tells apart several notices of one event (one per assignment): part of the dedupe key. */
  key?: string;
}

type Assignment = Awaited<ReturnType<NoticeContext['assignments']>>[number];

/** What the rules read: the case's open assignments, addressees and names, inside the consumer's transaction. */
class NoticeContext {
  constructor(
    readonly m: EntityManager,
    readonly caseId: string,
  ) {}

  unit = (orgUnitId: string) => recipients.unit(this.m, orgUnitId);
  standingBody = () => recipients.standingBody(this.m, this.caseId);
  escalation = (level: number, orgUnitId: string) => recipients.escalation(this.m, level, orgUnitId);

  async assignments(ids: string[] | undefined) {
    if (!ids?.length) return [];
    const rows = await this.m.query(
      `SELECT s.id, s.org_unit_id AS "orgUnitId", s.role, s.acknowledge_due_at AS "ackDue", s.resolve_due_at AS "resolveDue",
              o.code, o.name_vi AS "nameVi", o.name_en AS "nameEn"
         FROM assignment s JOIN org_unit o ON o.id = s.org_unit_id WHERE s.id = ANY($1::uuid[]) ORDER BY s.created_at, s.id`,
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
      } as Record<string, unknown>,
    }));
  }

  async openAssignments(where = 'TRUE') {
    const rows = await this.m.query(`SELECT id FROM assignment WHERE case_id = $1 AND status IN ${OPEN_ASSIGNMENT_SQL} AND ${where}`, [this.caseId]);
    return this.assignments(rows.map((r: { id: string }) => r.id));
  }
}

type Rule<T extends CaseEventType> = (e: CaseEventRecord<T>, c: NoticeContext) => Promise<Notice[]>;

const toEach = async (list: Assignment[], make: (a: Assignment) => Promise<Notice>) => Promise.all(list.map(async (a) => ({ key: a.id, ...(await make(a)) })));

/**
 * Event type → the notices it calls for: which template, to whom, with what. The one table of the
 * notification policy; an event type that is not here causes no notice.
 */
export const NOTICE_RULES: { [T in CaseEventType]?: Rule<T> } = {
  ASSIGNED: async (e, c) =>
    toEach(await c.assignments(e.payload.assignmentIds), async (a) => ({ template: 'assignment-received', to: await c.unit(a.orgUnitId), vars: a.vars })),
  DELEGATED: async (e, c) =>
    toEach(await c.assignments([e.payload.delegateAssignmentId]), async (a) => ({
      template: 'assignment-received',
      to: await c.unit(a.orgUnitId),
      vars: { ...a.vars, note: e.payload.note ?? null, delegatedBy: e.payload.orgUnitCode, delegatedByName: await agencyName(c.m, e.payload.orgUnitCode) },
    })),
  REOPENED: async (e, c) =>
    toEach(await c.openAssignments(`status = 'ASSIGNED' AND parent_assignment_id IS NULL`), async (a) => ({
      template: 'case-reopened',
      to: await c.unit(a.orgUnitId),
      vars: { ...a.vars, reason: e.payload.reason ?? null },
    })),
  RETURNED: async (e, c) => [{ template: 'case-returned', to: await c.standingBody(), vars: { ...(await actingAgency(c.m, e.payload.orgUnitCode)), reason: e.payload.reason } }],
  INFO_REQUESTED: async (e, c) =>
    e.payload.askedOf === 'standing body'
      ? [{ template: 'info-requested', to: await c.standingBody(), vars: { ...(await actingAgency(c.m, e.payload.orgUnitCode)), question: e.payload.question } }]
      : [],
  ASSIGNMENT_RESOLVED: async (e, c) => [
    {
      template: 'assignment-resolved',
      to: await c.standingBody(),
      vars: { ...(await actingAgency(c.m, e.payload.orgUnitCode)), outcome: e.payload.outcome, summary: e.payload.summary, documentRef: e.payload.documentRef },
    },
  ],
  RESOLVED: async (_e, c) => [{ template: 'case-resolved', to: await c.standingBody() }],
  DIRECTIVE_ISSUED: async (e, c) =>
    toEach(await c.openAssignments(), async (a) => ({ template: 'directive-issued', to: await c.unit(a.orgUnitId), vars: { ...a.vars, text: e.payload.text } })),
  ESCALATED: async (e, c) =>
    toEach(await c.assignments([e.payload.assignmentId]), async (a) => ({
      template: 'escalation',
      to: await c.escalation(e.payload.level, a.orgUnitId),
      vars: { ...a.vars, level: e.payload.level, overdueSince: iso(e.payload.overdueSince) },
    })),
  DEADLINE_REMINDER: async (e, c) =>
    toEach(await c.assignments([e.payload.assignmentId]), async (a) => ({ template: 'deadline-reminder', to: await c.unit(a.orgUnitId), vars: a.vars })),
  EXTENSION_REQUESTED: async (e, c) => [
    {
      template: 'extension-requested',
      to: await c.standingBody(),
      vars: { ...(await actingAgency(c.m, e.payload.orgUnitCode)), days: e.payload.days, reason: e.payload.reason },
    },
  ],
  EXTENSION_GRANTED: async (e, c) => extensionDecided(e, c, true),
  EXTENSION_DENIED: async (e, c) => extensionDecided(e, c, false),
};

async function extensionDecided(e: CaseEventRecord<'EXTENSION_GRANTED' | 'EXTENSION_DENIED'>, c: NoticeContext, granted: boolean): Promise<Notice[]> {
  const [a] = await c.assignments([e.payload.assignmentId]);
  if (!a) return [];
  return [{ template: 'extension-decided', to: await c.unit(a.orgUnitId), vars: { ...a.vars, granted, days: e.payload.days, note: e.payload.note ?? null } }];
}

/** The acting agency's names, for notices to the standing body ("Sở Y tế trả lại vụ việc"). */
async function actingAgency(m: EntityManager, code: string | undefined) {
  const [u] = code ? await m.query(`SELECT name_vi AS "agencyVi", name_en AS "agencyEn" FROM org_unit WHERE code = $1`, [code]) : [];
  return { agencyCode: code ?? null, agencyVi: u?.agencyVi ?? null, agencyEn: u?.agencyEn ?? null };
}

async function agencyName(m: EntityManager, code: string) {
  return (await actingAgency(m, code)).agencyVi;
}

/**
 * The notifications module's consumer of case events: the event's rule says which notices it
 * calls for; each becomes notification rows (one per addressee, deduplicated by event id) and
 * their send-email jobs, in one transaction that also marks the event's outbox row done.
 */
@Processor(QUEUES.notices, { concurrency: 8 })
export class CaseNoticesProcessor extends WorkerHost {
  constructor(
    private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return dispatch({ 'case-notices': ({ eventId, outboxId }) => this.handle(eventId, outboxId) }, job);
  }

  private handle(eventId: string, outboxId?: string) {
    return consumeOnce(this.db, outboxId, async (m) => {
      const [e]: CaseEventRecord[] = await m.query(
        `SELECT id, type, case_id AS "caseId", payload, occurred_at AS "occurredAt" FROM case_event WHERE id = $1`,
        [eventId],
      );
      const rule = e && (NOTICE_RULES[e.type] as Rule<CaseEventType> | undefined);
      if (!rule) return { skipped: e ? 'no notice for this event' : 'no such event' };
      const notices = await rule(e, new NoticeContext(m, e.caseId));
      if (!notices.length) return { notices: 0 };
      const base = await this.caseVars(m, e.caseId);
      let created = 0;
      for (const n of notices) {
        const ids = await this.notifications.request(m, {
          dedupeKey: `event:${e.id}${n.key ? `:${n.key}` : ''}`,
          caseId: e.caseId,
          recipients: n.to,
          template: n.template,
          vars: { ...base, ...n.vars },
        });
        created += ids.length;
      }
      return { event: e.type, notices: created };
    });
  }

  /** The case as every notice names it. */
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
      caseUrl: caseUrl(this.config.http.baseUrl, c.id),
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
}
