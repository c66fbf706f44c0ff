import type { AuthUser } from '../auth/auth.decorators.js';
import { STANDING_BODY_ROLES } from '../auth/roles.js';
import { visibilityCondition } from '../cases/case-access.js';

/**
 * Which attachments of a case a reader may see, as SQL on `t` (attachment): a petition is the
 * citizen's own letter, with their name, address and signature, so it follows the rule of
 * reporters' personal data (cases/case-access.ts mayReadReporter): the standing body and leaders,
 * and the officer who logged its concern (or uploaded it); never agencies or admins. Everything
 * else on the case is seen by whoever sees the case.
 */
export function attachmentReadable(user: AuthUser, param: (value: unknown) => string): string {
  // The same roles as mayReadReporter, so the two rules cannot drift apart.
  if (STANDING_BODY_ROLES.includes(user.role)) return 'TRUE';
  if (user.role === 'officer') {
    const me = param(user.id);
    return `(t.purpose <> 'PETITION' OR t.uploaded_by = ${me} OR EXISTS (SELECT 1 FROM concern k WHERE k.id = t.concern_id AND k.created_by_id = ${me}))`;
  }
  return `t.purpose <> 'PETITION'`;
}

/** The case's visibility rule (on `c`) and the attachment's own (on `t`), for reads joining both. */
export function attachmentVisible(user: AuthUser, param: (value: unknown) => string): string {
  return `${visibilityCondition(user, param)} AND ${attachmentReadable(user, param)}`;
}
