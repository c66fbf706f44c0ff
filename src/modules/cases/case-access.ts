import type { AuthUser } from '../auth/auth.decorators.js';
import { STANDING_BODY_ROLES } from '../auth/roles.js';
import type { Sensitivity } from './case.types.js';
import type { AssignmentStatus } from './entities/assignment.entity.js';

/**
 * Assignment statuses that no longer give the agency a view of the case: it sent the case back,
 * or a re-route, a merge or a rejection took it away. A RESOLVED assignment keeps its view.
 */
export const WITHDRAWN_ASSIGNMENT_STATUSES = ['RETURNED', 'CANCELLED'] as const satisfies readonly AssignmentStatus[];
const WITHDRAWN_SQL = `(${WITHDRAWN_ASSIGNMENT_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * The one rule of who may see which case (need-to-know), as an SQL condition on `c` (the cases
 * table), so that every read, list, search, similar-case query and action enforces it in the query
 * itself. A case the rule hides answers 404 like an unknown one, on reads and on actions alike.
 * - leader: every case;
 * - triager (the standing body): PUBLIC and RESTRICTED cases; a CONFIDENTIAL one only when the
 *   triager is "on the case", i.e. wrote an event of it (triaged it as CONFIDENTIAL, assigned,
 *   merged, asked for information…). Intake can only make RESTRICTED; CONFIDENTIAL is set at triage
 *   or taken over by a merge, so some triager is always on a CONFIDENTIAL case;
 * - agency user: cases with an assignment to their unit that is not RETURNED or CANCELLED
 *   (WITHDRAWN_ASSIGNMENT_STATUSES): an agency that sent a case back or was routed away sees
 *   nothing of it any more, including events written after it left; RESOLVED keeps the view;
 * - officer: PUBLIC and RESTRICTED cases that gather a concern the officer logged (never CONFIDENTIAL);
 * - admin (and anyone else, the system account included): PUBLIC cases only.
 * `param(value)` adds a bind parameter and returns its placeholder.
 */
export function visibilityCondition(user: AuthUser, param: (value: unknown) => string): string {
  switch (user.role) {
    case 'leader':
      return 'TRUE';
    case 'triager':
      return `(c.sensitivity <> 'CONFIDENTIAL' OR EXISTS (SELECT 1 FROM case_event ev WHERE ev.case_id = c.id AND ev.actor_id = ${param(user.id)}))`;
    case 'agency':
      return `EXISTS (SELECT 1 FROM assignment a WHERE a.case_id = c.id AND a.org_unit_id = ${param(user.orgUnitId)} AND a.status NOT IN ${WITHDRAWN_SQL})`;
    case 'officer':
      return `c.sensitivity IN ('PUBLIC', 'RESTRICTED') AND EXISTS (SELECT 1 FROM concern k WHERE k.case_id = c.id AND k.created_by_id = ${param(user.id)})`;
    default:
      return `c.sensitivity = 'PUBLIC'`;
  }
}

/** Whether an agency's assignment still gives it a view of the case (see visibilityCondition). */
export function assignmentGivesView(status: AssignmentStatus): boolean {
  return !(WITHDRAWN_ASSIGNMENT_STATUSES as readonly AssignmentStatus[]).includes(status);
}

/** Reporters' personal data: the standing body and leaders see it, and the officer who logged it. */
export function mayReadReporter(user: AuthUser, concernCreatedById: string | null): boolean {
  return STANDING_BODY_ROLES.includes(user.role) || (user.role === 'officer' && concernCreatedById === user.id);
}

const SENSITIVITY_RANK: Record<Sensitivity, number> = { PUBLIC: 0, RESTRICTED: 1, CONFIDENTIAL: 2 };

/** The stricter of two sensitivities (PUBLIC < RESTRICTED < CONFIDENTIAL): what a merged case keeps. */
export function stricterSensitivity(a: Sensitivity, b: Sensitivity): Sensitivity {
  return SENSITIVITY_RANK[b] > SENSITIVITY_RANK[a] ? b : a;
}

/** The one UUID pattern (infrastructure/http), for this module's importers. */
export { UUID } from '../../infrastructure/http/validators.js';

/** Collects bind parameters for hand-written SQL: `p(value)` → `$n`. */
export class Params {
  readonly values: unknown[] = [];
  readonly add = (value: unknown): string => {
    this.values.push(value);
    return `$${this.values.length}`;
  };
}
