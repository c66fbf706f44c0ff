import { JOBS } from '../../infrastructure/queue/queue.registry.js';

/**
 * The registry of case timeline events: the only place their type strings live. Each type names
 * its payload and the consumers that act on it after commit. The strings are persistent data
 * (rows of `case_event`, guarded by a check constraint built from this list): never rename one.
 *
 * Cases emit; the consumers belong to the modules that act (notifications: the case notices;
 * deadlines: the deadline schedule), and nothing flows back up: a consumer that must say something
 * writes an event of its own (a reminder, an escalation), which takes the same road as every other.
 */

/** The queue jobs that consume events; each owned by the module that acts on them. */
export const EVENT_CONSUMERS = {
  /** notifications: event type → template and recipients → notification rows. */
  notices: JOBS.caseNotices.name,
  /** deadlines: (re)plan an assignment's reminders and deadline jobs; drop the jobs of cancelled work. */
  deadlines: JOBS.deadlineSchedule.name,
} as const;
export type EventConsumer = keyof typeof EVENT_CONSUMERS;

type Id = string;
type Iso = string;
interface OfAssignment {
  assignmentId: Id;
  orgUnitCode: string;
  role?: string;
}

/**
 * Attachments the action used (uploaded beforehand); the attachments module links them to the
 * event in its transaction. A resolution's signed document is `documentRef.attachmentId`.
 */
interface Attached {
  attachmentIds?: Id[];
}

/** Event type → its payload. */
export interface CaseEventPayloads {
  CREATED: { concernId: Id; channel: string };
  TRIAGED: { categoryCode?: string; priority?: string; sensitivity?: string; summary?: string | null } & Record<string, unknown>;
  /** `letterId`, `letterNumber`: the forwarding letter issued with the routing (letters module's register). */
  ASSIGNED: { assignmentIds: Id[]; lead?: string; supporting?: string[]; letterId?: Id; letterNumber?: string } & Record<string, unknown>;
  ACKNOWLEDGED: OfAssignment;
  PROGRESS_REPORTED: OfAssignment & { note: string } & Attached;
  /** Asked by an agency of the standing body, or by the standing body of the officer. */
  INFO_REQUESTED: { question: string; askedOf: 'standing body' | 'officer' } & Partial<OfAssignment>;
  INFO_PROVIDED: { answer: string };
  RETURNED: OfAssignment & { reason: string };
  DELEGATED: OfAssignment & { toOrgUnitCode: string; note: string | null; delegateAssignmentId: Id };
  /**
   * An agency's answer. `forReviewBy`: a delegate's answer goes to the unit that delegated to it (that
   * assignment's id) for review, not up the chain (events before the review existed lack it and flowed up).
   * `delegateDocumentOf`: the lead answers itself reusing the signed document of that delegate's answer
   * (then `documentRef` names no attachment: the file stays the delegate's).
   */
  ASSIGNMENT_RESOLVED: OfAssignment & {
    outcome: string;
    summary: string;
    documentRef: unknown;
    forReviewBy?: Id;
    delegateDocumentOf?: Id;
    delegateDocumentRef?: unknown;
  } & Attached;
  /**
   * The delegating unit accepts its delegate's answer as its own: the outcome and summary are the
   * delegate's, the document stays the delegate's (`delegateDocumentRef`, not `documentRef`, so no
   * attachment changes hands). `forReviewBy` as for ASSIGNMENT_RESOLVED when this unit is itself a delegate.
   */
  DELEGATE_ANSWER_ACCEPTED: OfAssignment & {
    delegateAssignmentId: Id;
    delegateOrgUnitCode: string;
    answerEventId: Id | null;
    outcome: string;
    summary: string;
    delegateDocumentRef: unknown;
    note: string | null;
    forReviewBy?: Id;
  };
  /** The delegating unit sends its delegate's answer back with a reason: the delegate works on it again. */
  DELEGATE_ANSWER_RETURNED: OfAssignment & { delegateAssignmentId: Id; delegateOrgUnitCode: string; answerEventId: Id | null; reason: string };
  RESOLVED: { lastAnswer?: string };
  CLOSED: { note: string | null } & Attached;
  REOPENED: { reason: string } & Attached & Record<string, unknown>;
  REJECTED: { reason: string } & Attached;
  /** `sensitivityRaised`: the survivor took the stricter sensitivity of the merged case (null: unchanged). */
  MERGED: { intoCaseId: Id; sensitivityRaised?: { from: string; to: string } | null } & Record<string, unknown>;
  MERGE_RECEIVED: { fromCaseId: Id; sensitivityRaised?: { from: string; to: string } | null } & Record<string, unknown>;
  DIRECTIVE_ISSUED: { text: string } & Attached;
  /** An assignment's lateness; or, with `step` and no assignment, the standing body's own step or a directive's reply. */
  ESCALATED: Partial<OfAssignment> & { level: number; overdueSince: Iso; step?: 'TRIAGE' | 'VERIFY' | 'DIRECTIVE_REPLY'; directiveEventId?: Id };
  /**
   * A reminder point of an assignment's deadline came (written by the deadlines module); or, with
   * `step` and no assignment, of the standing body's own step or a directive's reply (`n`: which point).
   */
  DEADLINE_REMINDER: Partial<OfAssignment> & {
    resolveDueAt: Iso;
    reminderId?: Id;
    step?: 'TRIAGE' | 'VERIFY' | 'DIRECTIVE_REPLY';
    directiveEventId?: Id;
    n?: number;
  };
  EXTENSION_REQUESTED: OfAssignment & { extensionId: Id; days: number; reason: string };
  EXTENSION_GRANTED: OfAssignment & { extensionId: Id; days: number; note: string | null; resolveDueAt: Iso | Date | null };
  EXTENSION_DENIED: OfAssignment & { extensionId: Id; days: number; note: string | null; resolveDueAt: null };
  /**
   * A deadline clock stops counting (written by the deadlines module in the causing action's
   * transaction): the work waits for information asked of someone else, or for an extension decision.
   * `assignmentId` names the assignment's clock; null with `step` a standing body's own step.
   */
  CLOCK_PAUSED: { assignmentId: Id | null; step?: 'TRIAGE' | 'VERIFY'; reason: 'INFO_REQUESTED' | 'EXTENSION_PENDING'; causeEventId: Id };
  CLOCK_RESUMED: { assignmentId: Id | null; step?: 'TRIAGE' | 'VERIFY'; reason: 'INFO_REQUESTED' | 'EXTENSION_PENDING'; causeEventId: Id };
  /** An agency answers a leader's directive (DIRECTIVE_ISSUED event `directiveEventId`). */
  DIRECTIVE_REPLIED: Partial<OfAssignment> & { directiveEventId: Id; text: string };
  /** A forwarding letter issued on demand (a reminder, after a re-route) to the agencies of `assignmentIds`. */
  LETTER_ISSUED: { letterId: Id; letterNumber: string; assignmentIds: Id[] };
  /** The standing body changed the priority of a case it has not routed yet (the triage queue's bulk action). */
  PRIORITY_CHANGED: { from: string; to: string };
}
export type CaseEventType = keyof CaseEventPayloads;

