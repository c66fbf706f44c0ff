import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../../../config/index.js';
import { InjectConfig } from '../../infrastructure/config/config.module.js';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { InjectRedis } from '../../infrastructure/redis/redis.module.js';

const DAY = 24 * 3600;

interface Limit {
  name: string;
  limiter: RateLimiterRedis;
  key: (email: string, ip: string) => string;
  /** Failures allowed; the next attempt is refused until the block ends. */
  max: number;
  lockSeconds: number;
}

/**
 * Failed-login counting for every door that takes a password (the login route and the admin
 * surfaces' HTTP Basic), with rate-limiter-flexible's "login endpoint protection" pattern:
 * - consecutive failures per e-mail and address: LOGIN_MAX_FAILURES, then LOGIN_LOCK_SECONDS;
 * - failures per account from any address: ten times that, so a guesser spreading over many
 *   addresses is stopped too, while one address alone cannot lock a colleague out quickly;
 * - failures per address per day: LOGIN_IP_MAX_FAILURES_PER_DAY, then a day.
 * Counters live in Redis (shared by every API copy). When Redis does not answer, each limiter
 * falls back to an in-process RateLimiterMemory (the insurance limiter): logins keep working,
 * still throttled per process.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly limits: Limit[];

  constructor(@InjectRedis() redis: Redis, @InjectConfig() config: AppConfig) {
    const { loginMaxFailures, loginLockSeconds, loginIpMaxFailuresPerDay } = config.auth;
    const make = (name: string, max: number, windowSeconds: number, lockSeconds: number, key: Limit['key']): Limit => {
      const options = { keyPrefix: `login:fail:${name}`, points: max, duration: windowSeconds, blockDuration: lockSeconds };
      const limiter = new RateLimiterRedis({
        ...options,
        storeClient: redis,
        // Straight to the insurance limiter while the client is not connected, instead of an error.
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(options),
      });
      return { name, limiter, key, max, lockSeconds };
    };
    this.limits = [
      // The window of "consecutive": a success deletes the counter, failures older than a day are forgotten.
      make('user-ip', loginMaxFailures, DAY, loginLockSeconds, (email, ip) => `${email}|${ip}`),
      make('account', loginMaxFailures * 10, DAY, loginLockSeconds, (email) => email),
      make('ip', loginIpMaxFailuresPerDay, DAY, DAY, (_, ip) => ip),
    ];
  }

  /** 429 LOGIN_LOCKED (with Retry-After) while any of the limits is reached for this e-mail or address. */
  async assertNotLocked(email: string, ip: string): Promise<void> {
    const states = await Promise.all(this.limits.map((l) => l.limiter.get(l.key(email, ip)).catch(() => null)));
    const waits = states.map((s, i) => (s && s.consumedPoints >= this.limits[i].max ? s.msBeforeNext : 0));
    const waitMs = Math.max(...waits);
    if (waitMs > 0) {
      throw new DomainError('LOGIN_LOCKED', HttpStatus.TOO_MANY_REQUESTS, 'Too many failed logins; try again later', undefined, {
        retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
      });
    }
  }

  /** Counts a failure on every limit; the failure that reaches a limit starts its block. */
  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all(
      this.limits.map(async (l) => {
        const key = l.key(email, ip);
        try {
          const res = await l.limiter.penalty(key);
          if (res.consumedPoints >= l.max) await l.limiter.block(key, l.lockSeconds);
        } catch (e) {
          if (!(e instanceof RateLimiterRes)) this.logger.warn({ err: e, limit: l.name }, 'login failure not counted');
        }
      }),
    );
  }

  /** A success ends the run of consecutive failures from this address (the daily and account counts stay). */
  async recordSuccess(email: string, ip: string): Promise<void> {
    const consecutive = this.limits[0];
    await consecutive.limiter.delete(consecutive.key(email, ip)).catch(() => undefined);
  }
}
