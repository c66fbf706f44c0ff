import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { consumeOnce } from '../../../infrastructure/outbox/outbox.js';
import { declareHandled, dispatch } from '../../../infrastructure/queue/job-handlers.js';
import { QUEUES } from '../../../infrastructure/queue/queue.registry.js';
import type { CaseEventRecord, CaseEventType } from '../../cases/case-events.js';
import type { Priority } from '../../cases/case.types.js';
import { type AssignmentRole, OPEN_ASSIGNMENT_SQL, type Outcome } from '../../cases/entities/assignment.entity.js';
import { noticeRecipients } from '../notice-recipients.js';
import { NotificationsService } from '../notifications.service.js';
import { noteMentionNotices } from './note-mentions.js';
import type { TemplateName, TemplateVars } from '../templates.js';
import type { CaseVars } from '../templates/shared.js';
import type { Step } from '../templates/step-deadline.js';

declareHandled(['case-notices', 'note-mentions']);

/** Instants go to templates as ISO strings; the templates format them in Vietnam time. */
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** The variables a rule gives; the case's own (code, title, link) are added by the consumer. */
type RuleVars<T extends TemplateName> = Omit<TemplateVars[T], keyof CaseVars>;

/** One notice an event calls for: a template, its addressees, its variables (checked against the template). */
export type Notice = {
  [T in TemplateName]: {
    template: T;
    to: string[];
    vars: RuleVars<T>;
    /** Tells apart several notices of one event (one per assignment): part of the dedupe key. */
    key?: string;
  };
}[TemplateName];

const notice = <T extends TemplateName>(template: T, to: string[], vars: RuleVars<T>, key?: string) => ({ template, to, vars, key }) as Notice;

type Name = { vi: string; en: string };
interface AssignmentRow {
  id: string;
  orgUnitId: string;
  status: string;
  role: AssignmentRole;
  agencyName: Name;
  acknowledgeDueAt: string | null;
  resolveDueAt: string | null;
}

/** What the rules read, inside the consumer's transaction: the case's assignments, addressees and names. */
class NoticeContext {
  constructor(
    readonly m: EntityManager,
    readonly e: CaseEventRecord & { actorId: string | null },
  ) {}

  // Every addressee goes through the one recipients decision (confidential cases: named people only).
  unit = (orgUnitId: string) => noticeRecipients(this.m, this.e.caseId, { kind: 'unit', orgUnitId });
  standingBody = () => noticeRecipients(this.m, this.e.caseId, { kind: 'standing-body' });
  escalation = (level: number, orgUnitId: string) => noticeRecipients(this.m, this.e.caseId, { kind: 'escalation', level, orgUnitId });
  reportingOfficers = () => noticeRecipients(this.m, this.e.caseId, { kind: 'reporting-officers' });

  async assignments(ids: string[] | undefined): Promise<AssignmentRow[]> {
    if (!ids?.length) return [];
    const rows: Array<{
      id: string;
      orgUnitId: string;
      status: string;
      role: AssignmentRole;
      ackDue: Date | null;
      resolveDue: Date | null;
      nameVi: string;
      nameEn: string;
    }> = await this.m.query(
      `SELECT s.id, s.org_unit_id AS "orgUnitId", s.status, s.role, s.acknowledge_due_at AS "ackDue", s.resolve_due_at AS "resolveDue",
              o.name_vi AS "nameVi", o.name_en AS "nameEn"
         FROM assignment s JOIN org_unit o ON o.id = s.org_unit_id WHERE s.id = ANY($1::uuid[]) ORDER BY s.created_at, s.id`,
      [ids],
    );
    return rows.map((r) => ({
      id: r.id,
      orgUnitId: r.orgUnitId,
      status: r.status,
      role: r.role,
      agencyName: { vi: r.nameVi, en: r.nameEn },
      acknowledgeDueAt: iso(r.ackDue),
      resolveDueAt: iso(r.resolveDue),
    }));
  }

  async openAssignments(where = 'TRUE') {
    const rows = await this.m.query(`SELECT id FROM assignment WHERE case_id = $1 AND status IN ${OPEN_ASSIGNMENT_SQL} AND ${where}`, [this.e.caseId]);
    return this.assignments(rows.map((r: { id: string }) => r.id));
  }

  /** A unit's id and names by its code (the unit that owes a step). */
  async unitByCode(code: string | null | undefined): Promise<{ id: string; name: Name } | null> {
    const [u] = code ? await this.m.query(`SELECT id, name_vi AS vi, name_en AS en FROM org_unit WHERE code = $1`, [code]) : [];
    return u ? { id: u.id, name: { vi: u.vi, en: u.en } } : null;
  }

