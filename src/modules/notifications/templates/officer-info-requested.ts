import { CASE_EN, CASE_REQUIRED, CASE_VI, type CaseVars, FOOTER_EN, FOOTER_VI, LINK_EN, LINK_VI, type Source, type TemplateDef } from './shared.js';

/**
 * The standing body asks the officer who logged a concern of the case for more information. (An
 * agency's question is the standing body's to answer: `info-requested`, never to the officer.)
 */
export interface Vars extends CaseVars {
  question: string;
}

export const vi: Source = {
  subject: `[{{caseCode}}] Cơ quan thường trực đề nghị bổ sung thông tin: {{caseTitle}}`,
  text: `Kính gửi: Báo cáo viên đã ghi nhận phản ánh

Cơ quan thường trực đề nghị bổ sung thông tin về phản ánh đồng chí đã ghi nhận để phân loại, chuyển giải quyết vụ việc dưới đây.

${CASE_VI}Nội dung đề nghị: {{question}}

Đề nghị trả lời trên hệ thống.
${LINK_VI}${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[{{caseCode}}] The standing body asks you for more information: {{caseTitle}}`,
  text: `To: the officer who logged the concern

The standing body needs more information about the concern you logged, to classify and route the case below.

${CASE_EN}Question: {{question}}

Please answer in Concern Desk.
${LINK_EN}${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { ...CASE_REQUIRED, question: true }, vi, en };
