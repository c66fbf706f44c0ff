import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { HEAD_BYTES } from './file-check.js';

/** An upload written to a scratch file while it was hashed, counted and its head kept for sniffing. */
export interface StagedFile {
  path: string;
  size: number;
  sha256: string;
  head: Buffer;
  remove(): Promise<void>;
}

export function fileTooLarge(max: number) {
  return new DomainError('FILE_TOO_LARGE', HttpStatus.PAYLOAD_TOO_LARGE, `The file is larger than ${max} bytes`, [
    { field: 'file', message: `must be at most ${max} bytes` },
  ]);
}

/**
 * Streams an upload to a scratch file under `dir`: SHA-256 and size computed on the way, the first
 * HEAD_BYTES kept, nothing else held in memory. More than `maxBytes` stops the write at once and
 * answers 413 FILE_TOO_LARGE, with the scratch file removed.
 */
export async function stageUpload(source: Readable & { truncated?: boolean }, dir: string, maxBytes: number): Promise<StagedFile> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `upload-${randomUUID()}`);
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(fileTooLarge(maxBytes));
      hash.update(chunk);
      if (headBytes < HEAD_BYTES) {
        const part = chunk.subarray(0, HEAD_BYTES - headBytes);
        head.push(part);
        headBytes += part.length;
      }
      done(null, chunk);
    },
  });
  const remove = () => rm(path, { force: true });
  try {
    await pipeline(source, meter, createWriteStream(path, { flags: 'wx' }));
    // Busboy stops a part at its own limit without an error: the part is then cut short.
    if (source.truncated) throw fileTooLarge(maxBytes);
  } catch (e) {
    await remove();
    throw e;
  }
  return { path, size, sha256: hash.digest('hex'), head: Buffer.concat(head), remove };
}
