import { FOOTER_EN, FOOTER_VI, type Source, type TemplateDef } from './shared.js';

/** The periodic review report (sơ kết, tổng kết); its files are attached by the review-report job. */
export interface Vars {
  /** Period code (2026-Q3, 2026-H1, 2026): the attachments are rebuilt from it at send time. */
  period: string;
  /** Coordination programme code, when the report is for one. */
  programme?: string | null;
  periodLabel: string;
  scopeName: string;
  received: number;
  resolved: number;
  overdue: number;
  onTimePercent?: number | null;
  /** Names of the attached files. */
  files?: string[];
}

export const vi: Source = {
  subject: `[Báo cáo sơ kết, tổng kết] {{periodLabel}} - {{scopeName}}`,
  text: `Kính gửi: Các đồng chí lãnh đạo

Gửi kèm báo cáo kết quả tiếp nhận, giải quyết các vấn đề Nhân dân quan tâm {{periodLabel}} ({{scopeName}}):
- Vụ việc tiếp nhận: {{received}}
- Vụ việc đã giải quyết: {{resolved}}
- Vụ việc quá hạn: {{overdue}}
{{#if (has onTimePercent)}}- Tỷ lệ giải quyết đúng hạn: {{onTimePercent}}%
{{/if}}
{{#if files}}
Tệp đính kèm: {{#each files}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}
{{/if}}
${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[Review report] {{periodLabel}} - {{scopeName}}`,
  text: `To: the leadership

Attached is the review of concerns received and resolved, {{periodLabel}} ({{scopeName}}):
- Cases received: {{received}}
- Cases resolved: {{resolved}}
- Cases overdue: {{overdue}}
{{#if (has onTimePercent)}}- Resolved on time: {{onTimePercent}}%
{{/if}}
{{#if files}}
Attached: {{#each files}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}
{{/if}}
${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = {
  required: { period: true, periodLabel: true, scopeName: true, received: true, resolved: true, overdue: true },
  vi,
  en,
};
