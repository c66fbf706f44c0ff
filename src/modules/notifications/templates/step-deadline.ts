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

/** A step that is not an assignment's: the standing body's triage or verification, or an agency's reply to a directive. */
export type Step = 'TRIAGE' | 'VERIFY' | 'DIRECTIVE_REPLY';

/** The step's deadline is near (no `level`) or has passed and climbs the ladder (`level`). */
export interface Vars extends CaseVars {
  step: Step;
  dueAt: Instant;
  level?: 1 | 2 | 3;
  /** Who owes the step when it is an agency's (a directive's reply); the standing body otherwise. */
  agencyName?: LocalText | null;
}

export const vi: Source = {
  subject: `[{{caseCode}}] {{#if level}}Cảnh báo quá hạn (mức {{level}}){{else}}Nhắc hạn{{/if}} {{label "step" step}}: {{caseTitle}}`,
  text: `{{#unless level}}Kính gửi: {{#if agencyName}}{{agencyName}}{{else}}Cơ quan thường trực{{/if}}

{{/unless}}{{#if level}}Việc {{label "step" step}} của vụ việc dưới đây{{#if agencyName}} (giao {{agencyName}}){{/if}} đã quá hạn từ {{date dueAt}} mà chưa hoàn thành. Mức cảnh báo: {{level}}/3.{{else}}Việc {{label "step" step}} của vụ việc dưới đây sắp đến hạn; thời hạn là {{date dueAt}}.{{/if}}

${CASE_VI}
{{#if level}}Đề nghị chỉ đạo, đôn đốc hoàn thành.{{else}}Đề nghị khẩn trương thực hiện trên hệ thống.{{/if}}
${LINK_VI}${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[{{caseCode}}] {{#if level}}Overdue warning (level {{level}}){{else}}Reminder{{/if}}: {{label "step" step}}: {{caseTitle}}`,
  text: `{{#unless level}}To: {{#if agencyName}}{{agencyName}}{{else}}the standing body{{/if}}

{{/unless}}{{#if level}}The {{label "step" step}} of the case below{{#if agencyName}} (owed by {{agencyName}}){{/if}} was due on {{date dueAt}} and is not done. Escalation level: {{level}}/3.{{else}}The {{label "step" step}} of the case below is due on {{date dueAt}}.{{/if}}

${CASE_EN}
{{#if level}}Please direct and follow it up.{{else}}Please complete it in Concern Desk.{{/if}}
${LINK_EN}${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { ...CASE_REQUIRED, step: true, dueAt: true }, vi, en };
