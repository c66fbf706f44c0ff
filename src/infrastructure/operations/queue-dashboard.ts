import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastify } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as argon2 from 'argon2';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { QUEUES } from '../queue/queue.registry.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board at /admin/queues, for admins only. A browser cannot send our bearer token to a page,
 * so the dashboard asks for HTTP Basic credentials: an active admin's e-mail and password.
 */
export async function mountQueueDashboard(app: NestFastifyApplication) {
  const queues = Object.values(QUEUES).map((name) => app.get<Queue>(getQueueToken(name), { strict: false }));
  const serverAdapter = new BullBoardFastify();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter, options: { uiConfig: { boardTitle: 'Concern Desk — hàng đợi' } } });
  const db = app.get(DataSource);
  const verified = new Map<string, number>();

  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const header = request.headers.authorization ?? '';
      const [scheme, encoded] = header.split(' ');
      if (scheme === 'Basic' && encoded) {
        // A verified credential is remembered briefly: the dashboard loads many assets.
        if ((verified.get(encoded) ?? 0) > Date.now()) return;
        const text = Buffer.from(encoded, 'base64').toString('utf8');
        const i = text.indexOf(':');
        const [user] = await db.query(`SELECT password_hash FROM app_user WHERE email = $1 AND role = 'admin' AND active`, [text.slice(0, i).toLowerCase()]);
        if (user && (await argon2.verify(user.password_hash, text.slice(i + 1)).catch(() => false))) {
          if (verified.size > 100) verified.clear();
          verified.set(encoded, Date.now() + 60_000);
          return;
        }
      }
      return reply.status(401).header('www-authenticate', 'Basic realm="Concern Desk queues", charset="UTF-8"').send({ code: 'UNAUTHENTICATED' });
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
}
