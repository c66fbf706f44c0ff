import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth.decorators.js';

/** An attachment as the case page lists it (the attachments module's own routes say more). */
export interface CaseAttachmentSummary {
  id: string;
  filename: string;
  purpose: string;
  purposeLabel: { vi: string; en: string };
  sizeBytes: number;
  mediaType: string;
  uploadedAt: string;
  uploaderUnitCode: string | null;
  eventId: string | null;
}

export interface CaseAttachmentsReader {
  /** The attachments of a case the caller already sees, those the caller may read. */
  summariesOf(caseId: string, user: AuthUser): Promise<CaseAttachmentSummary[]>;
  /**
   * An SQL condition on `c` (cases) true when an attachment of the case the caller may read has
   * extracted text matching `pattern` (a LIKE pattern on folded text, bound as `likeParam`).
   */
  textMatch(user: AuthUser, pattern: string, likeParam: string, param: (value: unknown) => string): Promise<string>;
}

/**
 * Where the case reads find attachments: cases may not import the attachments module (it is
 * upstream of it), so that module plugs its reader in at start. Without it the reads carry none
 * and the search looks at the cases' own text only.
 */
@Injectable()
export class CaseAttachmentsPort {
  reader: CaseAttachmentsReader | null = null;

  summariesOf(caseId: string, user: AuthUser): Promise<CaseAttachmentSummary[]> {
    return this.reader ? this.reader.summariesOf(caseId, user) : Promise.resolve([]);
  }

  async textMatch(user: AuthUser, pattern: string, likeParam: string, param: (value: unknown) => string): Promise<string | null> {
    return this.reader ? this.reader.textMatch(user, pattern, likeParam, param) : null;
  }
}
