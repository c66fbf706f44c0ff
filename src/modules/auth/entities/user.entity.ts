import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrgUnit } from '../../organisation/entities/org-unit.entity.js';
import { inList } from '../../organisation/organisation.types.js';
import { type Role, ROLES } from '../roles.js';

@Entity('app_user')
@Check('ck_app_user_role', inList('role', ROLES))
@Check('ck_app_user_email_lower', `"email" = lower("email")`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-case: logins are case-insensitive. */
  @Index('uq_app_user_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Index('ix_app_user_org_unit')
  @Column({ type: 'uuid', nullable: true })
  orgUnitId: string | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id', foreignKeyConstraintName: 'fk_app_user_org_unit' })
  orgUnit?: OrgUnit | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** The signing profile: the title printed under the signature, e.g. Phó Trưởng ban. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  jobTitle: string | null;

  /** The authority line above the title when signing for the body or its head, e.g. KT. TRƯỞNG BAN, TM. BAN THƯỜNG VỤ. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  signingAuthority: string | null;

  /** Carried by every access token; one more revokes the tokens issued before (see AuthGuard). */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
