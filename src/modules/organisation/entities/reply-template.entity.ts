import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { inList } from '../organisation.types.js';
import { Category } from './category.entity.js';

/** What a reply template is for: an agency's answer or progress report, or the desk's request for information. */
export const REPLY_TEMPLATE_PURPOSES = ['AGENCY_ANSWER', 'TRIAGE_REQUEST'] as const;
export type ReplyTemplatePurpose = (typeof REPLY_TEMPLATE_PURPOSES)[number];

/**
 * A reusable text (mẫu trả lời) for one category, or for any when `category_id` is null. Its body
 * may hold placeholders ({caseCode}, {agencyName}…) that the browser fills in. Never deleted:
 * an admin deactivates it, and every change is audited.
 */
@Entity('reply_template')
@Check('ck_reply_template_purpose', inList('purpose', REPLY_TEMPLATE_PURPOSES))
@Index('ix_reply_template_lookup', ['purpose', 'categoryId'])
export class ReplyTemplate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  categoryId: string | null;

  @ManyToOne(() => Category, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'fk_reply_template_category' })
  category?: Category | null;

  @Column({ type: 'varchar', length: 20 })
  purpose: ReplyTemplatePurpose;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
