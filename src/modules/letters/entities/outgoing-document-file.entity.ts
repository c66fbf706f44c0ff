import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { inList } from '../../organisation/organisation.types.js';
import { OutgoingDocument } from './outgoing-document.entity.js';

export const DOCUMENT_FILE_FORMATS = ['docx', 'pdf'] as const;

/**
 * The file of a register row as first rendered and kept (the issued copy): rendered once, then every
 * e-mail and download serves these bytes from the object storage, and a later change of the layout
 * code never changes a letter already issued.
 */
@Entity('outgoing_document_file')
@Check('ck_outgoing_document_file_format', inList('format', DOCUMENT_FILE_FORMATS))
export class OutgoingDocumentFile {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_outgoing_document_file' })
  documentId: string;

  @ManyToOne(() => OutgoingDocument, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_outgoing_document_file_document' })
  document?: OutgoingDocument;

  @PrimaryColumn({ type: 'varchar', length: 8, primaryKeyConstraintName: 'PK_outgoing_document_file' })
  format: string;

  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'integer' })
  sizeBytes: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
