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

/** An agency asks the standing body for more information. */
export interface Vars extends CaseVars {
  agencyName: LocalText;
  question: string;
}

export const vi: Source = {
  subject: `[{{caseCode}}] {{agencyName}} đề nghị cung cấp thêm thông tin: {{caseTitle}}`,
  text: `Kính gửi: Cơ quan thường trực

{{agencyName}} đề nghị cung cấp thêm thông tin để giải quyết vụ việc dưới đây.

${CASE_VI}Nội dung đề nghị: {{question}}

Đề nghị trả lời trên hệ thống để vụ việc tiếp tục được giải quyết.
${LINK_VI}${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[{{caseCode}}] {{agencyName}} asks for more information: {{caseTitle}}`,
  text: `To: the standing body

{{agencyName}} needs more information to resolve the case below.

${CASE_EN}Question: {{question}}

Please answer in Concern Desk so that work on the case can resume.
${LINK_EN}${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { ...CASE_REQUIRED, agencyName: true, question: true }, vi, en };
