import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../../config/index.js';
import { InjectConfig } from '../../infrastructure/config/config.module.js';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { badText } from '../../infrastructure/http/input-guard.js';
import { createValidationPipe } from '../../infrastructure/http/validation.js';
import { enqueueAfterCommit } from '../../infrastructure/outbox/outbox.js';
import { JOBS, jobId } from '../../infrastructure/queue/queue.registry.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { Params, UUID, visibilityCondition } from '../cases/case-access.js';
import { FINAL_STATUSES } from '../cases/case-state-machine.js';
import { CaseTransitions } from '../cases/case-transitions.service.js';
import type { CaseStatus } from '../cases/case.types.js';
import { OPEN_ASSIGNMENT_STATUSES } from '../cases/entities/assignment.entity.js';
import { AttachmentRepository } from './attachment.repository.js';
import { type Purpose, TEXT_TYPES, UPLOAD_PURPOSES } from './attachment.types.js';
import { AttachmentsService } from './attachments.service.js';
import { UploadFieldsDto } from './dto/upload.dto.js';
import { safeFilename, sniffMediaType } from './file-check.js';
import { fileTooLarge, stageUpload, type StagedFile } from './staging.js';
import { INCOMING_DIR } from './storage/disk-storage.js';
import { OBJECT_STORAGE, type ObjectStorage } from './storage/object-storage.js';

/** Room for the multipart envelope (boundaries, part headers, the short fields) around the file. */
const ENVELOPE_BYTES = 64 * 1024;
/** What is read and thrown away of a refused upload before the connection is closed instead. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

const FIELD_NAMES = new Set(['purpose', 'assignmentId']);

export interface UploadMeta {
  caseId: string;
  concernId: string | null;
  purpose: Purpose;
  assignmentId?: string;
  /** The client's name for the file (sanitised here). */
  filename?: string;
}

/**
 * Takes a file in: streamed to a scratch file while hashed and counted (never whole in memory),
 * typed by its content, named safely, put in the object storage, then recorded in one transaction
 * under the case's lock (who may, on which case, within the case's bounds) with its audit entry and
 * the text-extraction job (outbox). Any refusal leaves nothing behind: no row, no object, no scratch file.
 */
@Injectable()
export class AttachmentUploads {
  private readonly logger = new Logger(AttachmentUploads.name);
  private readonly fields = createValidationPipe();

