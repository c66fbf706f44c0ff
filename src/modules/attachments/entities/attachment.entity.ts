import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity.js';
import { Assignment } from '../../cases/entities/assignment.entity.js';
import { CaseEvent } from '../../cases/entities/case-event.entity.js';
import { Case } from '../../cases/entities/case.entity.js';
import { OrgUnit } from '../../organisation/entities/org-unit.entity.js';
import { inList } from '../../organisation/organisation.types.js';
import { type MediaType, MEDIA_TYPES, type Purpose, PURPOSES, type TextState, TEXT_STATES } from '../attachment.types.js';

/**
 * A file attached to a case: by the officer with their concern, by the standing body, by an
 * agency with its progress or its signed answer, by a leader with a directive. The bytes are in the
 * object storage (`storage_key`); the row says what they are (type from their content, SHA-256),
 * who brought them, and which timeline event used them. Written only by the attachments module.
 */
@Entity('attachment')
@Check('ck_attachment_purpose', inList('purpose', PURPOSES))
@Check('ck_attachment_media_type', inList('media_type', Object.keys(MEDIA_TYPES)))
@Check('ck_attachment_text_state', inList('text_state', TEXT_STATES))
@Check('ck_attachment_size', '"size_bytes" > 0')
// A case's attachments, in order (the case page, the limits per case, the merge).
@Index('ix_attachment_case', ['caseId', 'createdAt'])
// An upload of bytes already stored reuses the stored object.
@Index('ix_attachment_sha256', ['sha256'])
// The worker's sweep for text still to extract.
@Index('ix_attachment_text_pending', ['createdAt'], { where: `"text_state" = 'PENDING'` })
// Trigram index on the folded extracted text, for the case search; created by hand in the migration.
@Index('ix_attachment_text_trgm', { synchronize: false })
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_attachment_case' })
  case?: Case;

  /** The concern it came with at intake (no foreign key: concerns belong to intake, which this module does not know). */
  @Column({ type: 'uuid', nullable: true })
  concernId: string | null;

  /** The agency's assignment it belongs to (an answer, a progress report). */
  @Column({ type: 'uuid', nullable: true })
  assignmentId: string | null;

  @ManyToOne(() => Assignment, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'fk_attachment_assignment' })
  assignment?: Assignment | null;

  @Column({ type: 'varchar', length: 16 })
  purpose: Purpose;

  /** The timeline event (progress, resolution, decision, directive) that used it; null until then. */
  @Column({ type: 'bigint', nullable: true })
  eventId: string | null;

  @ManyToOne(() => CaseEvent, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_attachment_event' })
  event?: CaseEvent | null;

  /** The client's name, sanitised (no path, NFC, at most 200 characters), with the extension of the sniffed type. */
  @Column({ type: 'varchar', length: 200 })
  filename: string;

  /** From the content, never from the client. */
  @Column({ type: 'varchar', length: 100 })
  mediaType: MediaType;

  @Column({ type: 'integer' })
  sizeBytes: number;

  /** Hex SHA-256 of the bytes: the download's ETag, and how a second upload of the same file finds the stored object. */
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  @Column({ type: 'uuid' })
  uploadedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'fk_attachment_uploaded_by' })
  uploader?: User;

  @Column({ type: 'uuid', nullable: true })
  uploadedByUnit: string | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by_unit', foreignKeyConstraintName: 'fk_attachment_uploaded_by_unit' })
  uploaderUnit?: OrgUnit | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Text extracted by the worker (PDF text layer, DOCX), bounded; and the same folded for search. */
  @Column({ type: 'text', nullable: true })
  textContent: string | null;

  @Column({ type: 'text', nullable: true })
  textFolded: string | null;

  @Column({ type: 'varchar', length: 8, default: 'NONE' })
  textState: TextState;
}
