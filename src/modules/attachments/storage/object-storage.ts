import { type Readable, Transform } from 'node:stream';

/**
 * Where attachments' bytes live. Small on purpose, so that the local disk and any S3-compatible
 * store behave the same to the rest of the module (the same tests run against both). Keys are
 * made by this module (`ab/<attachment id>`) or by letters (`letters/<id>-<format>`, the issued copies), never from user input. An object is written once
 * and never changed.
 */
export interface ObjectStorage {
  readonly kind: 'disk' | 's3';
  /** Stores the stream's bytes under `key` (all or nothing: a failed write leaves no object). */
  put(key: string, body: Readable): Promise<{ size: number }>;
  /** The object's bytes as a stream; rejects with StorageObjectMissing when there is none. */
  get(key: string): Promise<Readable>;
  /** Removes the object (no error when there is none). */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

/** The Nest token of the configured ObjectStorage. */
export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

export class StorageObjectMissing extends Error {
  constructor(key: string) {
    super(`no stored object ${key}`);
  }
}

const KEY = /^[a-z0-9][a-z0-9/_-]{0,199}$/;

/** Keys are ours, but a bad one must never reach a path or a URL. */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes('//')) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
  return key;
}

/** A pass-through that counts the bytes going through it (`counter.bytes`). */
export function byteCounter(): Transform & { bytes: number } {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counter.bytes += chunk.length;
      done(null, chunk);
    },
  }) as Transform & { bytes: number };
  counter.bytes = 0;
  return counter;
}
