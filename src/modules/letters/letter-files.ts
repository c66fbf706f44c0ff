import { Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { type LetterFormat, renderLetter, type RenderedFile } from './letter-render.js';
import type { LetterSnapshot } from './letter-snapshot.js';

/**
 * The files of a letter, rendered from its register row on demand (never stored: the row is the
 * truth, and the same row gives the same bytes). Who may have them is the caller's business: the
 * download route asks the case's visibility rule, the e-mail its need-to-know rule.
 */
@Injectable()
export class LetterFiles {
  constructor(private readonly db: DataSource) {}

  async snapshot(id: string): Promise<LetterSnapshot> {
    const [row] = await this.db.query(`SELECT snapshot FROM outgoing_document WHERE id = $1 AND kind = 'FORWARDING_LETTER'`, [id]);
    if (!row) throw DomainError.notFound('Letter', id);
    return row.snapshot as LetterSnapshot;
  }

  async render(id: string, format: LetterFormat): Promise<RenderedFile> {
    return renderLetter(await this.snapshot(id), format);
  }
}

/** The letters' files alone, for processes that send them (the worker's e-mail jobs) without the routes. */
@Module({ providers: [LetterFiles], exports: [LetterFiles] })
export class LetterFilesModule {}
