import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sendProblem, toProblem } from '../http/problem-details.filter.js';
import { QUEUE_DASHBOARD_PATH, QUEUE_SESSION_COOKIE } from './queue-dashboard.js';

/**
 * Checks an admin's HTTP Basic credentials (handed in by the root: the auth module's
 * AuthService.checkAdminBasic, which counts failures and honours locks like the login route).
 * Resolves when they are good; throws the error to answer with otherwise.
 */
export type AdminCheck = (authorization: string | undefined, ip: string) => Promise<void>;

/** Whether a queue dashboard session cookie's token is good (AuthService.checkQueueSession). */
export type QueueSessionCheck = (token: string) => Promise<boolean>;

export interface AdminSurfaceOptions {
  checkAdmin: AdminCheck;
  checkQueueSession: QueueSessionCheck;
  /** Bearer token that opens /metrics for a scraper; null: admin Basic only. */
  metricsToken: string | null;
}

const DOCS_PATH = '/docs';
const METRICS_PATH = '/metrics';

/** Routes (as registered, so no spelling of the URL gets around it) served to operators only. */
function surfaceOf(route: string | undefined): 'admin' | 'queues' | 'metrics' | null {
  if (!route) return null;
  if (route === METRICS_PATH) return 'metrics';
  // The dashboard and its assets and API.
  if (route === QUEUE_DASHBOARD_PATH || route.startsWith(`${QUEUE_DASHBOARD_PATH}/`)) return 'queues';
  // /docs, /docs/*, /docs-json, /docs-yaml.
  if (route.startsWith(DOCS_PATH)) return 'admin';
  return null;
}

/** One cookie's value from a Cookie header (no library: this is the only cookie the API reads). */
export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim() || null;
  }
  return null;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Puts the operator surfaces behind auth: the queue dashboard and the OpenAPI documents (/docs,
 * /docs-json) take an active admin's HTTP Basic credentials, checked on every request (the
 * dashboard also the admin page's session cookie, checked as often); /metrics
 * takes the METRICS_TOKEN bearer token (for Prometheus) or the same admin credentials.
 * The docs stay served in production too, behind the same door: they are how integrators read
 * the API, and admin Basic is one check for every environment rather than a switch to forget.
 * One hook on the root, decided by the matched route, before any handler or plugin runs.
 */
export function guardAdminSurfaces(fastify: FastifyInstance, options: AdminSurfaceOptions) {
  const token = options.metricsToken ? digest(options.metricsToken) : null;
  fastify.addHook('onRequest', async (request, reply) => {
    const surface = surfaceOf(request.routeOptions.url);
    if (!surface) return;
    const header = request.headers.authorization ?? '';
    if (surface === 'metrics' && token && header.startsWith('Bearer ') && timingSafeEqual(digest(header.slice(7).trim()), token)) return;
    // The admin page's session cookie opens the dashboard; without it (or when it no longer holds) Basic as before.
    const session = surface === 'queues' && !header ? cookieValue(request.headers.cookie, QUEUE_SESSION_COOKIE) : null;
    if (session && (await options.checkQueueSession(session))) return;
    try {
      await options.checkAdmin(header, request.ip);
    } catch (e) {
      const problem = toProblem(e, request);
      // A browser shows its login box on this header.
      if (problem.status === 401) void reply.header('www-authenticate', 'Basic realm="Concern Desk admin", charset="UTF-8"');
      return sendProblem(reply, problem);
    }
  });
}
