import type { Role } from '../auth/roles.js';

/**
 * What an attachment is for. The strings are persistent data (rows of `attachment`, guarded by a
 * check constraint): never rename one.
 */
export const PURPOSES = ['PETITION', 'EVIDENCE', 'ANSWER_DOCUMENT', 'PROGRESS', 'DECISION', 'OTHER'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const PURPOSE_LABELS: Record<Purpose, { vi: string; en: string }> = {
  PETITION: { vi: 'Đơn, văn bản phản ánh', en: 'Petition or written concern' },
  EVIDENCE: { vi: 'Tài liệu, hình ảnh minh chứng', en: 'Evidence (documents, photos)' },
  ANSWER_DOCUMENT: { vi: 'Văn bản trả lời đã ký', en: 'Signed answer document' },
  PROGRESS: { vi: 'Báo cáo tiến độ', en: 'Progress report' },
  DECISION: { vi: 'Văn bản kết luận, chỉ đạo', en: 'Decision or directive' },
  OTHER: { vi: 'Tài liệu khác', en: 'Other' },
};

/** What each role may attach (admins nothing): the officer their concern's papers, an agency its work, a leader decisions. */
export const UPLOAD_PURPOSES: Record<Role, readonly Purpose[]> = {
  officer: ['PETITION', 'EVIDENCE'],
  triager: ['PETITION', 'EVIDENCE', 'PROGRESS', 'DECISION', 'OTHER'],
  agency: ['ANSWER_DOCUMENT', 'PROGRESS', 'EVIDENCE'],
  leader: ['DECISION'],
  admin: [],
};

/**
 * The file types an attachment may have, decided from its content (never from its name or the
 * client's Content-Type), with the extension the stored name is given.
 */
export const MEDIA_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.text': 'odt',
} as const;
export type MediaType = keyof typeof MEDIA_TYPES;
export const DOCX: MediaType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX: MediaType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ODT: MediaType = 'application/vnd.oasis.opendocument.text';

/** A signed answer document is a letter: a scan (JPG, PNG), a PDF or a text document, not a spreadsheet. */
export const ANSWER_DOCUMENT_TYPES: readonly MediaType[] = ['application/pdf', DOCX, ODT, 'image/jpeg', 'image/png'];

/** Whose text is searched: extracted from a PDF's text layer or a DOCX by the worker. */
export const TEXT_STATES = ['PENDING', 'DONE', 'NONE', 'FAILED'] as const;
export type TextState = (typeof TEXT_STATES)[number];
export const TEXT_TYPES: readonly MediaType[] = ['application/pdf', DOCX];

/** Attachment ids one action (a progress note, a resolution, a decision) may carry. */
export { MAX_LINKED_ATTACHMENTS } from '../cases/dto/case-actions.dto.js';
