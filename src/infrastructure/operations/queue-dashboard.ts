import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastify } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { QUEUES } from '../queue/queue.registry.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** The cookie the admin page sets (POST /api/v1/admin/queues/session) to open the dashboard without Basic. */
export const QUEUE_SESSION_COOKIE = 'cd_queue_session';

/**
 * bull-board at /admin/queues, for admins only: guardAdminSurfaces (admin-surfaces.ts) asks on every
 * request for the admin page's session cookie or an admin's HTTP Basic credentials, since a browser
 * cannot send our bearer token to a page.
 */
export async function mountQueueDashboard(app: NestFastifyApplication) {
  const queues = Object.values(QUEUES).map((name) => app.get<Queue>(getQueueToken(name), { strict: false }));
  const serverAdapter = new BullBoardFastify();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter, options: { uiConfig: { boardTitle: 'Concern Desk — hàng đợi' } } });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  await fastify.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
}
