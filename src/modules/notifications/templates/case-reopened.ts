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

/** The standing body reopens a case (to its agencies). */
export interface Vars extends CaseVars {
  agencyName?: LocalText;
  reason?: string | null;
  resolveDueAt?: Instant | null;
}

export const vi: Source = {
  subject: `[{{caseCode}}] Vụ việc được mở lại, đề nghị tiếp tục giải quyết: {{caseTitle}}`,
  text: `{{#if agencyName}}
Kính gửi: {{agencyName}}

{{/if}}
Cơ quan thường trực đã mở lại vụ việc dưới đây do kết quả giải quyết chưa đạt yêu cầu hoặc vấn đề tiếp tục phát sinh.

${CASE_VI}{{#if reason}}
Lý do: {{reason}}
{{/if}}
{{#if resolveDueAt}}
Hạn giải quyết: {{date resolveDueAt}}
{{/if}}

Đề nghị quý cơ quan tiếp tục giải quyết và báo cáo kết quả trên hệ thống.
${LINK_VI}${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[{{caseCode}}] Case reopened, please continue: {{caseTitle}}`,
  text: `{{#if agencyName}}
To: {{agencyName}}

{{/if}}
The standing body has reopened the case below: the resolution was not accepted, or the issue came back.

${CASE_EN}{{#if reason}}
Reason: {{reason}}
{{/if}}
{{#if resolveDueAt}}
Resolve by: {{date resolveDueAt}}
{{/if}}

Please continue the work and report the result in Concern Desk.
${LINK_EN}${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { ...CASE_REQUIRED }, vi, en };
