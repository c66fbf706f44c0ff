import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators.js';

/** The system acts as this user in the timeline (escalations, reminders). */
export const SYSTEM_ACTOR_EMAIL = 'system@concern-desk.local';

/** The system account; it cannot log in (no usable password hash) and is created on first use. */
export async function systemActor(db: Pick<DataSource, 'query'>): Promise<AuthUser> {
  const [u] = await db.query(`SELECT id, email, full_name AS "fullName", role, org_unit_id AS "orgUnitId" FROM app_user WHERE email = $1`, [
    SYSTEM_ACTOR_EMAIL,
  ]);
  if (u) return u;
  const [created] = await db.query(
    `INSERT INTO app_user (email, password_hash, full_name, role, active) VALUES ($1, '!', 'Hệ thống (tự động)', 'admin', false)
     ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id, email, full_name AS "fullName", role, org_unit_id AS "orgUnitId"`,
    [SYSTEM_ACTOR_EMAIL],
  );
  return created;
}
