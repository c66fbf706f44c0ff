import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error.js';

/** Largest body of any API route but the batch intake (a concern with the longest texts is under 64 KiB). */
export const ROUTE_BODY_LIMIT = 1024 * 1024;
/** Routes that take up to the server's whole body limit. */
const LARGE_BODY_ROUTES = new Set(['/api/v1/concerns/batch']);

/** Deepest nesting of arrays and objects a body may have; the deepest DTO (batch → concern → reporter) needs 4. */
export const MAX_JSON_DEPTH = 32;

/**
 * The API reads JSON only. Every other parser is removed (Fastify's text/plain, Nest's
 * form-urlencoded when its body parser is on), so any other content type answers 415. The JSON
 * parser bounds the size per route (only the batch intake takes the server's whole limit),
 * decodes strictly (invalid UTF-8 is refused, not replaced with U+FFFD), bounds the nesting before
 * parsing (JSON.parse recurses, and so do class-transformer and class-validator after it), and
 * keeps Fastify's secure-json-parse refusal of `__proto__` and `constructor.prototype`.
 */
export function registerJsonOnlyBody(fastify: FastifyInstance, bodyLimit: number) {
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (request: FastifyRequest, body: Buffer, done) => {
    // A POST without a body (acknowledge, retry) may still say application/json.
    if (body.length === 0) return done(null, undefined);
    const route = request.routeOptions.url ?? '';
    if (route.startsWith('/api/') && !LARGE_BODY_ROUTES.has(route) && body.length > ROUTE_BODY_LIMIT) {
      return done(
        new DomainError('PAYLOAD_TOO_LARGE', 413, `The request body is larger than ${ROUTE_BODY_LIMIT} bytes`, [{ field: 'body', message: 'is too large' }]),
        undefined,
      );
    }
    let text: string;
    try {
      text = decoder.decode(body);
    } catch {
      return done(bodyError('is not valid UTF-8'), undefined);
    }
    const depth = nestingDepth(text);
    if (depth > MAX_JSON_DEPTH) return done(bodyError(`is nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    void parseJson(request, text, (err, value) => {
      if (err) return done(bodyError(`is not valid JSON: ${err.message}`), undefined);
      done(null, value);
    });
  });
}

function bodyError(message: string) {
  return DomainError.validation([{ field: 'body', message }], `The request body ${message}`);
}

/**
 * Deepest nesting of `{` / `[` outside strings, in one pass without recursion. Stops counting
 * once past the limit. Malformed text is left to the parser to refuse.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) {
        max = depth;
        if (max > MAX_JSON_DEPTH) return max;
      }
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return max;
}
