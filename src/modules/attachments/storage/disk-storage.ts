import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { byteCounter, checkKey, type ObjectStorage, StorageObjectMissing } from './object-storage.js';

/** The directory, inside the store's root, where writes and uploads are staged (same filesystem, so a rename is atomic). */
export const INCOMING_DIR = '.incoming';

/**
 * Objects as files under one directory (STORAGE_DIR). A write goes to a temporary file in the same
 * filesystem, is flushed to disk, then renamed into place: a reader sees the whole object or none,
 * and a crash leaves only a temporary file behind.
 */
export class DiskStorage implements ObjectStorage {
  readonly kind = 'disk' as const;
  readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  private path(key: string) {
    return join(this.root, checkKey(key));
  }

  async put(key: string, body: Readable): Promise<{ size: number }> {
    const target = this.path(key);
    const temp = join(this.root, INCOMING_DIR, `put-${randomUUID()}`);
    await mkdir(dirname(temp), { recursive: true });
    await mkdir(dirname(target), { recursive: true });
    const counter = byteCounter();
    try {
      await pipeline(body, counter, createWriteStream(temp, { flags: 'wx' }));
      const handle = await open(temp, 'r');
      await handle.sync().finally(() => handle.close());
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    return { size: counter.bytes };
  }

  async get(key: string): Promise<Readable> {
    const path = this.path(key);
    // Open first, so that a missing object is an error here and not half-way through a response.
    const handle = await open(path, 'r').catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'ENOENT' ? new StorageObjectMissing(key) : e;
    });
    // The stream owns the handle (and closes it at the end): a bare fd would be closed again when the handle is collected.
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.path(key)).then(
      (s) => s.isFile(),
      () => false,
    );
  }
}