  constructor(
    private readonly db: DataSource,
    private readonly transitions: CaseTransitions,
    private readonly repository: AttachmentRepository,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
    @InjectConfig() private readonly config: AppConfig,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  private get stagingDir() {
    return join(resolve(this.config.storage.dir), INCOMING_DIR);
  }

  /** The HTTP upload: `POST /cases/:id/attachments`, or `/concerns/:id/attachments` (then `concernId`). */
  async fromRequest(request: FastifyRequest, target: { caseId: string } | { concernId: string }, user: AuthUser) {
    let staged: StagedFile | null = null;
    try {
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > this.config.attachments.maxBytes + ENVELOPE_BYTES) throw fileTooLarge(this.config.attachments.maxBytes);
      // Before reading the body: a case the caller cannot see, or may not add to, costs no upload.
      const where = 'caseId' in target ? await this.caseTarget(target.caseId, user) : await this.concernTarget(target.concernId, user);
      const values: Record<string, string> = {};
      let filename: string | undefined;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') throw DomainError.validation([{ field: part.fieldname, message: 'unknown field (the file part is named file)' }]);
          staged = await stageUpload(part.file, this.stagingDir, this.config.attachments.maxBytes);
          filename = part.filename;
        } else {
          const why = typeof part.value === 'string' ? badText(part.value) : 'must be text';
          if (!FIELD_NAMES.has(part.fieldname)) throw DomainError.validation([{ field: part.fieldname, message: 'unknown field' }]);
          if (why) throw DomainError.validation([{ field: part.fieldname, message: why }]);
          if (part.fieldname in values) throw DomainError.validation([{ field: part.fieldname, message: 'is given twice' }]);
          values[part.fieldname] = part.value as string;
        }
      }
      if (!staged) throw DomainError.validation([{ field: 'file', message: 'is required (one file part named file)' }]);
      if (where.concernId && values.purpose === undefined) values.purpose = 'PETITION';
      const dto: UploadFieldsDto = await this.fields.transform(values, { type: 'body', metatype: UploadFieldsDto });
      const id = await this.commit(staged, { ...where, purpose: dto.purpose, assignmentId: dto.assignmentId, filename }, user);
      return this.attachments.get(id, user);
    } catch (e) {
      drain(request);
      throw multipartError(e, this.config.attachments.maxBytes);
    } finally {
      await staged?.remove();
    }
  }

  /** For the composition root's seed and other in-process callers: the same checks and writes as an upload. */
  async store(source: Readable, meta: UploadMeta, user: AuthUser): Promise<string> {
    await this.caseTarget(meta.caseId, user);
    const staged = await stageUpload(source, this.stagingDir, this.config.attachments.maxBytes);
    try {
      return await this.commit(staged, meta, user);
    } finally {
      await staged.remove();
    }
  }

  private async caseTarget(caseId: string, user: AuthUser): Promise<{ caseId: string; concernId: null }> {
    if (!UUID.test(caseId)) throw DomainError.notFound('Case', caseId);
    const p = new Params();
    const [row] = await this.db.query(`SELECT c.status FROM cases c WHERE c.id = ${p.add(caseId)} AND ${visibilityCondition(user, p.add)}`, p.values);
    if (!row) throw DomainError.notFound('Case', caseId);
    assertOpen(row.status);
    return { caseId, concernId: null };
  }

  /** An officer adds to a concern they logged (a triager to any concern of a case they see). */
  private async concernTarget(concernId: string, user: AuthUser): Promise<{ caseId: string; concernId: string }> {
    const [concern] = await this.db.query(`SELECT case_id AS "caseId", created_by_id AS "createdById" FROM concern WHERE id = $1`, [concernId]);
    if (!concern || (user.role === 'officer' && concern.createdById !== user.id)) throw DomainError.notFound('Concern', concernId);
    await this.caseTarget(concern.caseId, user).catch((e) => {
      throw e instanceof DomainError && e.code === 'NOT_FOUND' ? DomainError.notFound('Concern', concernId) : e;
    });
    return { caseId: concern.caseId, concernId };
  }

  private async commit(staged: StagedFile, meta: UploadMeta, user: AuthUser): Promise<string> {
    if (!UPLOAD_PURPOSES[user.role].includes(meta.purpose)) {
      throw new DomainError('PURPOSE_NOT_ALLOWED', HttpStatus.FORBIDDEN, `A ${user.role} may not attach a ${meta.purpose} file`, [
        { field: 'purpose', message: `must be one of ${UPLOAD_PURPOSES[user.role].join(', ') || '(none)'} for your role` },
      ]);
    }
    const mediaType = await sniffMediaType(staged.head, staged.path);
    const filename = safeFilename(meta.filename, mediaType);
    const id = randomUUID();
    // The same bytes already stored (another case's copy, a second upload): their object serves both rows.
    let key = await this.storedCopy(staged);
    const fresh = !key;
    if (!key) {
      key = `${id.slice(0, 2)}/${id}`;
      await this.storage.put(key, createReadStream(staged.path));
    }
    try {
      await this.transitions.inTransaction(async (m) => {
        const kase = await this.transitions.lock(m, meta.caseId, user);
        assertOpen(kase.status);
        const assignmentId = await this.assignmentOf(m, kase.id, meta.assignmentId, user);
        await this.assertRoom(m, kase.id, staged.size);
        const textState = TEXT_TYPES.includes(mediaType) ? 'PENDING' : 'NONE';
        await this.repository.insert(m, {
          id,
          caseId: kase.id,
          concernId: meta.concernId,
          assignmentId,
          purpose: meta.purpose,
          filename,
          mediaType,
          sizeBytes: staged.size,
          sha256: staged.sha256,
          storageKey: key,
          uploadedBy: user.id,
          uploadedByUnit: user.orgUnitId,
          textState,
        });
        await this.audit.record(m, {
          actorId: user.id,
          action: 'ATTACHMENT_UPLOADED',
          entityType: 'attachment',
          entityId: id,
          after: { caseId: kase.id, caseCode: kase.code, purpose: meta.purpose, filename, mediaType, sizeBytes: staged.size, sha256: staged.sha256 },
        });
        if (textState === 'PENDING') await enqueueAfterCommit(m, JOBS.attachmentText.name, { attachmentId: id }, jobId(JOBS.attachmentText.name, id));
      });
    } catch (e) {
      if (fresh) await this.storage.delete(key).catch((err) => this.logger.warn({ err, key }, 'could not remove the object of a refused upload'));
      throw e;
    }
    return id;
  }

  private async storedCopy(staged: StagedFile): Promise<string | null> {
    const [row] = await this.db.query(`SELECT storage_key AS key FROM attachment WHERE sha256 = $1 AND size_bytes = $2 ORDER BY created_at LIMIT 1`, [
      staged.sha256,
      staged.size,
    ]);
    return row && (await this.storage.exists(row.key)) ? row.key : null;
  }

  /**
   * The assignment a file belongs to. An agency's must be its unit's open work on the case (the
   * one named, or its latest); others may name any assignment of the case.
   */
  private async assignmentOf(m: EntityManager, caseId: string, named: string | undefined, user: AuthUser): Promise<string | null> {
    if (user.role !== 'agency') {
      if (!named) return null;
      const [row] = await m.query(`SELECT id FROM assignment WHERE id = $1 AND case_id = $2`, [named, caseId]);
      if (!row) throw DomainError.validation([{ field: 'assignmentId', message: 'is not an assignment of this case' }]);
      return row.id;
    }
    const rows: Array<{ id: string; status: string }> = await m.query(
      `SELECT id, status FROM assignment WHERE case_id = $1 AND org_unit_id = $2 ORDER BY created_at DESC, id`,
      [caseId, user.orgUnitId],
    );
    const open = (r: { status: string }) => (OPEN_ASSIGNMENT_STATUSES as readonly string[]).includes(r.status);
    const row = named ? rows.find((r) => r.id === named) : rows.find(open);
    if (named && !row) throw DomainError.notFound('Assignment', named);
    if (!row || !open(row)) {
      throw DomainError.conflict('ASSIGNMENT_NOT_OPEN', 'Your unit has no open work on this case to attach a file to', {
        assignmentStatus: row?.status ?? null,
      });
    }
    return row.id;
  }

  private async assertRoom(m: EntityManager, caseId: string, size: number) {
    const [{ n, bytes }] = await m.query(`SELECT count(*)::int AS n, coalesce(sum(size_bytes), 0)::bigint AS bytes FROM attachment WHERE case_id = $1`, [
      caseId,
    ]);
    const { maxPerCase, maxCaseBytes } = this.config.attachments;
    if (n >= maxPerCase) throw DomainError.conflict('TOO_MANY_ATTACHMENTS', `A case holds at most ${maxPerCase} attachments`, { maxPerCase });
    if (Number(bytes) + size > maxCaseBytes) {
      throw new DomainError('CASE_ATTACHMENTS_TOO_LARGE', HttpStatus.PAYLOAD_TOO_LARGE, `A case's attachments total at most ${maxCaseBytes} bytes`, undefined, {
        maxCaseBytes,
      });
    }
  }
}

