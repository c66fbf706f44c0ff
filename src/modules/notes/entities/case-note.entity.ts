import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity.js';
import { Case } from '../../cases/entities/case.entity.js';
import { OrgUnit } from '../../organisation/entities/org-unit.entity.js';

/** Whom a note names: a user (by id, with the address it had) or a unit (by id and code). */
export type NoteMention = { kind: 'user'; userId: string; email: string; fullName: string } | { kind: 'unit'; unitId: string; unitCode: string };

/**
 * An internal working note on a case, read only by the standing body and the agencies assigned
 * to it (notes-access.ts). Append-only (a trigger refuses UPDATE and DELETE): a note is a record of
 * what was said when; a correction is a new note, so no edit history is needed and nothing said to
 * a mentioned colleague can silently change after their e-mail went out.
 */
@Entity('case_note')
@Index('ix_case_note_case', ['caseId', 'createdAt', 'id'])
export class CaseNote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_note_case' })
  case?: Case;

  @Column({ type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_case_note_author' })
  author?: User;

  /** The author's unit when the note was written (an agency's note speaks for its unit). */
  @Column({ type: 'uuid', nullable: true })
  authorUnitId: string | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_unit_id', foreignKeyConstraintName: 'fk_case_note_author_unit' })
  authorUnit?: OrgUnit | null;

  @Column({ type: 'text' })
  body: string;

  /** The users and units the note names, each told by e-mail (a job of the notifications module). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  mentions: NoteMention[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
