import 'reflect-metadata';
import { createServer } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '../config/index.js';
import { createPino, PinoNestLogger } from './infrastructure/logging/logger.js';
import { registry } from './infrastructure/operations/metrics.js';
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
  const app = await NestFactory.createApplicationContext(WorkerModule.forRole(config.worker.role), { logger });
  assertEveryJobHandled();
  // SIGTERM/SIGINT close the workers: jobs in hand finish, then connections close.
  app.enableShutdownHooks();
  await app.init();
  // Job metrics of this process, for Prometheus (the API serves its own at /metrics).
  if (config.worker.metricsPort) {
    createServer((req, res) => {
      void registry.metrics().then((body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body));
    }).listen(config.worker.metricsPort, '0.0.0.0');
  }
  logger.log(`worker started (WORKER_ROLE=${config.worker.role})`, 'worker');
}

void main();
