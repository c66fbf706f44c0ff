import {
  type AssignmentRole,
  CASE_EN,
  CASE_REQUIRED,
  CASE_VI,
  type CaseVars,
  FOOTER_EN,
  FOOTER_VI,
  type Instant,
  LETTER_EN,
  LETTER_VI,
  LINK_EN,
  LINK_VI,
  type LocalText,
  type Priority,
  type Source,
  support,
  type TemplateDef,
} from './shared.js';

/** An agency is asked to take on a case (a new assignment, or a delegation to it). */
export interface Vars extends CaseVars {
  agencyName?: LocalText;
  role?: AssignmentRole;
  /** The unit that delegated the case (delegation only). */
  delegatedByName?: LocalText | null;
  /** The case's summary. */
  summary?: string | null;
  areaName?: LocalText;
  categoryName?: LocalText | null;
  priority?: Priority;
  acknowledgeDueAt?: Instant | null;
  resolveDueAt?: Instant | null;
  /** The forwarding letter issued with the routing (register id and number): attached when the case is PUBLIC. */
  letterId?: string | null;
  letterNumber?: string | null;
}

export const vi: Source = {
  subject: `[{{caseCode}}] {{#if delegatedByName}}{{delegatedByName}} giao ${support('phối hợp ', '')}giải quyết{{else}}Đề nghị ${support('phối hợp ', '')}giải quyết{{/if}}: {{caseTitle}}`,
  text: `{{#if agencyName}}
Kính gửi: {{agencyName}}

{{/if}}
{{#if delegatedByName}}
{{delegatedByName}} giao quý cơ quan ${support('phối hợp', 'chủ trì')} giải quyết vụ việc dưới đây.
{{else}}
Cơ quan thường trực đề nghị quý cơ quan ${support('phối hợp', 'chủ trì')} giải quyết vụ việc dưới đây.
{{/if}}

${CASE_VI}{{#if summary}}
Tóm tắt: {{summary}}
{{/if}}
{{#if areaName}}
Địa bàn: {{areaName}}
{{/if}}
{{#if categoryName}}
Lĩnh vực: {{categoryName}}
{{/if}}
{{#if priority}}
Độ khẩn: {{label "priority" priority}}
{{/if}}
{{#if role}}
Vai trò: {{label "role" role}}
{{/if}}
{{#if acknowledgeDueAt}}
Hạn nhận xử lý: {{date acknowledgeDueAt}}
{{/if}}
{{#if resolveDueAt}}
Hạn giải quyết: {{date resolveDueAt}}
{{/if}}

${LETTER_VI}Đề nghị quý cơ quan xác nhận đã nhận xử lý trên hệ thống, tổ chức giải quyết theo thẩm quyền và báo cáo kết quả đúng thời hạn.
${LINK_VI}${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[{{caseCode}}] {{#if delegatedByName}}Delegated to you by {{delegatedByName}}{{else}}Case assigned to you{{/if}}${support(' (supporting)', '')}: {{caseTitle}}`,
  text: `{{#if agencyName}}
To: {{agencyName}}

{{/if}}
{{#if delegatedByName}}
{{delegatedByName}} has delegated the case below to your unit as ${support('a supporting agency', 'lead agency')}.
{{else}}
The standing body asks your unit to acknowledge the case below and resolve it as ${support('a supporting agency', 'lead agency')}.
{{/if}}

${CASE_EN}{{#if summary}}
Summary: {{summary}}
{{/if}}
{{#if areaName}}
Area: {{areaName}}
{{/if}}
{{#if categoryName}}
Category: {{categoryName}}
{{/if}}
{{#if priority}}
Priority: {{label "priority" priority}}
{{/if}}
{{#if role}}
Role: {{label "role" role}}
{{/if}}
{{#if acknowledgeDueAt}}
Acknowledge by: {{date acknowledgeDueAt}}
{{/if}}
{{#if resolveDueAt}}
Resolve by: {{date resolveDueAt}}
{{/if}}

${LETTER_EN}Please acknowledge the case in Concern Desk, resolve it within your remit and report the result on time.
${LINK_EN}${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { ...CASE_REQUIRED }, vi, en };