  /** A unit's names by its code (the acting agency of a notice to the standing body). */
  async unitName(code: string | undefined): Promise<Name> {
    return (await this.unitByCode(code))?.name ?? { vi: code ?? '', en: code ?? '' };
  }

  /** The case's classification, as the assignment notice shows it. */
  async caseDetails() {
    const [c] = await this.m.query(
      `SELECT c.summary, c.priority, a.name_vi AS "areaVi", a.name_en AS "areaEn", cat.label_vi AS "categoryVi", cat.label_en AS "categoryEn"
         FROM cases c JOIN area a ON a.id = c.area_id LEFT JOIN category cat ON cat.id = c.category_id WHERE c.id = $1`,
      [this.e.caseId],
    );
    return {
      summary: c.summary as string | null,
      priority: c.priority as Priority,
      areaName: { vi: c.areaVi as string, en: c.areaEn as string },
      categoryName: c.categoryVi ? { vi: c.categoryVi as string, en: c.categoryEn as string } : null,
    };
  }
}

type Rule<T extends CaseEventType> = (e: CaseEventRecord<T>, c: NoticeContext) => Promise<Notice[]>;

const assignmentVars = (a: AssignmentRow) => ({ agencyName: a.agencyName, role: a.role, acknowledgeDueAt: a.acknowledgeDueAt, resolveDueAt: a.resolveDueAt });
const each = (list: AssignmentRow[], make: (a: AssignmentRow) => Promise<Notice>) => Promise.all(list.map(make));

/**
 * Event type → the notices it calls for: which template, to whom, with what. The one table of the
 * notification policy; an event type that is not here causes no notice.
 */
