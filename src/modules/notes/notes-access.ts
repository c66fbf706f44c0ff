import type { AuthUser } from '../auth/auth.decorators.js';
import { STANDING_BODY_ROLES } from '../auth/roles.js';
import { visibilityCondition } from '../cases/case-access.js';

/**
 * Who may read and write a case's internal notes, as an SQL condition on `c` (the cases table):
 * the standing body (triagers, leaders) and the agencies whose unit holds a visible assignment —
 * each only on a case the visibility rule lets them see. Officers, admins and everyone else never
 * (null): for them a case's notes do not exist, and the routes answer 404 as for an unseen case.
 * An agency's view of a case is exactly "its unit holds an assignment that is not withdrawn"
 * (assignmentGivesView), so visibilityCondition already says it.
 */
export function notesCondition(user: AuthUser, param: (value: unknown) => string): string | null {
  if (!STANDING_BODY_ROLES.includes(user.role) && user.role !== 'agency') return null;
  if (user.role === 'agency' && !user.orgUnitId) return null;
  return visibilityCondition(user, param);
}

/** A unit's shared mailbox is read as that unit's agency account reads the case (as notice-recipients does). */
export function unitReader(orgUnitId: string): AuthUser {
  return { id: '00000000-0000-0000-0000-000000000000', email: '', fullName: '', role: 'agency', orgUnitId };
}
