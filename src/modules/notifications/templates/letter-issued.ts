import {
  type AssignmentRole,
  CASE_EN,
  CASE_REQUIRED,
  CASE_VI,
  type CaseVars,
  FOOTER_EN,
  FOOTER_VI,
  type Instant,
  LETTER_EN,
  LETTER_VI,
  LINK_EN,
  LINK_VI,
  type LocalText,
  type Source,
  type TemplateDef,
} from './shared.js';

/** The standing body sends an agency a new forwarding letter on a case it holds (a reminder, after a re-route). */
export interface Vars extends CaseVars {
  agencyName?: LocalText;
  role?: AssignmentRole;
  /** The letter (register id and number): attached when the case is PUBLIC. */
  letterId?: string | null;
  letterNumber: string;
  resolveDueAt?: Instant | null;
}

export const vi: Source = {
  subject: `[{{caseCode}}] Công văn số {{letterNumber}} của cơ quan thường trực: {{caseTitle}}`,
  text: `{{#if agencyName}}
Kính gửi: {{agencyName}}

{{/if}}
Cơ quan thường trực gửi quý cơ quan Công văn số {{letterNumber}} về vụ việc dưới đây.

${CASE_VI}{{#if resolveDueAt}}
Hạn giải quyết: {{date resolveDueAt}}
{{/if}}

${LETTER_VI}Đề nghị quý cơ quan thực hiện theo nội dung công văn và báo cáo kết quả trên hệ thống.
${LINK_VI}${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[{{caseCode}}] Letter no. {{letterNumber}} from the standing body: {{caseTitle}}`,
  text: `{{#if agencyName}}
To: {{agencyName}}

{{/if}}
The standing body sends your unit its letter no. {{letterNumber}} on the case below.

${CASE_EN}{{#if resolveDueAt}}
Resolve by: {{date resolveDueAt}}
{{/if}}

${LETTER_EN}Please act on the letter and report the result in Concern Desk.
${LINK_EN}${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { ...CASE_REQUIRED, letterNumber: true }, vi, en };
