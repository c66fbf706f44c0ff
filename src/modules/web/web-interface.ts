import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PURPOSE_LABELS, UPLOAD_PURPOSES } from '../attachments/attachment.types.js';
import { ROLE_LABELS } from '../auth/roles.js';
import { CASE_STATUS_LABELS, PRIORITY_LABELS, SENSITIVITY_LABELS } from '../cases/case.types.js';
import { ASSIGNMENT_STATUS_LABELS, OUTCOME_LABELS } from '../cases/entities/assignment.entity.js';
import { CHANNEL_LABELS } from '../intake/intake.types.js';
import { LEVEL_LABELS, ORG_UNIT_KIND_LABELS } from '../organisation/organisation.types.js';

/**
 * The static files stay in src/ (there is no front-end build): next to this file when it runs from
 * src, or at the same place in the source tree when it runs compiled from dist/src/modules/web.
 */
const PUBLIC_DIR = [join(import.meta.dirname, 'public'), resolve(import.meta.dirname, '../../../../src/modules/web/public')].find((dir) =>
  existsSync(join(dir, 'index.html')),
);

/** Chart.js's UMD build, served from node_modules rather than copied into the source tree. */
const CHART_JS_DIR = dirname(createRequire(import.meta.url).resolve('chart.js'));
const CHART_JS_FILE = 'chart.umd.min.js';

/** The domain's labels, defined once in the API's code, handed to the browser as an ES module. */
const LABELS_MODULE = `export default ${JSON.stringify({
  caseStatus: CASE_STATUS_LABELS,
  assignmentStatus: ASSIGNMENT_STATUS_LABELS,
  outcome: OUTCOME_LABELS,
  priority: PRIORITY_LABELS,
  sensitivity: SENSITIVITY_LABELS,
  role: ROLE_LABELS,
  channel: CHANNEL_LABELS,
  orgUnitKind: ORG_UNIT_KIND_LABELS,
  level: LEVEL_LABELS,
  attachmentPurpose: PURPOSE_LABELS,
})};\n// What each role may attach (the API refuses anything else).\nexport const UPLOAD_PURPOSES = ${JSON.stringify(UPLOAD_PURPOSES)};\n`;

// Everything comes from this origin; the pages run no inline script or style.
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * The web interface: `/` is the single page, `/assets/*` its files. Registered straight on Fastify,
 * outside the API's `/api/v1` prefix; a missing asset falls through to the API's 404 problem.
 */
export function mountWebInterface(fastify: FastifyInstance) {
  if (!PUBLIC_DIR) throw new Error('The web interface files (src/modules/web/public) are missing');
  void fastify.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      void reply.headers(SECURITY_HEADERS);
    });
    // No build step means no hashed file names: browsers revalidate every file (ETag) instead.
    await scope.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/assets/', index: false, cacheControl: false, setHeaders: noCache });
    scope.get('/', (_request, reply) => noCache(reply).sendFile('index.html'));
    scope.get('/assets/labels.js', (_request, reply) => noCache(reply).type('text/javascript; charset=utf-8').send(LABELS_MODULE));
    scope.get('/assets/vendor/chart.umd.js', (_request, reply) => reply.sendFile(CHART_JS_FILE, CHART_JS_DIR));
  });
}

function noCache(reply: FastifyReply) {
  return reply.header('cache-control', 'no-cache');
}
