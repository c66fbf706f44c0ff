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
        // Fail fast per command instead of queueing forever when Redis is down.
        new Redis(config.redis.url, { maxRetriesPerRequest: 1, connectionName: 'concern-desk-api', enableOfflineQueue: false }),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
