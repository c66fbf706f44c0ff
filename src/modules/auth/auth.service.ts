import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { Redis } from 'ioredis';
import { Repository } from 'typeorm';
import type { AppConfig } from '../../../config';
import { InjectConfig } from '../../infrastructure/config/config.module';
import { DomainError } from '../../infrastructure/http/domain-error';
import { InjectRedis } from '../../infrastructure/redis/redis.module';
import { User } from './entities/user.entity';

// A hash to verify against when the e-mail is unknown, so both paths take the same time.
const DUMMY_HASH = argon2.hash('not-a-real-password');

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
    @InjectRedis() private readonly redis: Redis,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * E-mail + password → access token. Failures are counted per account in Redis (shared by every
   * API copy); past LOGIN_MAX_FAILURES the account is locked for LOGIN_LOCK_SECONDS.
   */
  async login(emailInput: string, password: string): Promise<{ accessToken: string; expiresIn: number }> {
    const email = emailInput.trim().toLowerCase();
    const failKey = `login:fail:${email}`;
    const { loginMaxFailures, loginLockSeconds, jwtTtlSeconds } = this.config.auth;

    const failures = Number((await this.redis.get(failKey)) ?? 0);
    if (failures >= loginMaxFailures) {
      const ttl = await this.redis.ttl(failKey);
      throw new DomainError('LOGIN_LOCKED', HttpStatus.TOO_MANY_REQUESTS, 'Too many failed logins; try again later', undefined, {
        retryAfterSeconds: Math.max(ttl, 1),
      });
    }

    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    const ok = await argon2.verify(user?.passwordHash ?? (await DUMMY_HASH), password).catch(() => false);
    if (!user || !ok || !user.active) {
      await this.redis.multi().incr(failKey).expire(failKey, loginLockSeconds).exec();
      this.logger.warn({ email }, 'login failed');
      throw new DomainError('INVALID_CREDENTIALS', HttpStatus.UNAUTHORIZED, 'Wrong e-mail or password, or the account is deactivated');
    }
    await this.redis.del(failKey);
    await this.users.update(user.id, { lastLoginAt: new Date() });
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role, unit: user.orgUnitId }, { expiresIn: jwtTtlSeconds });
    return { accessToken, expiresIn: jwtTtlSeconds };
  }
}
