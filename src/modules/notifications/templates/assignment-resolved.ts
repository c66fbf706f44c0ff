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
  type Outcome,
  type Source,
  type TemplateDef,
} from './shared.js';

/** An agency reports its result (to the standing body). */
export interface Vars extends CaseVars {
  agencyName: LocalText;
  outcome: Outcome;
  /** The agency's answer (stored notices may carry it as `summary`). */
  resolutionSummary?: string | null;
  documentRef?: { number: string; date?: Instant | null; issuer?: string | null } | null;
  /** Agencies yet to report. */
  remaining?: number | null;
}

export const vi: Source = {
  subject: `[{{caseCode}}] {{agencyName}} báo cáo kết quả giải quyết: {{caseTitle}}`,
  text: `Kính gửi: Cơ quan thường trực

{{agencyName}} đã báo cáo kết quả giải quyết vụ việc dưới đây.

${CASE_VI}Kết quả: {{label "outcome" outcome}}
{{#if resolutionSummary}}
Nội dung trả lời: {{resolutionSummary}}
{{/if}}
{{#if documentRef}}
Văn bản trả lời: số {{documentRef.number}}{{#if documentRef.date}} ngày {{day documentRef.date}}{{/if}}{{#if documentRef.issuer}} của {{documentRef.issuer}}{{/if}}
{{/if}}
{{#if remaining}}

Còn {{remaining}} cơ quan chưa báo cáo kết quả giải quyết.
{{/if}}
${LINK_VI}${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[{{caseCode}}] {{agencyName}} reported its resolution: {{caseTitle}}`,
  text: `To: the standing body

{{agencyName}} has reported the result of its work on the case below.

${CASE_EN}Outcome: {{label "outcome" outcome}}
{{#if resolutionSummary}}
Summary: {{resolutionSummary}}
{{/if}}
{{#if documentRef}}
Reply document: No. {{documentRef.number}}{{#if documentRef.date}} of {{day documentRef.date}}{{/if}}{{#if documentRef.issuer}} by {{documentRef.issuer}}{{/if}}
{{/if}}
{{#if remaining}}

Agencies yet to report: {{remaining}}.
{{/if}}
${LINK_EN}${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { ...CASE_REQUIRED, agencyName: true, outcome: true }, vi, en };
