import { FOOTER_EN, FOOTER_VI, type Instant, type LocalText, type Source, type TemplateDef } from './shared.js';

/** The leaders' weekly figures and overdue cases. */
export interface LeaderDigestItem {
  n: number;
  caseCode: string;
  caseTitle: string;
  /** Every late agency of the case. */
  agencyName: LocalText;
  resolveDueAt: Instant;
  daysOverdue: number;
  caseUrl: string;
}

export interface Vars {
  /** ISO week, e.g. 2026-W48. */
  week?: string;
  from: Instant;
  to: Instant;
  received: number;
  resolved: number;
  overdue: number;
  items: LeaderDigestItem[];
  more?: number;
  dashboardUrl?: string;
}

export const vi: Source = {
  subject: `[Báo cáo tuần {{day from}} - {{day to}}] Tiếp nhận {{received}}, giải quyết {{resolved}}, quá hạn {{overdue}} vụ việc`,
  text: `Kính gửi: Các đồng chí lãnh đạo

Tình hình tiếp nhận, giải quyết các vấn đề Nhân dân quan tâm từ ngày {{day from}} đến ngày {{day to}}:
- Vụ việc tiếp nhận mới: {{received}}
- Vụ việc đã được giải quyết: {{resolved}}
- Vụ việc đang quá hạn giải quyết: {{overdue}}

{{#if items}}
Danh sách vụ việc quá hạn:
{{#each items}}
{{n}}. [{{caseCode}}] {{caseTitle}}
   Cơ quan được giao: {{agencyName}}; hạn giải quyết: {{date resolveDueAt}}; quá hạn {{daysOverdue}} ngày
   {{caseUrl}}
{{/each}}
{{#if more}}
... và {{more}} vụ việc khác.
{{/if}}
{{else}}
Không có vụ việc quá hạn.
{{/if}}
{{#if dashboardUrl}}

Xem báo cáo chi tiết:
{{dashboardUrl}}
{{/if}}
${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[Weekly report {{day from}} - {{day to}}] Received {{received}}, resolved {{resolved}}, overdue {{overdue}}`,
  text: `To: the leadership

Concerns received and resolved from {{day from}} to {{day to}}:
- New cases received: {{received}}
- Cases resolved: {{resolved}}
- Cases overdue now: {{overdue}}

{{#if items}}
Overdue cases:
{{#each items}}
{{n}}. [{{caseCode}}] {{caseTitle}}
   Assigned agency: {{agencyName}}; resolve by: {{date resolveDueAt}}; {{daysOverdue}} days overdue
   {{caseUrl}}
{{/each}}
{{#if more}}
... and {{more}} more.
{{/if}}
{{else}}
No case is overdue.
{{/if}}
{{#if dashboardUrl}}

Details:
{{dashboardUrl}}
{{/if}}
${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { from: true, to: true, received: true, resolved: true, overdue: true, items: true }, vi, en };
