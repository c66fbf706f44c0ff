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

/** A leader issues a directive on a case (to its agencies). */
export interface Vars extends CaseVars {
  agencyName?: LocalText;
  authorName?: string | null;
  text: string;
  dueAt?: Instant | null;
}

export const vi: Source = {
  subject: `[{{caseCode}}] Ý kiến chỉ đạo về vụ việc: {{caseTitle}}`,
  text: `{{#if agencyName}}
Kính gửi: {{agencyName}}

{{/if}}
{{#if authorName}}Đồng chí {{authorName}}{{else}}Lãnh đạo{{/if}} đã có ý kiến chỉ đạo đối với vụ việc dưới đây.

${CASE_VI}Nội dung chỉ đạo: {{text}}
{{#if dueAt}}
Thời hạn thực hiện: {{date dueAt}}
{{/if}}

Đề nghị quý cơ quan nghiêm túc triển khai thực hiện và báo cáo kết quả.
${LINK_VI}${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[{{caseCode}}] Directive on the case: {{caseTitle}}`,
  text: `{{#if agencyName}}
To: {{agencyName}}

{{/if}}
{{#if authorName}}{{authorName}}{{else}}The leadership{{/if}} has issued a directive on the case below.

${CASE_EN}Directive: {{text}}
{{#if dueAt}}
Due: {{date dueAt}}
{{/if}}

Please carry it out and report the result.
${LINK_EN}${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { ...CASE_REQUIRED, text: true }, vi, en };
