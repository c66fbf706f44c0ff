import type { AuthUser } from '../auth/auth.decorators.js';
import { STANDING_BODY_ROLES } from '../auth/roles.js';

/**
 * Who may see which case, as an SQL condition on `c` (the cases table), so that every list
 * and read enforces it in the query itself:
 * - the standing body (triager) and leaders: every case;
 * - an agency user: cases with an assignment to their unit;
 * - an officer: public cases that gather a concern they logged;
 * - an admin: public cases only.
 * `param(value)` adds a bind parameter and returns its placeholder.
 */
export function visibilityCondition(user: AuthUser, param: (value: unknown) => string): string {
  switch (user.role) {
    case 'triager':
    case 'leader':
      return 'TRUE';
    case 'agency':
      return `EXISTS (SELECT 1 FROM assignment a WHERE a.case_id = c.id AND a.org_unit_id = ${param(user.orgUnitId)})`;
    case 'officer':
      return `c.sensitivity = 'PUBLIC' AND EXISTS (SELECT 1 FROM concern k WHERE k.case_id = c.id AND k.created_by_id = ${param(user.id)})`;
    default:
      return `c.sensitivity = 'PUBLIC'`;
  }
}

/** Reporters' personal data: the standing body and leaders see it, and the officer who logged it. */
export function mayReadReporter(user: AuthUser, concernCreatedById: string | null): boolean {
  return STANDING_BODY_ROLES.includes(user.role) || (user.role === 'officer' && concernCreatedById === user.id);
}

/** A UUID as PostgreSQL writes it: an id in a path that is not one cannot name anything. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Collects bind parameters for hand-written SQL: `p(value)` → `$n`. */
export class Params {
  readonly values: unknown[] = [];
  readonly add = (value: unknown): string => {
    this.values.push(value);
    return `$${this.values.length}`;
  };
}
