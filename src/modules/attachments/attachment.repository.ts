import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MediaType, Purpose, TextState } from './attachment.types.js';

export interface NewAttachment {
  id: string;
  caseId: string;
  concernId: string | null;
  assignmentId: string | null;
  purpose: Purpose;
  filename: string;
  mediaType: MediaType;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
  uploadedByUnit: string | null;
  textState: TextState;
}

/** The only writer of `attachment` (table-owners.spec.ts): every write runs in the caller's transaction. */
@Injectable()
export class AttachmentRepository {
  async insert(m: EntityManager, a: NewAttachment): Promise<{ createdAt: Date }> {
    const [row] = await m.query(
      `INSERT INTO attachment (id, case_id, concern_id, assignment_id, purpose, filename, media_type, size_bytes, sha256, storage_key,
                               uploaded_by, uploaded_by_unit, text_state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING created_at AS "createdAt"`,
      [
        a.id,
        a.caseId,
        a.concernId,
        a.assignmentId,
        a.purpose,
        a.filename,
        a.mediaType,
        a.sizeBytes,
        a.sha256,
        a.storageKey,
        a.uploadedBy,
        a.uploadedByUnit,
        a.textState,
      ],
    );
    return row;
  }

  /** Marks attachments as used by a timeline event; returns the ids that were still free. */
  async link(m: EntityManager, caseId: string, ids: string[], eventId: string): Promise<string[]> {
    const [rows]: [Array<{ id: string }>, number] = await m.query(
      `UPDATE attachment SET event_id = $3 WHERE case_id = $1 AND id = ANY($2::uuid[]) AND event_id IS NULL RETURNING id`,
      [caseId, ids, eventId],
    );
    return rows.map((r) => r.id);
  }

  /** A merge: the merged case's attachments now belong to the survivor (and its need-to-know). */
  async moveToCase(m: EntityManager, fromCaseId: string, toCaseId: string): Promise<number> {
    const [, n]: [unknown, number] = await m.query(`UPDATE attachment SET case_id = $2 WHERE case_id = $1`, [fromCaseId, toCaseId]);
    return n;
  }

  /** The worker's extraction result; only a row still waiting for it changes (a duplicate job does nothing). */
  async setText(m: EntityManager, id: string, state: Exclude<TextState, 'PENDING'>, text: string | null, folded: string | null): Promise<boolean> {
    const [, n]: [unknown, number] = await m.query(
      `UPDATE attachment SET text_state = $2, text_content = $3, text_folded = $4 WHERE id = $1 AND text_state = 'PENDING'`,
      [id, state, text, folded],
    );
    return n > 0;
  }
}
