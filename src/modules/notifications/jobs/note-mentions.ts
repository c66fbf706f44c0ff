import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../auth/auth.decorators.js';
import type { NoteMention } from '../../notes/entities/case-note.entity.js';
import { mayUseNotes } from '../../notes/notes.service.js';
import { unitReader } from '../../notes/notes-access.js';
import type { NotificationsService } from '../notifications.service.js';

/**
 * The notices of a note that names people or units: one per mention, to the user's address or the
 * unit's contact addresses (else its active agency users). Each addressee is checked again against
 * the notes rule, here at send-recording time: someone whose view of the case ended since the note
 * was written is not told. The note's text travels only for a PUBLIC case (redaction.ts withholds
 * `text` and the title otherwise), so the subject of a restricted or confidential case's notice
 * carries its code only.
 */
export async function noteMentionNotices(m: EntityManager, notifications: NotificationsService, noteId: string) {
  const [note]: Array<{
    id: string;
    caseId: string;
    body: string;
    mentions: NoteMention[];
    authorName: string;
    unitVi: string | null;
    unitEn: string | null;
    caseCode: string;
    caseTitle: string;
  }> = await m.query(
    `SELECT n.id, n.case_id AS "caseId", n.body, n.mentions, u.full_name AS "authorName", o.name_vi AS "unitVi", o.name_en AS "unitEn",
            c.code AS "caseCode", c.title AS "caseTitle"
       FROM case_note n JOIN app_user u ON u.id = n.author_id JOIN cases c ON c.id = n.case_id LEFT JOIN org_unit o ON o.id = n.author_unit_id
      WHERE n.id = $1`,
    [noteId],
  );
  if (!note) return { skipped: 'no such note' };
  let created = 0;
  for (const mention of note.mentions) {
    const to = await addresses(m, note.caseId, mention);
    if (!to.length) continue;
    const key = mention.kind === 'user' ? mention.userId : mention.unitId;
    const ids = await notifications.request(m, {
      dedupeKey: `note:${note.id}:${key}`,
      caseId: note.caseId,
      recipients: to,
      template: 'note-mention',
      vars: {
        caseCode: note.caseCode,
        caseTitle: note.caseTitle,
        authorName: note.authorName,
        authorUnitName: note.unitVi ? { vi: note.unitVi, en: note.unitEn ?? note.unitVi } : null,
        mentionedName: mention.kind === 'user' ? mention.fullName : await unitName(m, mention.unitId),
        text: note.body,
      },
    });
    created += ids.length;
  }
  return { notices: created };
}

async function addresses(m: EntityManager, caseId: string, mention: NoteMention): Promise<string[]> {
  if (mention.kind === 'user') {
    const [u]: AuthUser[] = await m.query(
      `SELECT id, email, full_name AS "fullName", role, org_unit_id AS "orgUnitId" FROM app_user WHERE id = $1 AND active`,
      [mention.userId],
    );
    return u && (await mayUseNotes(m, caseId, u)) ? [u.email] : [];
  }
  if (!(await mayUseNotes(m, caseId, unitReader(mention.unitId)))) return [];
  const [row] = await m.query(
    `SELECT COALESCE(NULLIF(o.emails, '{}'), ARRAY(SELECT u.email FROM app_user u WHERE u.org_unit_id = o.id AND u.role = 'agency' AND u.active ORDER BY u.email)) AS emails
       FROM org_unit o WHERE o.id = $1`,
    [mention.unitId],
  );
  return row?.emails ?? [];
}

async function unitName(m: EntityManager, unitId: string): Promise<{ vi: string; en: string } | string> {
  const [u] = await m.query(`SELECT name_vi AS vi, name_en AS en FROM org_unit WHERE id = $1`, [unitId]);
  return u ? { vi: u.vi, en: u.en } : '';
}
