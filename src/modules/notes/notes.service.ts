import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../infrastructure/http/cursor.js';
import { DomainError, type FieldError } from '../../infrastructure/http/domain-error.js';
import { UUID } from '../../infrastructure/http/validators.js';
import { enqueueAfterCommit } from '../../infrastructure/outbox/outbox.js';
import { jobId } from '../../infrastructure/queue/queue.registry.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import type { Role } from '../auth/roles.js';
import { Params } from '../cases/case-access.js';
import type { CreateNoteDto, MentionDto, NoteQueryDto } from './dto/notes.dto.js';
import type { NoteMention } from './entities/case-note.entity.js';
import { notesCondition, unitReader } from './notes-access.js';

type Name = { vi: string; en: string };

export interface NoteView {
  id: string;
  caseId: string;
  body: string;
  author: { id: string; fullName: string; role: Role };
  authorUnit: { code: string; name: Name } | null;
  mentions: Array<{ kind: 'user'; userId: string; fullName: string; email: string } | { kind: 'unit'; unitCode: string; name: Name | null }>;
  createdAt: Date;
}

const mentionError = (code: 'MENTION_UNKNOWN' | 'MENTION_NOT_ALLOWED', errors: FieldError[]) =>
  new DomainError(
    code,
    HttpStatus.UNPROCESSABLE_ENTITY,
    code === 'MENTION_UNKNOWN' ? 'A mentioned user or unit does not exist' : "A mentioned user or unit may not read this case's notes",
    errors,
  );

/**
 * The case's internal working notes (the only writer of `case_note`). Read and written by those
 * notesCondition names; everyone else gets 404 as for an unseen case. A note that names someone
 * writes, in its transaction, the outbox row of a `note-mentions` job: the notifications module
 * turns it into e-mail notices. Notes are not case events, so they never reach the timeline, the
 * metrics, the exports or the officer's view.
 */
@Injectable()
export class NotesService {
  constructor(private readonly db: DataSource) {}

