import { Redis } from 'ioredis';
import pg from 'pg';
import { createServer } from 'node:net';
import { decodeCursor, encodeCursor } from './cursor.js';
import { findBadText } from './input-guard.js';
import { MAX_JSON_DEPTH, nestingDepth } from './json-body.js';
import { toProblem } from './problem-details.filter.js';
import { isStrictDay, isStrictTimestamp } from './validators.js';

/** A loopback port nothing listens on (taken from the OS, then released). */
function freePortForSpec(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const ID = '3f0e8a52-5f7e-4c61-9d2a-0c1b6a3e9b11';

describe('strict dates', () => {
  it.each(['2026-11-20', '2024-02-29', '1900-01-01', '2200-12-31'])('takes the day %s', (d) => expect(isStrictDay(d)).toBe(true));
  it.each([
    '2026',
    '2026-05',
    '2026-W01',
    '2026-02-30',
    '2025-02-29',
    '0000-01-01',
    '0001-01-01',
    '1899-12-31',
    '2201-01-01',
    '2026-11-20T00:00:00Z',
    ' 2026-11-20',
    '20261120',
  ])('refuses the day %s', (d) => expect(isStrictDay(d)).toBe(false));
  it.each(['2026-11-20T08:00:00+07:00', '2026-11-20T01:00:00.000Z', '2026-11-20T08:00+07:00', '2026-11-20T08:00:00.123456-03:30'])(
    'takes the instant %s',
    (d) => expect(isStrictTimestamp(d)).toBe(true),
  );
  it.each([
    '2026',
    '2026-05',
    '2026-W01',
    '2026-11-20',
    '2026-11-20T08:00:00',
    '2026-02-30T08:00:00Z',
    '2026-11-20T24:00:00Z',
    '2026-11-20T08:00:00+15:00',
    '0001-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
  ])('refuses the instant %s', (d) => expect(isStrictTimestamp(d)).toBe(false));
});

describe('cursors', () => {
  it('decodes what it encodes', () => {
    expect(decodeCursor(encodeCursor('2026-11-20 08:00:00.123456+07', ID))).toEqual({ createdAt: '2026-11-20 08:00:00.123456+07', id: ID });
  });
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  it.each([
    ['not base64', 'not base64!'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['an object', b64({ createdAt: '2026-11-20 08:00:00+07', id: ID })],
    ['null', b64(null)],
    ['a bare year', b64(['2026', ID])],
    ['an impossible day', b64(['2026-02-30 08:00:00+07', ID])],
    ['year 1', b64(['0001-01-01 00:00:00+00', ID])],
    ['not a uuid', b64(['2026-11-20 08:00:00+07', 'x'])],
    ['three items', b64(['2026-11-20 08:00:00+07', ID, 1])],
    ['huge', 'A'.repeat(10_000)],
  ])('refuses %s with a 400 naming cursor', (_name, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ status: 400, errors: [expect.objectContaining({ field: 'cursor' })] }));
  });
});

describe('bad text and nesting', () => {
  it('names every string with a NUL or a lone surrogate, keys included, and lets paired surrogates through', () => {
    const errors = findBadText({ title: 'a\u0000', reporter: { name: '\ud800x' }, list: ['ok', '\udc00'], ['k\u0000']: 1, emoji: '😀' });
    expect(errors.map((e) => e.field).sort()).toEqual(['k\u0000', 'list[1]', 'reporter.name', 'title']);
  });
  it('measures depth without recursion, ignoring brackets inside strings', () => {
    expect(nestingDepth('{"a":[1,{"b":"[[[["}]}')).toBe(3);
    expect(nestingDepth('"\\"[[["')).toBe(0);
    expect(nestingDepth('['.repeat(100_000))).toBe(MAX_JSON_DEPTH + 1);
  });
});

describe('infrastructure errors: 503 with Retry-After, bugs stay 500', () => {
  it('a PostgreSQL that refuses connections is a 503', async () => {
    const port = await freePortForSpec();
    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/x` });
    const error = await client.connect().then(
      () => null,
      (e: unknown) => e,
    );
    await client.end().catch(() => undefined);
    expect(toProblem(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 });
  });

  it('a pool that cannot connect in time, and a server shutting down (57P01), are 503', () => {
    expect(toProblem(new Error('timeout exceeded when trying to connect')).status).toBe(503);
    expect(toProblem(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })).status).toBe(503);
    expect(toProblem(Object.assign(new Error('query failed'), { driverError: { code: '08006' } })).status).toBe(503);
  });

  it('a Redis that is gone is a 503', async () => {
    const port = await freePortForSpec();
    const redis = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    redis.on('error', () => undefined);
    const ended = new Promise((resolve) => redis.once('end', resolve));
    const error = await redis.get('x').then(
      () => null,
      (e: unknown) => e,
    );
    await ended;
    expect(error).toBeTruthy();
    expect(toProblem(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('a programming error or a constraint violation stays 500', () => {
    expect(toProblem(new TypeError("Cannot read properties of undefined (reading 'id')")).status).toBe(500);
    expect(toProblem(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })).status).toBe(500);
  });
});
