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

/** An overdue assignment is reported one rung up the escalation ladder. */
export interface Vars extends CaseVars {
  level: 1 | 2 | 3;
  agencyName: LocalText;
  overdueSince: Instant;
  /** resolve when left out. */
  kind?: DeadlineKind;
  daysOverdue?: number | null;
}

export const vi: Source = {
  subject: `[{{caseCode}}] Cảnh báo quá hạn (mức {{level}}): {{caseTitle}}`,
  text: `Vụ việc dưới đây giao {{agencyName}} ${ack('nhận xử lý', 'giải quyết')} đã quá hạn từ {{date overdueSince}}{{#if daysOverdue}} ({{daysOverdue}} ngày){{/if}} nhưng chưa có kết quả.

${CASE_VI}Cơ quan được giao: {{agencyName}}
Quá hạn từ: {{date overdueSince}}
Mức cảnh báo: {{level}}/3

Theo quy chế phối hợp, vụ việc được báo cáo {{label "escalation" level}} để chỉ đạo, đôn đốc giải quyết.
${LINK_VI}${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[{{caseCode}}] Overdue warning (level {{level}}): {{caseTitle}}`,
  text: `The ${ack('acknowledgement', 'resolution')} deadline of the case below, assigned to {{agencyName}}, passed on {{date overdueSince}}{{#if daysOverdue}}, {{daysOverdue}} days ago{{/if}}, and no result has been reported.

${CASE_EN}Assigned agency: {{agencyName}}
Overdue since: {{date overdueSince}}
Escalation level: {{level}}/3

Under the coordination rules the case is reported to {{label "escalation" level}} to direct and speed up its resolution.
${LINK_EN}${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { ...CASE_REQUIRED, level: true, agencyName: true, overdueSince: true }, vi, en };