  async list(caseId: string, q: NoteQueryDto, user: AuthUser): Promise<{ items: NoteView[]; nextCursor: string | null }> {
    await this.assertMayUseNotes(this.db.manager, caseId, user);
    const limit = q.limit ?? 20;
    const p = new Params();
    const where = [`n.case_id = ${p.add(caseId)}`];
    if (q.cursor) {
      const at = decodeCursor(q.cursor);
      where.push(`(n.created_at, n.id) < (${p.add(at.createdAt)}::timestamptz, ${p.add(at.id)}::uuid)`);
    }
    const rows: Array<NoteRow> = await this.db.query(
      `${NOTE_SELECT} WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    const page = rows.slice(0, limit);
    const names = await this.unitNames(page.flatMap((r) => r.mentions.filter((x) => x.kind === 'unit').map((x) => x.unitId)));
    const last = page.at(-1);
    return { items: page.map((r) => view(r, names)), nextCursor: rows.length > limit && last ? encodeCursor(last.cursorAt, last.id) : null };
  }

  async create(caseId: string, dto: CreateNoteDto, user: AuthUser): Promise<NoteView> {
    const wanted = checkShapes(dto.mentions ?? []);
    const id = await this.db.transaction(async (m) => {
      await this.assertMayUseNotes(m, caseId, user);
      const mentions = await this.resolveMentions(m, caseId, wanted);
      const [row] = await m.query(`INSERT INTO case_note (case_id, author_id, author_unit_id, body, mentions) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
        caseId,
        user.id,
        user.orgUnitId,
        dto.body,
        JSON.stringify(mentions),
      ]);
      // After commit, and at least once: the job's consumer marks its outbox row done with the notices it wrote.
      if (mentions.length) await enqueueAfterCommit(m, 'note-mentions', { noteId: row.id }, jobId('note-mentions', row.id));
      return row.id as string;
    });
    const [row]: NoteRow[] = await this.db.query(`${NOTE_SELECT} WHERE n.id = $1`, [id]);
    return view(row, await this.unitNames(row.mentions.filter((x) => x.kind === 'unit').map((x) => x.unitId)));
  }

  /**
   * Whom a note on this case may name (the mention picker): the active users and the units that may
   * read its notes — the standing body's staff and leaders the visibility rule lets see the case, the
   * assigned units and their agency users. The candidates are few (one province's staff).
   */
  async mentionable(caseId: string, user: AuthUser) {
    await this.assertMayUseNotes(this.db.manager, caseId, user);
    const units: Array<{ id: string; code: string; nameVi: string; nameEn: string }> = await this.db.query(
      `SELECT DISTINCT o.id, o.code, o.name_vi AS "nameVi", o.name_en AS "nameEn" FROM assignment a JOIN org_unit o ON o.id = a.org_unit_id
        WHERE a.case_id = $1 AND o.active ORDER BY o.code`,
      [caseId],
    );
    const readableUnits = [];
    for (const u of units) if (await mayUseNotes(this.db.manager, caseId, unitReader(u.id))) readableUnits.push(u);
    const candidates: Array<AuthUser & { unitCode: string | null }> = await this.db.query(
      `SELECT u.id, u.email, u.full_name AS "fullName", u.role, u.org_unit_id AS "orgUnitId", o.code AS "unitCode"
         FROM app_user u LEFT JOIN org_unit o ON o.id = u.org_unit_id
        WHERE u.active AND (u.role IN ('triager', 'leader') OR (u.role = 'agency' AND u.org_unit_id = ANY($1::uuid[])))
        ORDER BY u.role DESC, u.full_name, u.email`,
      [readableUnits.map((u) => u.id)],
    );
    const users = [];
    for (const c of candidates) if (await mayUseNotes(this.db.manager, caseId, c)) users.push(c);
    return {
      users: users.map((u) => ({ id: u.id, email: u.email, fullName: u.fullName, role: u.role, unitCode: u.unitCode })),
      units: readableUnits.map((u) => ({ code: u.code, nameVi: u.nameVi, nameEn: u.nameEn })),
    };
  }

  /** 404 unless the caller may read this case's notes (unknown, unseen and "not for your role" look the same). */
  private async assertMayUseNotes(m: EntityManager, caseId: string, user: AuthUser): Promise<void> {
    if (!UUID.test(caseId) || !(await mayUseNotes(m, caseId, user))) throw DomainError.notFound('Case', caseId);
  }

  /** Each mention to a user or unit that exists and may read the case's notes; 422 naming the field otherwise. */
  private async resolveMentions(m: EntityManager, caseId: string, wanted: Array<{ field: string; mention: MentionDto }>): Promise<NoteMention[]> {
    const unknown: FieldError[] = [];
    const refused: FieldError[] = [];
    const out = new Map<string, NoteMention>();
    for (const { field, mention } of wanted) {
      if (mention.unitCode) {
        const [u] = await m.query(`SELECT id, code FROM org_unit WHERE code = $1 AND active`, [mention.unitCode]);
        if (!u) unknown.push({ field, message: `no active unit ${mention.unitCode}` });
        else if (!(await mayUseNotes(m, caseId, unitReader(u.id)))) refused.push({ field, message: `unit ${u.code} is not assigned to this case` });
        else out.set(`unit:${u.id}`, { kind: 'unit', unitId: u.id, unitCode: u.code });
        continue;
      }
      const [u]: Array<AuthUser> = await m.query(
        `SELECT id, email, full_name AS "fullName", role, org_unit_id AS "orgUnitId" FROM app_user WHERE ${mention.userId ? 'id = $1' : 'lower(email) = lower($1)'} AND active`,
        [mention.userId ?? mention.email],
      );
      if (!u) unknown.push({ field, message: `no active user ${mention.userId ?? mention.email}` });
      else if (!(await mayUseNotes(m, caseId, u)))
        // Repeat only what was sent: a user id must not turn into that user's e-mail.
        refused.push({ field, message: `user ${mention.userId ?? mention.email} may not read this case's notes` });
      else out.set(`user:${u.id}`, { kind: 'user', userId: u.id, email: u.email, fullName: u.fullName });
    }
    if (unknown.length) throw mentionError('MENTION_UNKNOWN', unknown);
    if (refused.length) throw mentionError('MENTION_NOT_ALLOWED', refused);
    return [...out.values()];
  }

  private async unitNames(ids: string[]): Promise<Map<string, Name>> {
    if (!ids.length) return new Map();
    const rows: Array<{ id: string; vi: string; en: string }> = await this.db.query(
      `SELECT id, name_vi AS vi, name_en AS en FROM org_unit WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, { vi: r.vi, en: r.en }]));
  }
}

/** Whether `reader` may read the case's notes (the notes rule inside SQL, for one case). */
export async function mayUseNotes(m: Pick<EntityManager, 'query'>, caseId: string, reader: AuthUser): Promise<boolean> {
  const p = new Params();
  const id = p.add(caseId);
  const condition = notesCondition(reader, p.add);
  if (!condition) return false;
  return (await m.query(`SELECT 1 FROM cases c WHERE c.id = ${id} AND (${condition})`, p.values)).length > 0;
}

/** Each mention names exactly one user or unit. */
function checkShapes(mentions: MentionDto[]): Array<{ field: string; mention: MentionDto }> {
  const errors: FieldError[] = [];
  const out = mentions.map((mention, i) => {
    const given = [mention?.userId, mention?.email, mention?.unitCode].filter((v) => v !== undefined).length;
    if (given !== 1) errors.push({ field: `mentions[${i}]`, message: 'must name exactly one of userId, email, unitCode' });
    return { field: `mentions[${i}]`, mention };
  });
  if (errors.length) throw DomainError.validation(errors);
  return out;
}

interface NoteRow {
  id: string;
  caseId: string;
  body: string;
  mentions: NoteMention[];
  createdAt: Date;
  cursorAt: string;
  authorId: string;
  authorName: string;
  authorRole: Role;
  unitCode: string | null;
  unitVi: string | null;
  unitEn: string | null;
}

const NOTE_SELECT = `SELECT n.id, n.case_id AS "caseId", n.body, n.mentions, n.created_at AS "createdAt", n.created_at::text AS "cursorAt",
                            u.id AS "authorId", u.full_name AS "authorName", u.role AS "authorRole",
                            o.code AS "unitCode", o.name_vi AS "unitVi", o.name_en AS "unitEn"
                       FROM case_note n JOIN app_user u ON u.id = n.author_id LEFT JOIN org_unit o ON o.id = n.author_unit_id`;

function view(r: NoteRow, unitNames: Map<string, Name>): NoteView {
  return {
    id: r.id,
    caseId: r.caseId,
    body: r.body,
    author: { id: r.authorId, fullName: r.authorName, role: r.authorRole },
    authorUnit: r.unitCode ? { code: r.unitCode, name: { vi: r.unitVi ?? '', en: r.unitEn ?? '' } } : null,
    mentions: r.mentions.map((x) =>
      x.kind === 'unit'
        ? { kind: 'unit' as const, unitCode: x.unitCode, name: unitNames.get(x.unitId) ?? null }
        : { kind: 'user' as const, userId: x.userId, fullName: x.fullName, email: x.email },
    ),
    createdAt: r.createdAt,
  };
}
