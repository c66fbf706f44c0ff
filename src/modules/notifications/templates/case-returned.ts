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

/** An agency returns a case as outside its remit (to the standing body). */
export interface Vars extends CaseVars {
  agencyName: LocalText;
  reason: string;
}

export const vi: Source = {
  subject: `[{{caseCode}}] {{agencyName}} trả lại vụ việc: {{caseTitle}}`,
  text: `Kính gửi: Cơ quan thường trực

{{agencyName}} đã trả lại vụ việc dưới đây với lý do vụ việc không thuộc thẩm quyền giải quyết của cơ quan mình.

${CASE_VI}Lý do trả lại: {{reason}}

Đề nghị xem xét, phân loại lại và chuyển vụ việc đến cơ quan có thẩm quyền giải quyết.
${LINK_VI}${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[{{caseCode}}] {{agencyName}} returned the case: {{caseTitle}}`,
  text: `To: the standing body

{{agencyName}} has returned the case below as outside its remit.

${CASE_EN}Reason: {{reason}}

Please review and classify the case again, and route it to the competent agency.
${LINK_EN}${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { ...CASE_REQUIRED, agencyName: true, reason: true }, vi, en };
