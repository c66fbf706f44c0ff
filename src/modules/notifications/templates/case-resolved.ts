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
  type Outcome,
  type Source,
  type TemplateDef,
} from './shared.js';

/** Every agency has reported: the standing body is asked to verify. */
export interface Vars extends CaseVars {
  agencies?: Array<{ name: LocalText; outcome: Outcome; documentNumber?: string | null }>;
}

export const vi: Source = {
  subject: `[{{caseCode}}] Đề nghị kiểm tra, xác nhận kết quả giải quyết: {{caseTitle}}`,
  text: `Kính gửi: Cơ quan thường trực

Các cơ quan được giao đã báo cáo đầy đủ kết quả giải quyết vụ việc dưới đây.

${CASE_VI}{{#if agencies}}
Kết quả của các cơ quan:
{{#each agencies}}
- {{name}}: {{label "outcome" outcome}}{{#if documentNumber}} (văn bản số {{documentNumber}}){{/if}}
{{/each}}
{{/if}}

Đề nghị kiểm tra, xác nhận kết quả để kết thúc vụ việc, hoặc mở lại vụ việc nếu kết quả chưa đạt yêu cầu.
${LINK_VI}${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[{{caseCode}}] All agencies answered, please verify: {{caseTitle}}`,
  text: `To: the standing body

Every assigned agency has reported its result on the case below.

${CASE_EN}{{#if agencies}}
Results:
{{#each agencies}}
- {{name}}: {{label "outcome" outcome}}{{#if documentNumber}} (document No. {{documentNumber}}){{/if}}
{{/each}}
{{/if}}

Please verify the resolution and close the case, or reopen it if the result is not acceptable.
${LINK_EN}${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { ...CASE_REQUIRED }, vi, en };
