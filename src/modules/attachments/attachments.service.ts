import { HttpStatus, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { AccessLogService } from '../audit/access-log.service.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { Params, UUID, visibilityCondition } from '../cases/case-access.js';
import { CaseAttachmentsPort, type CaseAttachmentSummary } from '../cases/case-attachments.port.js';
import { ANSWER_DOCUMENT_TYPES, type MediaType, PURPOSE_LABELS, type Purpose } from './attachment.types.js';
import { attachmentReadable, attachmentVisible } from './attachment-access.js';
import { OBJECT_STORAGE, type ObjectStorage, StorageObjectMissing } from './storage/object-storage.js';

interface AttachmentRow {
  id: string;
  caseId: string;
  caseCode: string;
  concernId: string | null;
  assignmentId: string | null;
  purpose: Purpose;
  eventId: string | null;
  filename: string;
  mediaType: MediaType;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
  uploaderName: string | null;
  uploaderUnitCode: string | null;
  createdAt: Date;
  textState: string;
}

const COLUMNS = `t.id, t.case_id AS "caseId", c.code AS "caseCode", t.concern_id AS "concernId", t.assignment_id AS "assignmentId", t.purpose,
  t.event_id::text AS "eventId", t.filename, t.media_type AS "mediaType", t.size_bytes AS "sizeBytes", t.sha256, t.storage_key AS "storageKey",
  t.uploaded_by AS "uploadedBy", u.full_name AS "uploaderName", o.code AS "uploaderUnitCode", t.created_at AS "createdAt", t.text_state AS "textState"`;
const JOINS = `FROM attachment t JOIN cases c ON c.id = t.case_id LEFT JOIN app_user u ON u.id = t.uploaded_by LEFT JOIN org_unit o ON o.id = t.uploaded_by_unit`;

/** Matches in this many attachments make a word common (see AttachmentsService.textMatch). */
const COMMON_WORD = 1_000;

/** Who may use an attachment in an action: the one who uploaded it, or anyone of the unit that did. */
export function usableBy(user: AuthUser, param: (value: unknown) => string): string {
  return user.orgUnitId ? `(t.uploaded_by = ${param(user.id)} OR t.uploaded_by_unit = ${param(user.orgUnitId)})` : `t.uploaded_by = ${param(user.id)}`;
}

export function notUsable(field: string, detail: string) {
  return new DomainError('ATTACHMENT_NOT_USABLE', HttpStatus.UNPROCESSABLE_ENTITY, detail, [{ field, message: detail }]);
}

/**
 * Reads of attachments (lists, metadata, downloads) under the need-to-know rule, and the checks
 * other modules ask before an action uses one. Also the case reads' reader (CaseAttachmentsPort).
 */
@Injectable()
export class AttachmentsService implements OnModuleInit {
  private readonly logger = new Logger(AttachmentsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly accessLog: AccessLogService,
    private readonly port: CaseAttachmentsPort,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  onModuleInit() {
    this.port.reader = {
      summariesOf: (caseId, user) => this.summariesOf(caseId, user),
      textMatch: (user, pattern, like, param) => this.textMatch(user, pattern, like, param),
    };
  }

  /**
   * The case search's condition for one word in attachments, shaped by how common the word is
   * (asked of the trigram index first, reading at most COMMON_WORD matches). A rare word becomes
   * the list of its cases' ids, which PostgreSQL ORs with the cases' own trigram index. A common one
   * is checked per case as the list walks its page (`OFFSET 0` keeps PostgreSQL from hashing every
   * attachment that holds it, which took seconds). Figures: `npm run bench:attachments`.
   */
  private async textMatch(user: AuthUser, pattern: string, like: string, param: (value: unknown) => string): Promise<string> {
    const p = new Params();
    // All the matches when there are fewer than COMMON_WORD (several may be of one case).
    const [{ n, caseIds }]: Array<{ n: number; caseIds: string[] }> = await this.db.query(
      `SELECT count(*)::int AS n, coalesce(array_agg(DISTINCT x.case_id), '{}') AS "caseIds" FROM (SELECT t.case_id FROM attachment t
          WHERE t.text_folded LIKE ${p.add(pattern)} AND ${attachmentReadable(user, p.add)} LIMIT ${COMMON_WORD}) x`,
      p.values,
    );
    if (n < COMMON_WORD) return `c.id = ANY(${param(caseIds)}::uuid[])`;
    return `EXISTS (SELECT 1 FROM attachment t WHERE t.case_id = c.id AND t.text_folded LIKE ${like} AND ${attachmentReadable(user, param)} OFFSET 0)`;
  }

  /** The attachments of a case: 404 when the case is unknown or hidden from the caller. */
  async list(caseId: string, user: AuthUser) {
    if (!UUID.test(caseId)) throw DomainError.notFound('Case', caseId);
    const p = new Params();
    const [visible] = await this.db.query(`SELECT 1 FROM cases c WHERE c.id = ${p.add(caseId)} AND ${visibilityCondition(user, p.add)}`, p.values);
    if (!visible) throw DomainError.notFound('Case', caseId);
    const rows = await this.rows(`t.case_id = $1`, [caseId], user);
    return { items: rows.map(present) };
  }

  private async summariesOf(caseId: string, user: AuthUser): Promise<CaseAttachmentSummary[]> {
    const rows = await this.rows(`t.case_id = $1`, [caseId], user, false);
    return rows.map((r) => ({
      id: r.id,
      filename: r.filename,
      purpose: r.purpose,
      purposeLabel: PURPOSE_LABELS[r.purpose],
      sizeBytes: r.sizeBytes,
      mediaType: r.mediaType,
      uploadedAt: r.createdAt.toISOString(),
      uploaderUnitCode: r.uploaderUnitCode,
      eventId: r.eventId,
    }));
  }

  /** Rows matching `where` ($1…) that the caller may read; `withCase` false when the caller's view of the case is already checked. */
  private async rows(where: string, values: unknown[], user: AuthUser, withCase = true): Promise<AttachmentRow[]> {
    const p = new Params();
    values.forEach((v) => p.add(v));
    const rule = withCase ? attachmentVisible(user, p.add) : attachmentReadable(user, p.add);
    return this.db.query(`SELECT ${COLUMNS} ${JOINS} WHERE ${where} AND ${rule} ORDER BY t.created_at, t.id`, p.values);
  }

  /** One attachment's metadata; 404 when unknown, or when its case (or the attachment) is hidden from the caller. */
  async get(id: string, user: AuthUser) {
    return present(await this.find(id, user));
  }

  private async find(id: string, user: AuthUser): Promise<AttachmentRow> {
    if (!UUID.test(id)) throw DomainError.notFound('Attachment', id);
    const [row] = await this.rows(`t.id = $1`, [id], user);
    if (!row) throw DomainError.notFound('Attachment', id);
    return row;
  }

  /**
   * The file, streamed from storage, for a caller who may read it. Every download is written to
   * the access log (ATTACHMENT_READ; a petition is reporters' personal data: REPORTER_READ too).
   */
  async open(id: string, user: AuthUser, requestId?: string): Promise<{ attachment: ReturnType<typeof present>; body: Readable }> {
    const row = await this.find(id, user);
    let body: Readable;
    try {
      body = await this.storage.get(row.storageKey);
    } catch (e) {
      if (e instanceof StorageObjectMissing) {
        this.logger.error({ attachmentId: row.id, key: row.storageKey }, 'stored object missing');
        throw new DomainError('ATTACHMENT_CONTENT_MISSING', HttpStatus.INTERNAL_SERVER_ERROR, 'The stored file is missing; the administrator has been told');
      }
      this.logger.warn({ err: e, attachmentId: row.id }, 'storage unavailable');
      throw new DomainError('SERVICE_UNAVAILABLE', HttpStatus.SERVICE_UNAVAILABLE, 'The file storage is unavailable; try again shortly', undefined, {
        retryAfterSeconds: 5,
      });
    }
    const entry = { userId: user.id, role: user.role, caseId: row.caseId, requestId };
    try {
      await this.accessLog.record([
        { ...entry, action: 'ATTACHMENT_READ' },
        ...(row.purpose === 'PETITION' ? [{ ...entry, action: 'REPORTER_READ' as const }] : []),
      ]);
    } catch (e) {
      body.destroy();
      throw e;
    }
    return { attachment: present(row), body };
  }

  /**
   * The signed answer document of a resolution: an ANSWER_DOCUMENT of this case, uploaded by the
   * caller's unit, a letter's type (not a spreadsheet), not used by another action yet. Runs in the
   * resolution's transaction; the link itself is written when its event is appended.
   */
  async assertAnswerDocument(m: EntityManager, caseId: string, attachmentId: string, user: AuthUser): Promise<void> {
    const field = 'documentRef.attachmentId';
    const p = new Params();
    const [row] = await m.query(
      `SELECT t.purpose, t.media_type AS "mediaType", t.event_id AS "eventId", ${usableBy(user, p.add)} AS mine
         FROM attachment t WHERE t.id = ${p.add(attachmentId)} AND t.case_id = ${p.add(caseId)}`,
      p.values,
    );
    if (!row || !row.mine) throw notUsable(field, 'is not an attachment of this case uploaded by your unit');
    if (row.purpose !== 'ANSWER_DOCUMENT') throw notUsable(field, 'must be an attachment with purpose ANSWER_DOCUMENT');
    if (!ANSWER_DOCUMENT_TYPES.includes(row.mediaType)) throw notUsable(field, 'must be a PDF, DOCX, ODT, JPG or PNG document');
    if (row.eventId) throw notUsable(field, 'is already used by another action');
  }
}

function present(r: AttachmentRow) {
  return {
    id: r.id,
    caseId: r.caseId,
    caseCode: r.caseCode,
    concernId: r.concernId,
    assignmentId: r.assignmentId,
    purpose: r.purpose,
    purposeLabel: PURPOSE_LABELS[r.purpose],
    eventId: r.eventId,
    filename: r.filename,
    mediaType: r.mediaType,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    uploadedBy: { id: r.uploadedBy, name: r.uploaderName, unitCode: r.uploaderUnitCode },
    uploadedAt: r.createdAt,
    textState: r.textState,
  };
}
