import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, type FieldError } from './domain-error.js';
import { UUID } from './validators.js';

// A NUL, or half of a surrogate pair: PostgreSQL refuses the first in text and jsonb (a 500 after
// the transaction began), the second breaks e-mail validation and jsonb; neither is ever meant.
// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const BAD_CHAR = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Enough to name every bad field of a batch of 500 without building a huge answer. */
const MAX_ERRORS = 50;

/** Why a string cannot be taken, or null when it can. */
export function badText(s: string): string | null {
  const m = BAD_CHAR.exec(s);
  if (!m) return null;
  return m[0] === '\u0000' ? 'must not contain NUL characters' : 'must not contain unpaired UTF-16 surrogates';
}

/**
 * Every string of a parsed value (keys too) checked without recursion; `a.b[3].c` names the field
 * as the validation pipe does.
 */
export function findBadText(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length && errors.length < MAX_ERRORS) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const why = badText(v);
      if (why) errors.push({ field: path || 'body', message: why });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const childPath = path ? `${path}.${k}` : k;
        const why = badText(k);
        if (why) errors.push({ field: childPath, message: `name ${why}` });
        else stack.push([child, childPath]);
      }
    }
  }
  return errors;
}

/** Query string components must be valid percent-encoded UTF-8 (the parser would replace or drop them). */
function badQueryEncoding(url: string): FieldError[] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  const errors: FieldError[] = [];
  for (const pair of url.slice(q + 1).split('&')) {
    const [rawKey, ...rest] = pair.split('=');
    let key = rawKey;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      decodeURIComponent(rest.join('=').replace(/\+/g, ' '));
    } catch {
      errors.push({ field: key || 'query', message: 'is not valid percent-encoded UTF-8' });
    }
  }
  return errors;
}

/**
 * The one check of every input of an API route, before validation and before any handler: a body
 * is a JSON object; body, query and path parameters carry no NUL and no lone surrogate; the query
 * string is valid UTF-8; an `:id` is a UUID (a read of something that cannot exist is 404, a write
 * naming it is bad input, 400). Headers cannot carry NUL (Node's parser refuses it) nor surrogates
 * (they are Latin-1); those used as data (Idempotency-Key, If-Match, X-Request-Id) have a grammar.
 */
export function registerInputGuard(fastify: FastifyInstance) {
  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    if (!request.routeOptions.url?.startsWith('/api/')) return;
    // Every body the API reads is an object; `null` would reach the pipe as `{}` and pass a DTO
    // whose fields are all optional.
    const body = request.body;
    if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
      throw DomainError.validation([{ field: 'body', message: 'must be a JSON object' }]);
    }
    const params = (request.params ?? {}) as Record<string, unknown>;
    const errors = [...badQueryEncoding(request.raw.url ?? ''), ...findBadText(params), ...findBadText(request.query), ...findBadText(request.body)];
    if (errors.length) throw DomainError.validation(errors.slice(0, MAX_ERRORS));
    const id = params.id;
    if (typeof id === 'string' && !UUID.test(id)) {
      if (request.method === 'GET') throw DomainError.notFound('Resource', JSON.stringify(id.slice(0, 64)));
      throw DomainError.validation([{ field: 'id', message: 'id must be a UUID' }]);
    }
  });
}
