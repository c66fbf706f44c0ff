import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FastifyError, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type AppConfig, loadConfig } from '../config/index.js';
import { AppModule } from './app.module.js';
import { registerMessageLabels } from './infrastructure/http/error-messages.js';
import { sendProblem, toProblem } from './infrastructure/http/problem-details.filter.js';
import { CASE_STATUS_LABELS } from './modules/cases/case.types.js';
import { ASSIGNMENT_STATUS_LABELS } from './modules/cases/entities/assignment.entity.js';
import { registerInputGuard } from './infrastructure/http/input-guard.js';
import { registerJsonOnlyBody } from './infrastructure/http/json-body.js';
import { registerMultipartUploads } from './infrastructure/http/multipart.js';
import { createPino, PinoNestLogger } from './infrastructure/logging/logger.js';
import { guardAdminSurfaces } from './infrastructure/operations/admin-surfaces.js';
import { mountQueueDashboard } from './infrastructure/operations/queue-dashboard.js';
import { AuthService } from './modules/auth/auth.service.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Largest accepted body: a batch of 500 concerns with long descriptions. */
const BODY_LIMIT = 8 * 1024 * 1024;

/** Builds the HTTP application (used by main.ts and by the tests, so both run the same thing). */
// Error messages name statuses in words; the words are the cases module's (infrastructure imports no module).
registerMessageLabels({ caseStatus: CASE_STATUS_LABELS, assignmentStatus: ASSIGNMENT_STATUS_LABELS });

export async function createApp(config: AppConfig = loadConfig()): Promise<NestFastifyApplication> {
  const pino = createPino(config.log.level, 'concern-desk-api');
  const adapter = new FastifyAdapter({
    loggerInstance: pino,
    bodyLimit: BODY_LIMIT,
    // request.ip, which login limits count by, is the client's and not the proxy's (TRUST_PROXY).
    trustProxy: config.http.trustProxy,
    // Keep the caller's request id (a proxy's, a client's) when it looks sane; otherwise make one.
    // (Fastify's requestIdHeader would take any value, however long, into every log line.)
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    logController: new LogController({ requestIdLogLabel: 'reqId' }),
    // Errors of the router (a path that is not valid UTF-8) answer problem+json like every other.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => sendProblem(reply, toProblem(error, request)),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: new PinoNestLogger(pino),
    bufferLogs: false,
    // Nest's parsers would add form-urlencoded; the API reads JSON only (strict UTF-8, bounded depth).
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Before any route is added: /admin/queues, /docs, /docs-json and /metrics are for operators only.
  const auth = app.get(AuthService);
  guardAdminSurfaces(fastify, {
    checkAdmin: (header, ip) => auth.checkAdminBasic(header, ip),
    checkQueueSession: (token) => auth.checkQueueSession(token),
    metricsToken: config.operations.metricsToken,
  });
  registerJsonOnlyBody(fastify, BODY_LIMIT);
  // After the JSON-only rule: multipart/form-data for the attachment upload routes alone.
  registerMultipartUploads(fastify, config.attachments.maxBytes);
  registerInputGuard(fastify);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Nothing here is meant to be sniffed into another type or framed (the docs and the queue
    // dashboard included); API answers carry personal data, so no cache may keep them.
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  await mountQueueDashboard(app);
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Concern Desk API')
      .setDescription(
        'Tiếp nhận, phân loại, chuyển xử lý và theo dõi giải quyết các vấn đề Nhân dân quan tâm (Quy chế 238). ' +
          'Errors are application/problem+json with a stable `code`.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}
