import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { Repository } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { AuthUser, IS_PUBLIC, ROLES_KEY } from './auth.decorators.js';
import { User } from './entities/user.entity.js';
import type { Role } from './roles.js';

/**
 * Checked on every route unless @Public(): a valid bearer token of an active user.
 * Users are re-read at most every USER_CACHE_MS so that a deactivation takes effect quickly
 * without a database round-trip on every request.
 */
const USER_CACHE_MS = 30_000;

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly cache = new Map<string, { user: AuthUser | null; until: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new DomainError('UNAUTHENTICATED', HttpStatus.UNAUTHORIZED, 'Missing bearer token');

    let sub: string;
    try {
      ({ sub } = await this.jwt.verifyAsync<{ sub: string }>(token));
    } catch {
      throw new DomainError('UNAUTHENTICATED', HttpStatus.UNAUTHORIZED, 'Invalid or expired token');
    }
    const user = await this.loadUser(sub);
    if (!user) throw new DomainError('UNAUTHENTICATED', HttpStatus.UNAUTHORIZED, 'User is unknown or deactivated');
    request.user = user;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) {
      throw new DomainError('FORBIDDEN', HttpStatus.FORBIDDEN, `This action needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  /** Drops a cached user so that an admin change applies at once in this process. */
  forget(userId: string) {
    this.cache.delete(userId);
  }

  private async loadUser(id: string): Promise<AuthUser | null> {
    const now = Date.now();
    const hit = this.cache.get(id);
    if (hit && hit.until > now) return hit.user;
    const row = await this.users.findOne({ where: { id } });
    const user = row && row.active ? { id: row.id, email: row.email, fullName: row.fullName, role: row.role, orgUnitId: row.orgUnitId } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { user, until: now + USER_CACHE_MS });
    return user;
  }
}
