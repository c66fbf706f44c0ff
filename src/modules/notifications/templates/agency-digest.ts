import { type AssignmentRole, FOOTER_EN, FOOTER_VI, type Instant, type LocalText, type Source, type TemplateDef } from './shared.js';

/** The daily list of a unit's open assignments. */
export interface AgencyDigestItem {
  n: number;
  caseCode: string;
  caseTitle: string;
  role: AssignmentRole;
  /** An open assignment status (ASSIGNED, ACKNOWLEDGED, ...). */
  status: string;
  resolveDueAt: Instant | null;
  overdue: boolean;
  caseUrl: string;
}

export interface Vars {
  agencyName: LocalText;
  /** The Vietnam day of the digest. */
  date: Instant;
  openCount: number;
  overdueCount: number;
  items: AgencyDigestItem[];
  /** Items left out of the list. */
  more?: number;
  inboxUrl?: string;
}

export const vi: Source = {
  subject: `[Tổng hợp ngày {{day date}}] {{agencyName}}: {{openCount}} vụ việc đang giải quyết, {{overdueCount}} quá hạn`,
  text: `Kính gửi: {{agencyName}}

Đến ngày {{day date}}, quý cơ quan đang được giao {{openCount}} vụ việc chưa hoàn thành{{#if overdueCount}}, trong đó {{overdueCount}} vụ việc đã quá hạn giải quyết{{/if}}.

{{#each items}}
{{n}}. [{{caseCode}}] {{caseTitle}}{{#if overdue}} – QUÁ HẠN{{/if}}
   {{label "role" role}}; {{label "assignmentStatus" status}}; hạn giải quyết: {{#if resolveDueAt}}{{date resolveDueAt}}{{else}}chưa xác định{{/if}}
   {{caseUrl}}
{{/each}}
{{#if more}}
... và {{more}} vụ việc khác.
{{/if}}

Đề nghị quý cơ quan tập trung giải quyết, ưu tiên các vụ việc đã quá hạn.
{{#if inboxUrl}}
Danh sách đầy đủ:
{{inboxUrl}}
{{/if}}
${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[Daily digest {{day date}}] {{agencyName}}: {{openCount}} open cases, {{overdueCount}} overdue`,
  text: `To: {{agencyName}}

As of {{day date}} your unit has {{openCount}} open cases{{#if overdueCount}}, {{overdueCount}} of them overdue{{/if}}.

{{#each items}}
{{n}}. [{{caseCode}}] {{caseTitle}}{{#if overdue}} – OVERDUE{{/if}}
   {{label "role" role}}; {{label "assignmentStatus" status}}; resolve by: {{#if resolveDueAt}}{{date resolveDueAt}}{{else}}not set{{/if}}
   {{caseUrl}}
{{/each}}
{{#if more}}
... and {{more}} more.
{{/if}}

Please give priority to the overdue cases.
{{#if inboxUrl}}
Full list:
{{inboxUrl}}
{{/if}}
${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { agencyName: true, date: true, openCount: true, overdueCount: true, items: true }, vi, en };
