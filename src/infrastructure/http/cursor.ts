import { DomainError } from './domain-error.js';
import { isStrictDay, UUID } from './validators.js';

// timestamptz as PostgreSQL prints it (`2026-11-20 08:00:00.123456+07`): the only text the API puts in a cursor.
const PG_TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2} (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-]\d{2}(:\d{2}(:\d{2})?)?$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Longer than any cursor encodeCursor makes. */
export const MAX_CURSOR_LENGTH = 200;

/** A keyset cursor: the last row's created_at (PostgreSQL text, microseconds kept) and id. */
export function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

/** The cursor's position, or a 400 naming `cursor` for anything encodeCursor did not make. */
export function decodeCursor(cursor: string, field = 'cursor'): { createdAt: string; id: string } {
  if (cursor.length <= MAX_CURSOR_LENGTH && BASE64URL.test(cursor)) {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (Array.isArray(parsed) && parsed.length === 2) {
        const [createdAt, id] = parsed as unknown[];
        const m = typeof createdAt === 'string' ? PG_TIMESTAMPTZ.exec(createdAt) : null;
        if (m && isStrictDay((createdAt as string).slice(0, 10)) && +m[1] <= 23 && +m[2] <= 59 && +m[3] <= 59 && typeof id === 'string' && UUID.test(id)) {
          return { createdAt: createdAt as string, id };
        }
      }
    } catch {
      // not JSON: refused below
    }
  }
  throw DomainError.validation([{ field, message: 'is not a cursor returned by this API' }]);
}
