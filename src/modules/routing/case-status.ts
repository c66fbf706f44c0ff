import type { CaseStatus } from '../cases/case.types.js';
import type { AssignmentRole, AssignmentStatus } from '../cases/entities/assignment.entity.js';

export interface AssignmentState {
  id: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  parentAssignmentId: string | null;
}

/**
 * What the agencies' assignments say the case status is. Agency actions change assignments; the
 * case follows: any request for information holds the whole case; the lead returning it sends it
 * back to triage; every answering assignment resolved resolves it; any work under way makes it
 * in progress; the lead's acknowledgement acknowledges it. A delegated assignment counts as what
 * its delegates are doing; one whose delegates all answered is in progress until it answers itself. Pure, so it is unit-tested on its own.
 */
export function deriveCaseStatus(current: CaseStatus, assignments: AssignmentState[]): CaseStatus {
  const top = assignments.filter((a) => !a.parentAssignmentId && a.status !== 'CANCELLED');
  // After a return and a re-route the old lead stays RETURNED beside the new one: the new one leads.
  const lead = top.find((a) => a.role === 'LEAD' && a.status !== 'RETURNED') ?? top.find((a) => a.role === 'LEAD');
  if (!lead) return current;
  if (assignments.some((a) => a.status === 'NEEDS_INFO')) return 'NEEDS_INFO';
  if (lead.status === 'RETURNED') return 'RETURNED';

  const effective = (a: AssignmentState): AssignmentStatus => {
    // Reviewing its delegates' answers is the unit's own work in progress: the case is not resolved until it answers.
    if (a.status === 'DELEGATE_ANSWERED') return 'IN_PROGRESS';
    if (a.status !== 'DELEGATED') return a.status;
    const children = assignments.filter((c) => c.parentAssignmentId === a.id && c.status !== 'CANCELLED' && c.status !== 'RETURNED').map(effective);
    return children.some((s) => s === 'IN_PROGRESS' || s === 'RESOLVED') ? 'IN_PROGRESS' : 'ACKNOWLEDGED';
  };
  const answering = top.filter((a) => a.status !== 'RETURNED');
  const states = answering.map(effective);
  if (states.every((s) => s === 'RESOLVED')) return 'RESOLVED';
  if (states.some((s) => s === 'IN_PROGRESS' || s === 'RESOLVED')) return 'IN_PROGRESS';
  if (effective(lead) === 'ACKNOWLEDGED') return 'ACKNOWLEDGED';
  return current === 'REOPENED' ? 'REOPENED' : 'ASSIGNED';
}