function assertOpen(status: CaseStatus) {
  if (FINAL_STATUSES.includes(status)) {
    throw DomainError.conflict('CASE_NOT_OPEN', `The case is ${status}: it takes no more attachments`, { currentStatus: status });
  }
}

/** Busboy's and @fastify/multipart's errors as the API's problems. */
function multipartError(e: unknown, maxBytes: number): unknown {
  if (e instanceof DomainError) return e;
  const code = (e as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge(maxBytes);
  if (code === 'FST_FILES_LIMIT') return DomainError.validation([{ field: 'file', message: 'only one file per request' }]);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return DomainError.validation([{ field: 'body', message: 'has too many parts' }]);
  if (code === 'FST_PROTO_VIOLATION') return DomainError.validation([{ field: 'body', message: 'has a forbidden field name' }]);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return DomainError.validation([{ field: 'content-type', message: 'must be multipart/form-data' }]);
  // Busboy: a malformed or truncated form (no boundary, a part cut short, a bad header).
  if (e instanceof Error && (code?.startsWith('FST_') || /multipart|boundary|part|form|header|Unexpected end/i.test(e.message))) {
    return DomainError.validation([{ field: 'body', message: `is not a well-formed multipart form (${e.message})` }]);
  }
  return e;
}

/**
 * A refused upload may still be arriving: read and drop the rest so that the client finishes
 * sending and reads the answer (a socket closed under it loses the answer); past
 * DRAIN_LIMIT_BYTES the connection is closed instead.
 */
function drain(request: FastifyRequest) {
  const raw = request.raw;
  if (raw.complete || raw.destroyed) return;
  let n = 0;
  raw.on('data', (chunk: Buffer) => {
    n += chunk.length;
    if (n > DRAIN_LIMIT_BYTES) raw.destroy();
  });
  raw.resume();
}
