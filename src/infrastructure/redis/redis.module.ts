import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AppConfig } from '../../../config/index.js';
import { APP_CONFIG } from '../config/config.module.js';

export const REDIS = Symbol('REDIS');
export const InjectRedis = () => Inject(REDIS);

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown() {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** One shared client for small commands (login throttling, health). Queues open their own. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        // Fail fast per command instead of queueing forever when Redis is down: no offline queue
        // (a command while disconnected fails at once), one retry, and a command that gets no
        // answer within a second (Redis hung, network gone without a reset) fails too. Login's
        // limiters then use their in-memory insurance, and health reports Redis down.
        new Redis(config.redis.url, {
          maxRetriesPerRequest: 1,
          connectionName: 'concern-desk-api',
          enableOfflineQueue: false,
          commandTimeout: 1000,
          connectTimeout: 2000,
        }),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
