import { Injectable } from '@nestjs/common';
import type { Locale, StoredVars, TemplateName, TemplateVars } from './templates.js';

export interface Attachment {
  filename: string;
  content: Buffer;
  contentType: string;
}
/** Builds the files of a notice from its vars (as stored, so typed as the template's but not checked). */
export type AttachmentBuilder<T extends TemplateName = TemplateName> = (vars: TemplateVars[T], locale: Locale) => Promise<Attachment[]>;

/**
 * Files some notices carry (the periodic review report). A module downstream registers the builder
 * for its template, so notifications need not know reports; the send-email job builds the files
 * when it sends, from the notice's stored vars — nothing large is kept in the notice or in Redis.
 */
@Injectable()
export class NotificationAttachments {
  private readonly builders = new Map<TemplateName, AttachmentBuilder>();

  register<T extends TemplateName>(template: T, builder: AttachmentBuilder<T>) {
    this.builders.set(template, builder as AttachmentBuilder);
  }

  async build(template: TemplateName, vars: StoredVars, locale: Locale): Promise<Attachment[]> {
    const builder = this.builders.get(template);
    return builder ? builder(vars as unknown as TemplateVars[TemplateName], locale) : [];
  }
}
