import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { OrgUnit } from '../organisation/entities/org-unit.entity.js';
import { isUniqueViolation } from '../organisation/organisation.service.js';
import { hashPassword } from './auth.service.js';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { User } from './entities/user.entity.js';
import { passwordProblem } from './password-policy.js';
import type { Role } from './roles.js';

/** Roles that act for a unit and so must belong to one. */
const UNIT_ROLES: readonly Role[] = ['officer', 'triager', 'agency'];

@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  list() {
    return this.db.query(
      `SELECT u.id, u.email, u.full_name AS "fullName", u.role, o.code AS "orgUnitCode", u.active, u.last_login_at AS "lastLoginAt",
              u.job_title AS "jobTitle", u.signing_authority AS "signingAuthority"
         FROM app_user u LEFT JOIN org_unit o ON o.id = u.org_unit_id ORDER BY u.email`,
    );
  }

  async create(dto: CreateUserDto, actorId: string) {
    assertPasswordPolicy(dto.password, dto.email, dto.fullName);
    const passwordHash = await hashPassword(dto.password);
    return this.write(async (m) => {
      const orgUnitId = await this.unitId(m, dto.orgUnitCode);
      assertUnitForRole(dto.role, orgUnitId);
      const user = await m.save(
        User,
        m.create(User, {
          email: dto.email.trim().toLowerCase(),
          passwordHash,
          fullName: dto.fullName,
          role: dto.role,
          orgUnitId,
          jobTitle: dto.jobTitle ?? null,
          signingAuthority: dto.signingAuthority ?? null,
        }),
      );
      await this.audit.record(m, { actorId, action: 'USER_CREATED', entityType: 'user', entityId: user.id, after: user });
      return present(user, dto.orgUnitCode ?? null);
    });
  }

  /**
   * Changes what an admin may change. Deactivation, a new role, a new unit or a new password
   * revoke the user's sessions (token_version + 1): the guard refuses the older tokens on every
   * API copy at the next request.
   */
  async update(id: string, dto: UpdateUserDto, actorId: string) {
    return this.write(async (m) => {
      const user = await m.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw DomainError.notFound('User', id);
      const before = { ...user };
      // null (which @IsOptional lets through) is no new password, as before.
      const password = typeof dto.password === 'string' ? dto.password : undefined;
      if (password !== undefined) assertPasswordPolicy(password, user.email, dto.fullName ?? user.fullName);
      if (dto.orgUnitCode !== undefined) user.orgUnitId = await this.unitId(m, dto.orgUnitCode);
      if (dto.role !== undefined) user.role = dto.role;
      if (dto.fullName !== undefined) user.fullName = dto.fullName;
      if (dto.active !== undefined) user.active = dto.active;
      if (dto.jobTitle !== undefined) user.jobTitle = dto.jobTitle;
      if (dto.signingAuthority !== undefined) user.signingAuthority = dto.signingAuthority;
      if (password !== undefined) user.passwordHash = await hashPassword(password);
      assertUnitForRole(user.role, user.orgUnitId);
      const revoke = (before.active && !user.active) || before.role !== user.role || before.orgUnitId !== user.orgUnitId || password !== undefined;
      if (revoke) user.tokenVersion = before.tokenVersion + 1;
      const saved = await m.save(User, user);
      await this.audit.record(m, {
        actorId,
        action: before.active && !user.active ? 'USER_DEACTIVATED' : !before.active && user.active ? 'USER_REACTIVATED' : 'USER_UPDATED',
        entityType: 'user',
        entityId: user.id,
        before,
        after: { ...saved, passwordChanged: password !== undefined },
      });
      const unit = saved.orgUnitId ? await m.findOne(OrgUnit, { where: { id: saved.orgUnitId } }) : null;
      return present(saved, unit?.code ?? null);
    });
  }

  /**
   * Ends every session of the user (token_version + 1): by the user ("log out everywhere") or by
   * an admin. Audited like every change to a user.
   */
  async revokeSessions(id: string, actorId: string): Promise<void> {
    await this.write(async (m) => {
      const user = await m.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw DomainError.notFound('User', id);
      await m.update(User, { id }, { tokenVersion: user.tokenVersion + 1 });
      await this.audit.record(m, {
        actorId,
        action: 'USER_SESSIONS_REVOKED',
        entityType: 'user',
        entityId: id,
        before: { tokenVersion: user.tokenVersion },
        after: { tokenVersion: user.tokenVersion + 1 },
      });
    });
  }

  /** The caller's own signing profile and unit, for /auth/me. */
  async profile(id: string): Promise<{ jobTitle: string | null; signingAuthority: string | null; orgUnitCode: string | null }> {
    const [row] = await this.db.query(
      `SELECT u.job_title AS "jobTitle", u.signing_authority AS "signingAuthority", o.code AS "orgUnitCode"
         FROM app_user u LEFT JOIN org_unit o ON o.id = u.org_unit_id WHERE u.id = $1`,
      [id],
    );
    return row ?? { jobTitle: null, signingAuthority: null, orgUnitCode: null };
  }

  private async write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (e) {
      if (isUniqueViolation(e)) throw DomainError.conflict('EMAIL_TAKEN', 'Another user already has this e-mail');
      throw e;
    }
  }

  private async unitId(m: EntityManager, code: string | null | undefined): Promise<string | null> {
    if (!code) return null;
    const unit = await m.findOne(OrgUnit, { where: { code } });
    if (!unit) throw DomainError.validation([{ field: 'orgUnitCode', message: `unknown org unit ${code}` }]);
    return unit.id;
  }
}

function assertPasswordPolicy(password: string, email: string, fullName?: string | null) {
  const problem = passwordProblem(password, { email, fullName });
  if (problem) throw DomainError.validation([problem], 'The password does not meet the password policy');
}

function assertUnitForRole(role: Role, orgUnitId: string | null) {
  if (UNIT_ROLES.includes(role) && !orgUnitId) {
    throw DomainError.validation([{ field: 'orgUnitCode', message: `a ${role} user must belong to an org unit` }]);
  }
}

function present(u: User, orgUnitCode: string | null) {
  return {
    id: u.id,
    email: u.email,
    fullName: u.fullName,
    role: u.role,
    orgUnitCode,
    active: u.active,
    jobTitle: u.jobTitle,
    signingAuthority: u.signingAuthority,
  };
}
