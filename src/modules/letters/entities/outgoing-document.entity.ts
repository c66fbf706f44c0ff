import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity.js';
import { Case } from '../../cases/entities/case.entity.js';
import { OrgUnit } from '../../organisation/entities/org-unit.entity.js';
import { inList } from '../../organisation/organisation.types.js';

/** What a register row is: the forwarding letter of a routing today; the review report and others later. */
export const DOCUMENT_KINDS = ['FORWARDING_LETTER', 'REPORT'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** An addressee of a letter as it was issued: "Kính gửi:" lists them, the lead first. */
export interface DocumentRecipient {
  assignmentId: string | null;
  orgUnitId: string;
  code: string;
  name: string;
  role: 'LEAD' | 'SUPPORT';
}

/**
 * The register of outgoing documents (sổ đăng ký văn bản đi): one row per number an issuing unit
 * gave, per year, gap-free (numbers are taken from outgoing_document_counter in the issuing
 * transaction). The row is the truth: `snapshot` holds everything the document shows, and the DOCX
 * and PDF are renderings of it, the same bytes every time. Append-only: the database refuses UPDATE
 * and DELETE.
 */
@Entity('outgoing_document')
@Check('ck_outgoing_document_kind', inList('kind', DOCUMENT_KINDS))
@Check('ck_outgoing_document_number', `"number" > 0`)
@Index('uq_outgoing_document_number', ['issuingUnitId', 'year', 'number'], { unique: true })
@Index('ix_outgoing_document_case', ['caseId', 'issuedAt'])
export class OutgoingDocument {
  /** Chosen by the issuer before the row is written: the routing's ASSIGNED event names it. */
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  issuingUnitId: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuing_unit_id', foreignKeyConstraintName: 'fk_outgoing_document_unit' })
  issuingUnit?: OrgUnit;

  /** The Vietnam-time year of issue: numbering starts at 1 each year. */
  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  number: number;

  /** The unit's document symbol when issued, e.g. BTGDVTU-PAKN. */
  @Column({ type: 'varchar', length: 64 })
  symbol: string;

  /** Number and symbol as printed: 125/BTGDVTU-PAKN. */
  @Column({ type: 'varchar', length: 100 })
  numberText: string;

  @Column({ type: 'varchar', length: 32 })
  kind: DocumentKind;

  /** The summary line ("V/v …"). */
  @Column({ type: 'varchar', length: 500 })
  subject: string;

  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  @ManyToOne(() => Case, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_outgoing_document_case' })
  case?: Case | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  recipients: DocumentRecipient[];

  @Column({ type: 'uuid', nullable: true })
  signerId: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'signer_id', foreignKeyConstraintName: 'fk_outgoing_document_signer' })
  signer?: User | null;

  /** The signer as printed when issued (a later change of title or name does not rewrite the register). */
  @Column({ type: 'varchar', length: 200 })
  signerName: string;

  @Column({ type: 'varchar', length: 200 })
  signerTitle: string;

  /** TM. / KT. line, e.g. KT. TRƯỞNG BAN; null when the signer signs in their own right. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  signerAuthority: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  issuedAt: Date;

  @Column({ type: 'uuid' })
  issuedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issued_by_id', foreignKeyConstraintName: 'fk_outgoing_document_issued_by' })
  issuedBy?: User;

  /** Everything the document shows, as issued (see letter-snapshot.ts): what the files are rendered from. */
  @Column({ type: 'jsonb' })
  snapshot: Record<string, unknown>;
}

/**
 * The last number an issuing unit gave in a year. Taken with one upsert in the issuing transaction,
 * so concurrent issuers queue on this row and a rolled-back transaction gives its number back.
 */
@Entity('outgoing_document_counter')
export class OutgoingDocumentCounter {
  @PrimaryColumn('uuid')
  issuingUnitId: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuing_unit_id', foreignKeyConstraintName: 'fk_outgoing_document_counter_unit' })
  issuingUnit?: OrgUnit;

  @PrimaryColumn('integer')
  year: number;

  @Column({ type: 'integer' })
  lastNumber: number;
}
