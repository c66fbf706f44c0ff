import { createHash, createHmac } from 'node:crypto';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { Repository } from 'typeorm';
import type { AppConfig } from '../../../config/index.js';
import { InjectConfig } from '../../infrastructure/config/config.module.js';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { UUID } from '../../infrastructure/http/validators.js';
import { User } from './entities/user.entity.js';
import { LoginThrottle } from './login-throttle.js';

// A hash to verify against when the e-mail is unknown, so both paths take the same time.
const DUMMY_HASH = argon2.hash('not-a-real-password');

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** What an access token carries. `ver` is the user's token_version when it was issued. */
export interface TokenClaims {
  sub: string;
  ver: number;
  role: string;
  unit: string | null;
}

/** How long the queue dashboard's session cookie holds; the admin page issues a new one on each visit. */
export const QUEUE_SESSION_SECONDS = 20 * 60;

const invalidCredentials = () => new DomainError('INVALID_CREDENTIALS', HttpStatus.UNAUTHORIZED, 'Wrong e-mail or password, or the account is deactivated');

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  /**
   * Basic credentials already checked by argon2, by digest of the header → the password hash they
   * matched. A browser sends them with every asset of the dashboard; while the row still holds the
   * same hash the password is the same, so argon2 need not run again. Everything else (active,
   * role, lock) is read afresh on every request.
   */
  private readonly basicVerified = new Map<string, string>();
  /**
   * The queue dashboard's session tokens are signed with a key of their own, derived from the JWT
   * secret: an access token is no dashboard session and a dashboard cookie is no access token.
   */
  private readonly queueKey: Buffer;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.queueKey = createHmac('sha256', config.auth.jwtSecret).update('queue-dashboard-session').digest();
  }

  /** A short-lived token for the queue dashboard's cookie, for the signed-in admin. */
  async issueQueueSession(userId: string): Promise<string> {
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user || !user.active || user.role !== 'admin') throw new DomainError('FORBIDDEN', HttpStatus.FORBIDDEN, 'Only administrators may open this page');
    return this.jwt.signAsync({ sub: user.id, ver: user.tokenVersion }, { secret: this.queueKey, expiresIn: QUEUE_SESSION_SECONDS });
  }

  /**
   * Whether a dashboard cookie still stands: signed by us, not expired, and its user is still an
   * active admin whose sessions were not revoked since (token_version), read afresh on every request.
   */
  async checkQueueSession(token: string): Promise<boolean> {
    let claims: { sub?: unknown; ver?: unknown };
    try {
      claims = await this.jwt.verifyAsync(token, { secret: this.queueKey });
    } catch {
      return false;
    }
    if (typeof claims.sub !== 'string' || !UUID.test(claims.sub) || !Number.isSafeInteger(claims.ver)) return false;
    const user = await this.users.findOne({ where: { id: claims.sub } });
    return Boolean(user?.active && user.role === 'admin' && user.tokenVersion === claims.ver);
  }

  /**
   * E-mail + password → access token. Failures are counted by LoginThrottle (per e-mail and
   * address, per account, per address and day); past a limit attempts answer 429 LOGIN_LOCKED.
   */
  async login(emailInput: string, password: string, ip = 'unknown'): Promise<{ accessToken: string; expiresIn: number }> {
    const email = emailInput.trim().toLowerCase();
    const user = await this.authenticate(email, password, ip);
    await this.users.update(user.id, { lastLoginAt: new Date() });
    const { jwtTtlSeconds } = this.config.auth;
    const claims: TokenClaims = { sub: user.id, ver: user.tokenVersion, role: user.role, unit: user.orgUnitId };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: jwtTtlSeconds });
    return { accessToken, expiresIn: jwtTtlSeconds };
  }

  /**
   * HTTP Basic for the admin surfaces (queue dashboard, docs, metrics without a token): an active
   * admin's e-mail and password, counted and locked exactly like logins. Throws the DomainError to
   * answer with (401, or 429 with Retry-After).
   */
  async checkAdminBasic(authorization: string | undefined, ip: string): Promise<void> {
    const [scheme, encoded] = (authorization ?? '').split(' ');
    if (scheme !== 'Basic' || !encoded) throw new DomainError('UNAUTHENTICATED', HttpStatus.UNAUTHORIZED, 'Admin credentials required');
    const text = Buffer.from(encoded, 'base64').toString('utf8');
    const i = text.indexOf(':');
    if (i < 1) throw invalidCredentials();
    const email = text.slice(0, i).trim().toLowerCase();
    // What the login DTO would refuse never reaches PostgreSQL (a NUL byte would make it fail).
    if (email.length > 254 || email.includes('\0')) throw invalidCredentials();
    const digest = createHash('sha256').update(encoded).digest('base64');
    const user = await this.authenticate(email, text.slice(i + 1), ip, this.basicVerified.get(digest));
    if (user.role !== 'admin') throw new DomainError('UNAUTHENTICATED', HttpStatus.UNAUTHORIZED, 'Only administrators may open this page');
    if (this.basicVerified.size > 1000) this.basicVerified.clear();
    this.basicVerified.set(digest, user.passwordHash);
  }

  /**
   * The one password check: refused while locked, failures counted, the user read from
   * PostgreSQL. `knownHash` skips argon2 when the row still holds the hash these exact
   * credentials were verified against.
   */
  private async authenticate(email: string, password: string, ip: string, knownHash?: string): Promise<User> {
    await this.throttle.assertNotLocked(email, ip);
    const user = await this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
    const known = knownHash !== undefined && user?.passwordHash === knownHash;
    const ok = known || (await argon2.verify(user?.passwordHash ?? (await DUMMY_HASH), password).catch(() => false));
    if (!user || !ok || !user.active) {
      await this.throttle.recordFailure(email, ip);
      this.logger.warn({ email }, 'login failed');
      throw invalidCredentials();
    }
    if (!known) await this.throttle.recordSuccess(email, ip);
    return user;
  }
}
