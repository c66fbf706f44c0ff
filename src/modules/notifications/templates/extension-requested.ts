import {
  CASE_EN,
  CASE_REQUIRED,
  CASE_VI,
  type CaseVars,
  FOOTER_EN,
  FOOTER_VI,
  type Instant,
  LINK_EN,
  LINK_VI,
  type LocalText,
  type Source,
  type TemplateDef,
} from './shared.js';

/** An agency asks for more time (to the standing body). */
export interface Vars extends CaseVars {
  agencyName: LocalText;
  /** Working days asked for. */
  days: number;
  reason: string;
  currentDueAt?: Instant | null;
}

export const vi: Source = {
  subject: `[{{caseCode}}] {{agencyName}} đề nghị gia hạn giải quyết: {{caseTitle}}`,
  text: `Kính gửi: Cơ quan thường trực

{{agencyName}} đề nghị gia hạn thời hạn giải quyết vụ việc dưới đây.

${CASE_VI}{{#if currentDueAt}}
Thời hạn hiện tại: {{date currentDueAt}}
{{/if}}
Thời gian đề nghị gia hạn: {{days}} ngày làm việc
Lý do: {{reason}}

Đề nghị xem xét, quyết định trên hệ thống.
${LINK_VI}${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[{{caseCode}}] {{agencyName}} requests an extension: {{caseTitle}}`,
  text: `To: the standing body

{{agencyName}} asks for more time to resolve the case below.

${CASE_EN}{{#if currentDueAt}}
Current deadline: {{date currentDueAt}}
{{/if}}
Extension requested: {{days}} working days
Reason: {{reason}}

Please decide on the request in Concern Desk.
${LINK_EN}${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { ...CASE_REQUIRED, agencyName: true, days: true, reason: true }, vi, en };
