import type { EntityManager } from 'typeorm';
import { leaderEmails } from './notifications.service.js';

/** Who hears about what. Org units' addresses are data (admin-maintained), never code. */
export const recipients = {
  /** The standing body that owns the case: its unit's addresses, else its triage staff. */
  async standingBody(m: EntityManager, caseId: string): Promise<string[]> {
    const [row] = await m.query(
      `SELECT COALESCE(NULLIF(o.emails, '{}'), ARRAY(SELECT u.email FROM app_user u WHERE u.role = 'triager' AND u.active
                                                       AND (o.id IS NULL OR u.org_unit_id = o.id))) AS emails
         FROM cases c LEFT JOIN org_unit o ON o.id = c.owner_unit_id WHERE c.id = $1`,
      [caseId],
    );
    return row?.emails ?? [];
  },

  /** An agency's notice addresses. */
  async unit(m: EntityManager, orgUnitId: string): Promise<string[]> {
    const [row] = await m.query(`SELECT emails FROM org_unit WHERE id = $1`, [orgUnitId]);
    return row?.emails ?? [];
  },

  /** Escalation level 1: the agency's head; 2: HĐND standing committee and UBND leadership; 3: leaders. */
  async escalation(m: EntityManager, level: number, orgUnitId: string): Promise<string[]> {
    if (level <= 1) {
      const [row] = await m.query(`SELECT COALESCE(NULLIF(head_emails, '{}'), emails) AS emails FROM org_unit WHERE id = $1`, [orgUnitId]);
      return row?.emails ?? [];
    }
    if (level === 2) {
      const rows = await m.query(
        `SELECT unnest(COALESCE(NULLIF(head_emails, '{}'), emails)) AS email FROM org_unit
          WHERE active AND level = 'PROVINCE' AND kind IN ('PEOPLES_COUNCIL', 'PEOPLES_COMMITTEE')`,
      );
      return rows.map((r: { email: string }) => r.email);
    }
    return leaderEmails(m);
  },
};
