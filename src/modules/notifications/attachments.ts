import { Injectable } from '@nestjs/common';
import type { Locale, TemplateName } from './templates.js';

export interface Attachment {
  filename: string;
  content: Buffer;
  contentType: string;
}
export type AttachmentBuilder = (vars: Record<string, unknown>, locale: Locale) => Promise<Attachment[]>;

/**
 * Files some notices carry (the periodic review report). A module downstream registers the builder
 * for its template, so notifications need not know reports; the send-email job builds the files
 * when it sends, from the notice's stored vars — nothing large is kept in the notice or in Redis.
 */
@Injectable()
export class NotificationAttachments {
  private readonly builders = new Map<TemplateName, AttachmentBuilder>();

  register(template: TemplateName, builder: AttachmentBuilder) {
    this.builders.set(template, builder);
  }

  async build(template: TemplateName, vars: Record<string, unknown>, locale: Locale): Promise<Attachment[]> {
    const builder = this.builders.get(template);
    return builder ? builder(vars, locale) : [];
  }
}
