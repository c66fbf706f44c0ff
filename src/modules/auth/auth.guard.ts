import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { Repository } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { UUID } from '../../infrastructure/http/validators.js';
import { AuthUser, IS_PUBLIC, ROLES_KEY } from './auth.decorators.js';
import type { TokenClaims } from './auth.service.js';
import { User } from './entities/user.entity.js';
import type { Role } from './roles.js';

const unauthenticated = (detail: string) => new DomainError('UNAUTHENTICATED', HttpStatus.UNAUTHORIZED, detail);

/**
 * Checked on every route unless @Public(): a valid bearer token of an active user whose
 * token_version is still the one the token carries. The user is read from PostgreSQL on every
 * request (one primary-key lookup), never cached: a deactivation, demotion or revocation made
 * through any API copy holds on every copy at the next request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
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
    if (!token) throw unauthenticated('Missing bearer token');

    let claims: Partial<TokenClaims>;
    try {
      claims = await this.jwt.verifyAsync<Partial<TokenClaims>>(token);
    } catch {
      throw unauthenticated('Invalid or expired token');
    }
    // Signed by us but not of the shape we issue (an old token without a version, a forged sub): refused, never looked up.
    if (typeof claims.sub !== 'string' || !UUID.test(claims.sub) || !Number.isSafeInteger(claims.ver)) throw unauthenticated('Invalid token');
    const row = await this.users.findOne({ where: { id: claims.sub } });
    if (!row || !row.active) throw unauthenticated('User is unknown or deactivated');
    if (row.tokenVersion !== claims.ver) throw unauthenticated('This session has been revoked; log in again');
    const user: AuthUser = { id: row.id, email: row.email, fullName: row.fullName, role: row.role, orgUnitId: row.orgUnitId };
    request.user = user;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) {
      throw new DomainError('FORBIDDEN', HttpStatus.FORBIDDEN, `This action needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
