import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators.js';
import { Params, visibilityCondition } from '../cases/case-access.js';
import { leaderEmails } from './notifications.service.js';

/** Whom a notice about a case is for; the addresses are data (admin-maintained), never code. */
export type Addressee =
  /** An agency's notice addresses. */
  | { kind: 'unit'; orgUnitId: string }
  /** The standing body that owns the case: its unit's addresses, else its triage staff. */
  | { kind: 'standing-body' }
  /** Escalation level 1: the agency's head; 2: HĐND standing committee and UBND leadership; 3: leaders. */
  | { kind: 'escalation'; level: number; orgUnitId: string }
  /** The officers who logged the case's concerns (the standing body asks them for information). */
  | { kind: 'reporting-officers' };

interface Candidate {
  email: string;
  /** Who reads this address, as the visibility rule knows them: a named user, or a unit's mailbox. */
  reader: AuthUser;
}

/** A unit's shared mailbox is read as that unit's agency account would read the case. */
const unitReader = (orgUnitId: string): AuthUser => ({ id: '00000000-0000-0000-0000-000000000000', email: '', fullName: '', role: 'agency', orgUnitId });

/**
 * The one decision of who receives a notice about a case. PUBLIC and RESTRICTED cases go to the
 * addressee's addresses (a RESTRICTED notice shows only the code and link: see redaction.ts).
 * A CONFIDENTIAL case goes only to those the visibility rule lets see it: an assigned agency's
 * mailbox, triagers on the case, leaders; never an unassigned body's shared mailbox (the HĐND and
 * UBND mailboxes at escalation level 2, the standing body's own mailbox). Where that leaves nobody,
 * the leaders are told instead, so that a confidential notice is never lost.
 */
export async function noticeRecipients(m: EntityManager, caseId: string, to: Addressee): Promise<string[]> {
  const [c] = await m.query(`SELECT sensitivity, owner_unit_id AS "ownerUnitId" FROM cases WHERE id = $1`, [caseId]);
  const confidential = c?.sensitivity !== 'PUBLIC' && c?.sensitivity !== 'RESTRICTED'; // unknown counts as confidential
  if (!confidential) return plainAddresses(m, caseId, to);
  const candidates = await confidentialCandidates(m, caseId, c?.ownerUnitId ?? null, to);
  const allowed: string[] = [];
  for (const k of candidates) if (await maySee(m, caseId, k.reader)) allowed.push(k.email);
  // A question to the reporting officer is theirs alone: an officer who may not see the case cannot answer it, and leaders are not asked instead.
  if (to.kind === 'reporting-officers') return [...new Set(allowed)];
  return allowed.length ? [...new Set(allowed)] : leaderEmails(m);
}

async function plainAddresses(m: EntityManager, caseId: string, to: Addressee): Promise<string[]> {
  switch (to.kind) {
    case 'unit': {
      const [row] = await m.query(`SELECT emails FROM org_unit WHERE id = $1`, [to.orgUnitId]);
      return row?.emails ?? [];
    }
    case 'standing-body': {
      const [row] = await m.query(
        `SELECT COALESCE(NULLIF(o.emails, '{}'), ARRAY(SELECT u.email FROM app_user u WHERE u.role = 'triager' AND u.active
                                                         AND (o.id IS NULL OR u.org_unit_id = o.id))) AS emails
           FROM cases c LEFT JOIN org_unit o ON o.id = c.owner_unit_id WHERE c.id = $1`,
        [caseId],
      );
      return row?.emails ?? [];
    }
    case 'escalation': {
      if (to.level <= 1) {
        const [row] = await m.query(`SELECT COALESCE(NULLIF(head_emails, '{}'), emails) AS emails FROM org_unit WHERE id = $1`, [to.orgUnitId]);
        return row?.emails ?? [];
      }
      if (to.level === 2) return (await escalationBodies(m)).map((b) => b.email);
      return leaderEmails(m);
    }
    case 'reporting-officers':
      return (await reportingOfficers(m, caseId)).map((u) => u.email);
  }
}

/** The active officers who logged a concern of the case: named people, read as themselves. */
async function reportingOfficers(m: EntityManager, caseId: string): Promise<Array<{ id: string; email: string; fullName: string; orgUnitId: string | null }>> {
  return m.query(
    `SELECT DISTINCT u.id, u.email, u.full_name AS "fullName", u.org_unit_id AS "orgUnitId" FROM concern k JOIN app_user u ON u.id = k.created_by_id
      WHERE k.case_id = $1 AND u.role = 'officer' AND u.active ORDER BY u.email`,
    [caseId],
  );
}

/** The addresses a confidential notice could go to, each with who reads it; the rule decides after. */
async function confidentialCandidates(m: EntityManager, caseId: string, ownerUnitId: string | null, to: Addressee): Promise<Candidate[]> {
  switch (to.kind) {
    case 'unit': {
      const [row] = await m.query(`SELECT emails FROM org_unit WHERE id = $1`, [to.orgUnitId]);
      return ((row?.emails ?? []) as string[]).map((email) => ({ email, reader: unitReader(to.orgUnitId) }));
    }
    case 'standing-body': {
      // Named triagers only: the standing body's shared mailbox is read by people not on the case.
      const rows: Array<{ id: string; email: string; fullName: string; orgUnitId: string | null }> = await m.query(
        `SELECT id, email, full_name AS "fullName", org_unit_id AS "orgUnitId" FROM app_user
          WHERE role = 'triager' AND active AND ($1::uuid IS NULL OR org_unit_id = $1) ORDER BY email`,
        [ownerUnitId],
      );
      return rows.map((u) => ({ email: u.email, reader: { ...u, role: 'triager' } }));
    }
    case 'escalation': {
      if (to.level <= 1) {
        const [row] = await m.query(`SELECT COALESCE(NULLIF(head_emails, '{}'), emails) AS emails FROM org_unit WHERE id = $1`, [to.orgUnitId]);
        return ((row?.emails ?? []) as string[]).map((email) => ({ email, reader: unitReader(to.orgUnitId) }));
      }
      if (to.level === 2) return (await escalationBodies(m)).map((b) => ({ email: b.email, reader: unitReader(b.orgUnitId) }));
      const leaders: Array<{ id: string; email: string; fullName: string; orgUnitId: string | null }> = await m.query(
        `SELECT id, email, full_name AS "fullName", org_unit_id AS "orgUnitId" FROM app_user WHERE role = 'leader' AND active ORDER BY email`,
      );
      return leaders.map((u) => ({ email: u.email, reader: { ...u, role: 'leader' } }));
    }
    case 'reporting-officers':
      return (await reportingOfficers(m, caseId)).map((u) => ({ email: u.email, reader: { ...u, role: 'officer' } }));
  }
}

/** Level 2 of the ladder: the province's HĐND standing committee and UBND leadership. */
async function escalationBodies(m: EntityManager): Promise<Array<{ email: string; orgUnitId: string }>> {
  return m.query(
    `SELECT unnest(COALESCE(NULLIF(head_emails, '{}'), emails)) AS email, id AS "orgUnitId" FROM org_unit
      WHERE active AND level = 'PROVINCE' AND kind IN ('PEOPLES_COUNCIL', 'PEOPLES_COMMITTEE')`,
  );
}

/** The visibility rule, asked for one reader and one case. */
async function maySee(m: EntityManager, caseId: string, reader: AuthUser): Promise<boolean> {
  const p = new Params();
  const id = p.add(caseId);
  const rows = await m.query(`SELECT 1 FROM cases c WHERE c.id = ${id} AND (${visibilityCondition(reader, p.add)})`, p.values);
  return rows.length > 0;
}
