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

/** The delegating unit sends a delegate's answer back (to the delegate), with the reason. */
export interface Vars extends CaseVars {
  /** The delegate, the addressee. */
  agencyName: LocalText;
  /** The delegating unit that sent the answer back. */
  reviewerName: LocalText;
  reason: string;
  resolveDueAt?: Instant | null;
}

export const vi: Source = {
  subject: `[{{caseCode}}] {{reviewerName}} trả lại kết quả, đề nghị giải quyết tiếp: {{caseTitle}}`,
  text: `Kính gửi: {{agencyName}}

{{reviewerName}} chưa thống nhất với kết quả giải quyết quý cơ quan đã báo cáo đối với vụ việc dưới đây và đề nghị tiếp tục giải quyết.

${CASE_VI}Lý do: {{reason}}
{{#if resolveDueAt}}
Hạn giải quyết: {{date resolveDueAt}}
{{/if}}

Đề nghị quý cơ quan giải quyết và báo cáo lại kết quả trên hệ thống.
${LINK_VI}${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[{{caseCode}}] {{reviewerName}} sent your answer back: {{caseTitle}}`,
  text: `To: {{agencyName}}

{{reviewerName}} did not accept the answer you reported on the case below and asks you to continue.

${CASE_EN}Reason: {{reason}}
{{#if resolveDueAt}}
Deadline: {{date resolveDueAt}}
{{/if}}

Please work on it and report your answer again in Concern Desk.
${LINK_EN}${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { ...CASE_REQUIRED, agencyName: true, reviewerName: true, reason: true }, vi, en };
