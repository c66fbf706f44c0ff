import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity.js';

/**
 * A user's named filter and sort of a list page (the triage queue, the agency inbox, the case
 * search): the page's URL query, kept so the desk opens "urgent land cases, oldest first" in one click.
 * Written only by SavedViewsService.
 */
@Entity('saved_view')
@Index('uq_saved_view_user_page_name', ['userId', 'page', 'name'], { unique: true })
export class SavedView {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_saved_view' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_saved_view_user' })
  user?: User;

  /** The list page it belongs to: triage, agency, cases. */
  @Column({ type: 'varchar', length: 32 })
  page: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The page's query parameters (strings), as its URL carries them. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  query: Record<string, string>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
