import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { Redis } from 'ioredis';
import { Repository } from 'typeorm';
import type { AppConfig } from '../../../config/index.js';
import { InjectConfig } from '../../infrastructure/config/config.module.js';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { InjectRedis } from '../../infrastructure/redis/redis.module.js';
import { User } from './entities/user.entity.js';

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
   * E-mail + password → access token. Failed attempts are counted in Redis (shared by every API
   * copy), per account and per client address: past LOGIN_MAX_FAILURES for an account (or ten
   * times that for an address) further attempts answer 429 for LOGIN_LOCK_SECONDS.
   */
  async login(emailInput: string, password: string, ip = 'unknown'): Promise<{ accessToken: string; expiresIn: number }> {
    const email = emailInput.trim().toLowerCase();
    const { loginMaxFailures, loginLockSeconds, jwtTtlSeconds } = this.config.auth;
    const counters = [
      { key: `login:fail:account:${email}`, max: loginMaxFailures },
      { key: `login:fail:ip:${ip}`, max: loginMaxFailures * 10 },
    ];

    const failures = await this.redis.mget(counters.map((c) => c.key));
    const locked = counters.find((c, i) => Number(failures[i] ?? 0) >= c.max);
    if (locked) {
      const ttl = await this.redis.ttl(locked.key);
      throw new DomainError('LOGIN_LOCKED', HttpStatus.TOO_MANY_REQUESTS, 'Too many failed logins; try again later', undefined, {
        retryAfterSeconds: Math.max(ttl, 1),
      });
    }

    const user = await this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
    const ok = await argon2.verify(user?.passwordHash ?? (await DUMMY_HASH), password).catch(() => false);
    if (!user || !ok || !user.active) {
      const tx = this.redis.multi();
      for (const c of counters) tx.incr(c.key).expire(c.key, loginLockSeconds);
      await tx.exec();
      this.logger.warn({ email }, 'login failed');
      throw new DomainError('INVALID_CREDENTIALS', HttpStatus.UNAUTHORIZED, 'Wrong e-mail or password, or the account is deactivated');
    }
    await this.redis.del(counters[0].key);
    await this.users.update(user.id, { lastLoginAt: new Date() });
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role, unit: user.orgUnitId }, { expiresIn: jwtTtlSeconds });
    return { accessToken, expiresIn: jwtTtlSeconds };
  }
}
