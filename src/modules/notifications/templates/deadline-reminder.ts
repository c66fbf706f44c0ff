import {
  ack,
  CASE_EN,
  CASE_REQUIRED,
  CASE_VI,
  type CaseVars,
  type DeadlineKind,
  FOOTER_EN,
  FOOTER_VI,
  type Instant,
  LINK_EN,
  LINK_VI,
  type LocalText,
  type Source,
  type TemplateDef,
} from './shared.js';

/** A deadline of an assignment is near. */
export interface Vars extends CaseVars {
  agencyName?: LocalText;
  /** resolve when left out. */
  kind?: DeadlineKind;
  /** The deadline (stored notices may carry it as `resolveDueAt` / `acknowledgeDueAt` instead). */
  dueAt: Instant;
}

export const vi: Source = {
  subject: `[{{caseCode}}] Nhắc hạn ${ack('nhận xử lý', 'giải quyết')} (đến hạn ngày {{day dueAt}}): {{caseTitle}}`,
  text: `{{#if agencyName}}
Kính gửi: {{agencyName}}

{{/if}}
Vụ việc dưới đây sắp đến hạn ${ack('nhận xử lý', 'báo cáo kết quả giải quyết')}; thời hạn là {{date dueAt}}.

${CASE_VI}
Đề nghị quý cơ quan khẩn trương ${ack('xác nhận đã nhận xử lý', 'hoàn thành việc giải quyết và báo cáo kết quả')} trên hệ thống. Trường hợp cần thêm thời gian, đề nghị gửi đề nghị gia hạn, nêu rõ lý do.
${LINK_VI}${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[{{caseCode}}] Reminder: ${ack('acknowledgement', 'resolution')} due on {{day dueAt}}: {{caseTitle}}`,
  text: `{{#if agencyName}}
To: {{agencyName}}

{{/if}}
The ${ack('acknowledgement', 'resolution report')} of the case below is due on {{date dueAt}}.

${CASE_EN}
Please ${ack('acknowledge the case', 'complete the resolution and report the result')} in Concern Desk. If you need more time, request an extension and state the reason.
${LINK_EN}${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { ...CASE_REQUIRED, dueAt: true }, vi, en };