export const NOTICE_RULES: { [T in CaseEventType]?: Rule<T> } = {
  ASSIGNED: async (e, c) => {
    const details = await c.caseDetails();
    // The routing's forwarding letter: the send-email job attaches its PDF when the case's words may travel.
    const letter = { letterId: e.payload.letterId ?? null, letterNumber: e.payload.letterNumber ?? null };
    return each(await c.assignments(e.payload.assignmentIds), async (a) =>
      notice('assignment-received', await c.unit(a.orgUnitId), { ...details, ...assignmentVars(a), ...letter }, a.id),
    );
  },
  LETTER_ISSUED: async (e, c) =>
    each(await c.assignments(e.payload.assignmentIds), async (a) =>
      notice(
        'letter-issued',
        await c.unit(a.orgUnitId),
        { agencyName: a.agencyName, role: a.role, resolveDueAt: a.resolveDueAt, letterId: e.payload.letterId, letterNumber: e.payload.letterNumber },
        a.id,
      ),
    ),
  DELEGATED: async (e, c) => {
    const details = await c.caseDetails();
    const by = await c.unitName(e.payload.orgUnitCode);
    return each(await c.assignments([e.payload.delegateAssignmentId]), async (a) =>
      notice('assignment-received', await c.unit(a.orgUnitId), { ...details, ...assignmentVars(a), delegatedByName: by }, a.id),
    );
  },
  REOPENED: async (e, c) =>
    each(await c.openAssignments(`status = 'ASSIGNED' AND parent_assignment_id IS NULL`), async (a) =>
      notice('case-reopened', await c.unit(a.orgUnitId), { agencyName: a.agencyName, reason: e.payload.reason ?? null, resolveDueAt: a.resolveDueAt }, a.id),
    ),
  RETURNED: async (e, c) => [
    notice('case-returned', await c.standingBody(), { agencyName: await c.unitName(e.payload.orgUnitCode), reason: e.payload.reason }),
  ],
  // Each question goes to its addressee only: an agency's to the standing body, the standing body's to the reporting officers.
  INFO_REQUESTED: async (e, c) =>
    e.payload.askedOf === 'standing body'
      ? [notice('info-requested', await c.standingBody(), { agencyName: await c.unitName(e.payload.orgUnitCode), question: e.payload.question })]
      : [notice('officer-info-requested', await c.reportingOfficers(), { question: e.payload.question })],
  // A delegate's answer goes to the unit that delegated to it, for review; the standing body hears of the answer of a top-level agency.
  ASSIGNMENT_RESOLVED: async (e, c) =>
    e.payload.forReviewBy ? delegateAnswered(e.payload.forReviewBy, e.payload.orgUnitCode, e.payload, c) : agencyAnswered(e.payload.orgUnitCode, e.payload, c),
  DELEGATE_ANSWER_ACCEPTED: async (e, c) => {
    const answer = { outcome: e.payload.outcome, summary: e.payload.summary, documentRef: e.payload.delegateDocumentRef };
    return e.payload.forReviewBy ? delegateAnswered(e.payload.forReviewBy, e.payload.orgUnitCode, answer, c) : agencyAnswered(e.payload.orgUnitCode, answer, c);
  },
  DELEGATE_ANSWER_RETURNED: async (e, c) =>
    each(await c.assignments([e.payload.delegateAssignmentId]), async (a) =>
      notice(
        'delegate-answer-returned',
        await c.unit(a.orgUnitId),
        { agencyName: a.agencyName, reviewerName: await c.unitName(e.payload.orgUnitCode), reason: e.payload.reason, resolveDueAt: a.resolveDueAt },
        a.id,
      ),
    ),
  RESOLVED: async (e, c) => {
    const answers: Array<{ vi: string; en: string; outcome: Outcome; doc: string | null }> = await c.m.query(
      `SELECT o.name_vi AS vi, o.name_en AS en, s.outcome, s.document_ref->>'number' AS doc
         FROM assignment s JOIN org_unit o ON o.id = s.org_unit_id
        WHERE s.case_id = $1 AND s.status = 'RESOLVED' AND s.parent_assignment_id IS NULL ORDER BY s.role, s.created_at`,
      [e.caseId],
    );
    const agencies = answers.map((r) => ({ name: { vi: r.vi, en: r.en }, outcome: r.outcome, documentNumber: r.doc }));
    return [notice('case-resolved', await c.standingBody(), { agencies })];
  },
  DIRECTIVE_ISSUED: async (e, c) => {
    const [author] = c.e.actorId ? await c.m.query(`SELECT full_name AS name FROM app_user WHERE id = $1`, [c.e.actorId]) : [];
    return each(await c.openAssignments(), async (a) =>
      notice('directive-issued', await c.unit(a.orgUnitId), { agencyName: a.agencyName, text: e.payload.text, authorName: author?.name ?? null }, a.id),
    );
  },
  ESCALATED: async (e, c) =>
    e.payload.step
      ? stepEscalation(e.payload.step, e.payload.level, e.payload.overdueSince, e.payload.orgUnitCode, c)
      : each(await c.assignments(e.payload.assignmentId ? [e.payload.assignmentId] : []), async (a) => {
          // Late to acknowledge when the missed deadline is the acknowledgement's (it is earlier than the resolution's).
          const kind =
            a.acknowledgeDueAt && Date.parse(a.acknowledgeDueAt) <= Date.parse(e.payload.overdueSince) && a.status === 'ASSIGNED' ? 'acknowledge' : 'resolve';
          return notice(
            'escalation',
            await c.escalation(e.payload.level, a.orgUnitId),
            { agencyName: a.agencyName, level: e.payload.level as 1 | 2 | 3, overdueSince: e.payload.overdueSince, kind },
            a.id,
          );
        }),
  DEADLINE_REMINDER: async (e, c) =>
    e.payload.step
      ? stepReminder(e.payload.step, e.payload.resolveDueAt, e.payload.orgUnitCode, c)
      : each(await c.assignments(e.payload.assignmentId ? [e.payload.assignmentId] : []), async (a) =>
          notice('deadline-reminder', await c.unit(a.orgUnitId), { agencyName: a.agencyName, kind: 'resolve', dueAt: e.payload.resolveDueAt }, a.id),
        ),
  EXTENSION_REQUESTED: async (e, c) => {
    const [a] = await c.assignments([e.payload.assignmentId]);
    return [
      notice('extension-requested', await c.standingBody(), {
        agencyName: await c.unitName(e.payload.orgUnitCode),
        days: e.payload.days,
        reason: e.payload.reason,
        currentDueAt: a?.resolveDueAt ?? null,
      }),
    ];
  },
  EXTENSION_GRANTED: async (e, c) => extensionDecided(e, c, 'GRANTED'),
  EXTENSION_DENIED: async (e, c) => extensionDecided(e, c, 'DENIED'),
};

interface Answer {
  outcome: string;
  summary: string;
  documentRef: unknown;
}
const documentOf = (ref: unknown) => (ref ?? null) as TemplateVars['assignment-resolved']['documentRef'];

/** A top-level agency answered (itself, or by accepting its delegate's answer): the standing body is told, with who is yet to answer. */
async function agencyAnswered(orgUnitCode: string, answer: Answer, c: NoticeContext): Promise<Notice[]> {
  const [{ n }] = await c.m.query(
    `SELECT count(*)::int AS n FROM assignment WHERE case_id = $1 AND status IN ${OPEN_ASSIGNMENT_SQL} AND parent_assignment_id IS NULL`,
    [c.e.caseId],
  );
  return [
    notice('assignment-resolved', await c.standingBody(), {
      agencyName: await c.unitName(orgUnitCode),
      outcome: answer.outcome as Outcome,
      resolutionSummary: answer.summary,
      documentRef: documentOf(answer.documentRef),
      remaining: n,
    }),
  ];
}

