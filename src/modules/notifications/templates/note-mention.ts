import {
  CASE_EN,
  CASE_REQUIRED,
  CASE_VI,
  type CaseVars,
  FOOTER_EN,
  FOOTER_VI,
  LINK_EN,
  LINK_VI,
  type LocalText,
  type Source,
  type TemplateDef,
} from './shared.js';

/**
 * A colleague named the addressee (a user, or a unit's mailbox) in an internal note on a case.
 * `text` is the note: like the title, withheld unless the case is PUBLIC (redaction.ts).
 */
export interface Vars extends CaseVars {
  authorName: string;
  authorUnitName?: LocalText | null;
  mentionedName?: LocalText | null;
  text: string;
}

export const vi: Source = {
  subject: `[{{caseCode}}] Ghi chú nội bộ nhắc đến quý vị: {{caseTitle}}`,
  text: `{{#if mentionedName}}
Kính gửi: {{mentionedName}}

{{/if}}
Đồng chí {{authorName}}{{#if authorUnitName}} ({{authorUnitName}}){{/if}} đã nhắc đến quý vị trong ghi chú nội bộ về vụ việc dưới đây.

${CASE_VI}Nội dung ghi chú: {{text}}

Ghi chú nội bộ chỉ cơ quan thường trực và cơ quan được giao xử lý vụ việc xem được; đề nghị không chuyển tiếp thư này.
${LINK_VI}${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[{{caseCode}}] You were mentioned in an internal note: {{caseTitle}}`,
  text: `{{#if mentionedName}}
To: {{mentionedName}}

{{/if}}
{{authorName}}{{#if authorUnitName}} ({{authorUnitName}}){{/if}} mentioned you in an internal note on the case below.

${CASE_EN}Note: {{text}}

Internal notes are seen only by the standing body and the agencies assigned to the case; please do not forward this message.
${LINK_EN}${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { ...CASE_REQUIRED, authorName: true, text: true }, vi, en };
