import type { CaseStatus } from './case.types.js';

/**
 * The one transition table of a case. Every status change goes through CaseTransitions.apply,
 * which checks the move here. A move to the same status is not listed: it is an event that
 * changes nothing (a progress note, a directive) and is always allowed on an open case.
 */
export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  NEW: ['TRIAGED', 'ASSIGNED', 'NEEDS_INFO', 'REJECTED', 'MERGED'],
  TRIAGED: ['ASSIGNED', 'NEEDS_INFO', 'REJECTED', 'MERGED'],
  ASSIGNED: ['ACKNOWLEDGED', 'IN_PROGRESS', 'NEEDS_INFO', 'RETURNED', 'RESOLVED'],
  ACKNOWLEDGED: ['IN_PROGRESS', 'NEEDS_INFO', 'RETURNED', 'RESOLVED'],
  IN_PROGRESS: ['NEEDS_INFO', 'RETURNED', 'RESOLVED'],
  // Answering a request for information resumes the status the case had before it.
  NEEDS_INFO: ['NEW', 'TRIAGED', 'ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RETURNED', 'RESOLVED', 'REOPENED', 'REJECTED', 'MERGED'],
  RETURNED: ['TRIAGED', 'ASSIGNED', 'REJECTED', 'MERGED'],
  RESOLVED: ['CLOSED', 'REOPENED'],
  CLOSED: ['REOPENED'],
  REJECTED: [],
  MERGED: [],
  REOPENED: ['ACKNOWLEDGED', 'IN_PROGRESS', 'NEEDS_INFO', 'RETURNED', 'RESOLVED'],
};

/** Statuses in which no work remains. */
export const FINAL_STATUSES: readonly CaseStatus[] = ['CLOSED', 'REJECTED', 'MERGED'];

/** Statuses in which no agency owes an answer any more (resolved, or final): no deadline, reminder or agency action applies. */
export const ANSWERED_STATUSES: readonly CaseStatus[] = ['RESOLVED', ...FINAL_STATUSES];
/** The same as an SQL list, for `c.status NOT IN ${ANSWERED_STATUSES_SQL}`. */
export const ANSWERED_STATUSES_SQL = `(${ANSWERED_STATUSES.map((s) => `'${s}'`).join(', ')})`;

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