/** A delegate answered: the unit that delegated to it reviews the answer, to its own deadline. */
async function delegateAnswered(reviewerAssignmentId: string, delegateCode: string, answer: Answer, c: NoticeContext): Promise<Notice[]> {
  const [reviewer] = await c.assignments([reviewerAssignmentId]);
  if (!reviewer) return [];
  return [
    notice(
      'delegate-answered',
      await c.unit(reviewer.orgUnitId),
      {
        agencyName: reviewer.agencyName,
        delegateName: await c.unitName(delegateCode),
        outcome: answer.outcome as Outcome,
        resolutionSummary: answer.summary,
        documentRef: documentOf(answer.documentRef),
        resolveDueAt: reviewer.resolveDueAt,
      },
      reviewer.id,
    ),
  ];
}

/**
 * The standing body's own steps (triage, verification) and an agency's reply to a directive: the
 * reminder goes to whoever owes the step; a late step goes to the owing unit's head first (level 1),
 * then to the leaders (levels 2 and 3) — the standing body's own delay is not HĐND's or UBND's to chase.
 */
async function stepReminder(step: Step, dueAt: string, orgUnitCode: string | null | undefined, c: NoticeContext): Promise<Notice[]> {
  const unit = await c.unitByCode(orgUnitCode);
  const agency = step === 'DIRECTIVE_REPLY' ? unit : null;
  const to = agency ? await c.unit(agency.id) : await c.standingBody();
  return [notice('step-deadline', to, { step, dueAt, agencyName: agency?.name ?? null })];
}

async function stepEscalation(step: Step, level: number, overdueSince: string, orgUnitCode: string | null | undefined, c: NoticeContext): Promise<Notice[]> {
  const unit = await c.unitByCode(orgUnitCode);
  // Level 3 of the ladder is the leaders, whichever unit: the unit id only matters at level 1.
  const to = level <= 1 && unit ? await c.escalation(1, unit.id) : await c.escalation(3, unit?.id ?? '');
  const agencyName = step === 'DIRECTIVE_REPLY' ? (unit?.name ?? null) : null;
  return [notice('step-deadline', to, { step, dueAt: overdueSince, level: Math.min(Math.max(level, 1), 3) as 1 | 2 | 3, agencyName })];
}

async function extensionDecided(
  e: CaseEventRecord<'EXTENSION_GRANTED' | 'EXTENSION_DENIED'>,
  c: NoticeContext,
  decision: 'GRANTED' | 'DENIED',
): Promise<Notice[]> {
  const [a] = await c.assignments([e.payload.assignmentId]);
  if (!a) return [];
  return [
    notice('extension-decided', await c.unit(a.orgUnitId), {
      agencyName: a.agencyName,
      decision,
      days: e.payload.days,
      note: e.payload.note ?? null,
      resolveDueAt: a.resolveDueAt,
    }),
  ];
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
  ) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return dispatch(
      {
        'case-notices': ({ eventId, outboxId }) => this.handle(eventId, outboxId),
        // A note's mentions share the notices queue: one processor per queue, each job name its handler.
        'note-mentions': ({ noteId, outboxId }) => consumeOnce(this.db, outboxId, (m) => noteMentionNotices(m, this.notifications, noteId)),
      },
      job,
    );
  }

  private handle(eventId: string, outboxId?: string) {
    return consumeOnce(this.db, outboxId, async (m) => {
      const [e]: Array<CaseEventRecord & { actorId: string | null }> = await m.query(
        `SELECT id, type, case_id AS "caseId", payload, occurred_at AS "occurredAt", actor_id AS "actorId" FROM case_event WHERE id = $1`,
        [eventId],
      );
      const rule = e && (NOTICE_RULES[e.type] as Rule<CaseEventType> | undefined);
      if (!rule) return { skipped: e ? 'no notice for this event' : 'no such event' };
      const notices = await rule(e, new NoticeContext(m, e));
      if (!notices.length) return { notices: 0 };
      const base = await this.caseVars(m, e.caseId);
      let created = 0;
      for (const n of notices) {
        const ids = await this.notifications.request(m, {
          dedupeKey: `event:${e.id}${n.key ? `:${n.key}` : ''}`,
          caseId: e.caseId,
          recipients: n.to,
          template: n.template,
          // Each rule's vars are checked against its template above; here the union is put back together.
          vars: { ...base, ...n.vars } as TemplateVars[typeof n.template],
        });
        created += ids.length;
      }
      return { event: e.type, notices: created };
    });
  }

  /** The case as every notice names it. */
  private async caseVars(m: EntityManager, caseId: string): Promise<CaseVars> {
    const [c] = await m.query(`SELECT code, title FROM cases WHERE id = $1`, [caseId]);
    // The link is added by NotificationsService.request from the case id.
    return { caseCode: c.code, caseTitle: c.title };
  }
}
