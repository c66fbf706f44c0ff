import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '../config/index.js';
import { createPino, PinoNestLogger } from './infrastructure/logging/logger.js';
import { assertEveryJobHandled } from './infrastructure/queue/job-handlers.js';
import { WorkerModule } from './worker.module.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const logger = new PinoNestLogger(createPino(config.log.level, 'concern-desk-worker'));
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger });
  assertEveryJobHandled();
  // SIGTERM/SIGINT close the workers: jobs in hand finish, then connections close.
  app.enableShutdownHooks();
  await app.init();
  logger.log('worker started', 'worker');
}

void main();
