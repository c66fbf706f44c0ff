import {
  CASE_EN,
  CASE_REQUIRED,
  CASE_VI,
  type CaseVars,
  FOOTER_EN,
  FOOTER_VI,
  granted,
  type Instant,
  LINK_EN,
  LINK_VI,
  type LocalText,
  type Source,
  type TemplateDef,
} from './shared.js';

/** The standing body grants or refuses an extension (to the agency). */
export interface Vars extends CaseVars {
  agencyName?: LocalText;
  /** Stored notices may carry `granted: boolean` instead. */
  decision: 'GRANTED' | 'DENIED';
  days?: number | null;
  /** The assignment's resolve deadline after the decision: the new one when granted. */
  resolveDueAt?: Instant | null;
  note?: string | null;
}

export const vi: Source = {
  subject: `[{{caseCode}}] {{#if (eq decision "GRANTED")}}Đồng ý{{else}}Không đồng ý{{/if}} gia hạn giải quyết: {{caseTitle}}`,
  text: `{{#if agencyName}}
Kính gửi: {{agencyName}}

{{/if}}
Cơ quan thường trực {{#if (eq decision "GRANTED")}}đồng ý{{else}}không đồng ý{{/if}} đề nghị gia hạn giải quyết vụ việc dưới đây{{#if days}} ({{days}} ngày làm việc){{/if}}.

${CASE_VI}{{#if resolveDueAt}}
${granted('Thời hạn giải quyết mới', 'Thời hạn giải quyết')}: {{date resolveDueAt}}
{{/if}}
{{#if note}}
Ý kiến: {{note}}
{{/if}}

Đề nghị quý cơ quan giải quyết và báo cáo kết quả {{#if (eq decision "GRANTED")}}trong thời hạn mới{{else}}theo thời hạn đã giao{{/if}}.
${LINK_VI}${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[{{caseCode}}] Extension {{#if (eq decision "GRANTED")}}granted{{else}}refused{{/if}}: {{caseTitle}}`,
  text: `{{#if agencyName}}
To: {{agencyName}}

{{/if}}
The standing body has {{#if (eq decision "GRANTED")}}granted{{else}}refused{{/if}} the extension requested for the case below{{#if days}} ({{days}} working days){{/if}}.

${CASE_EN}{{#if resolveDueAt}}
${granted('New deadline', 'Deadline')}: {{date resolveDueAt}}
{{/if}}
{{#if note}}
Note: {{note}}
{{/if}}

Please resolve the case and report the result {{#if (eq decision "GRANTED")}}by the new deadline{{else}}by the deadline set{{/if}}.
${LINK_EN}${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { ...CASE_REQUIRED, decision: true }, vi, en };