/** Event type → who consumes it. A type with no consumer is a timeline entry only. */
export const CASE_EVENTS: { readonly [T in CaseEventType]: readonly EventConsumer[] } = {
  CREATED: [],
  TRIAGED: [],
  ASSIGNED: ['notices', 'deadlines'],
  ACKNOWLEDGED: [],
  PROGRESS_REPORTED: [],
  INFO_REQUESTED: ['notices'],
  INFO_PROVIDED: [],
  RETURNED: ['notices', 'deadlines'],
  DELEGATED: ['notices', 'deadlines'],
  ASSIGNMENT_RESOLVED: ['notices', 'deadlines'],
  // The standing body (or the next unit up) learns of the answer; the lead's work ends, its plan is dropped.
  DELEGATE_ANSWER_ACCEPTED: ['notices', 'deadlines'],
  // The delegate is told; its reminders and deadline jobs are planned again.
  DELEGATE_ANSWER_RETURNED: ['notices', 'deadlines'],
  RESOLVED: ['notices', 'deadlines'],
  CLOSED: ['deadlines'],
  REOPENED: ['notices', 'deadlines'],
  REJECTED: ['deadlines'],
  MERGED: ['deadlines'],
  MERGE_RECEIVED: [],
  DIRECTIVE_ISSUED: ['notices'],
  ESCALATED: ['notices'],
  DEADLINE_REMINDER: ['notices'],
  EXTENSION_REQUESTED: ['notices'],
  EXTENSION_GRANTED: ['notices', 'deadlines'],
  EXTENSION_DENIED: ['notices'],
  // No reminder and no escalation while paused: the deadline plan is dropped, then made anew on resume.
  CLOCK_PAUSED: ['deadlines'],
  CLOCK_RESUMED: ['deadlines'],
  DIRECTIVE_REPLIED: [],
  LETTER_ISSUED: ['notices'],
  PRIORITY_CHANGED: [],
};

export const CASE_EVENT_TYPES = Object.keys(CASE_EVENTS) as CaseEventType[];

export function isCaseEventType(t: string): t is CaseEventType {
  return Object.hasOwn(CASE_EVENTS, t);
}

/** A committed event as its consumers read it. */
export interface CaseEventRecord<T extends CaseEventType = CaseEventType> {
  id: string;
  caseId: string;
  type: T;
  payload: CaseEventPayloads[T];
  occurredAt: Date;
}

/** The job data every event consumer receives (the relay adds the outbox row's id). */
export interface EventJob {
  eventId: string;
}
