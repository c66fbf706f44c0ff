import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { ObjectStorageModule } from '../attachments/attachments.module.js';
import { OBJECT_STORAGE, type ObjectStorage, StorageObjectMissing } from '../attachments/storage/object-storage.js';
import { CONTENT_TYPES, type LetterFormat, letterFileName, renderLetter, type RenderedFile } from './letter-render.js';
import type { LetterSnapshot } from './letter-snapshot.js';

/**
 * The files of a letter: rendered from its register row the first time they are asked for (the row
 * is the truth, and the same row gives the same bytes), then kept as the issued copy in the object
 * storage (outgoing_document_file), so the lead's and every supporting agency's e-mail and each
 * download serve one rendering (a PDF costs 60–100 ms of CPU). Who may have them is the caller's
 * business: the download route asks the case's visibility rule, the e-mail its need-to-know rule.
 */
@Injectable()
export class LetterFiles {
  constructor(
    private readonly db: DataSource,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async snapshot(id: string): Promise<LetterSnapshot> {
    const [row] = await this.db.query(`SELECT snapshot FROM outgoing_document WHERE id = $1 AND kind = 'FORWARDING_LETTER'`, [id]);
    if (!row) throw DomainError.notFound('Letter', id);
    return row.snapshot as LetterSnapshot;
  }

  async render(id: string, format: LetterFormat): Promise<RenderedFile> {
    const [kept] = await this.db.query(
      `SELECT f.storage_key AS key, d.number_text AS "numberText" FROM outgoing_document_file f JOIN outgoing_document d ON d.id = f.document_id
        WHERE f.document_id = $1 AND f.format = $2`,
      [id, format],
    );
    if (kept) {
      const content = await this.read(kept.key);
      if (content) return { filename: letterFileName(kept.numberText, format), contentType: CONTENT_TYPES[format], content };
    }
    const file = await renderLetter(await this.snapshot(id), format);
    const key = `letters/${id}-${format}`;
    // Two first renderings at once write the same bytes under the same key; the first row stays.
    await this.storage.put(key, Readable.from([file.content]));
    await this.db.query(
      `INSERT INTO outgoing_document_file (document_id, format, storage_key, sha256, size_bytes) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [id, format, key, createHash('sha256').update(file.content).digest('hex'), file.content.length],
    );
    return file;
  }

  /** A kept copy's bytes; null when the object is gone (a store restored without it): render again. */
  private async read(key: string): Promise<Buffer | null> {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of await this.storage.get(key)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    } catch (e) {
      if (e instanceof StorageObjectMissing) return null;
      throw e;
    }
  }
}

/** The letters' files alone, for processes that send them (the worker's e-mail jobs) without the routes. */
@Module({ imports: [ObjectStorageModule], providers: [LetterFiles], exports: [LetterFiles] })
export class LetterFilesModule {}
