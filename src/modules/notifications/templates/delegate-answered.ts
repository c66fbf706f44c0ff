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

/** A delegate reports its answer to the unit that delegated to it, which reviews it (accept, answer itself, or send back). */
export interface Vars extends CaseVars {
  /** The delegating unit, the addressee. */
  agencyName: LocalText;
  /** The delegate that answered. */
  delegateName: LocalText;
  outcome: Outcome;
  resolutionSummary?: string | null;
  documentRef?: { number: string; date?: Instant | null; issuer?: string | null } | null;
  /** The delegating unit's own deadline, which keeps running while it reviews. */
  resolveDueAt?: Instant | null;
}

export const vi: Source = {
  subject: `[{{caseCode}}] {{delegateName}} báo cáo kết quả, đề nghị xem xét: {{caseTitle}}`,
  text: `Kính gửi: {{agencyName}}

{{delegateName}}, đơn vị được quý cơ quan giao giải quyết, đã báo cáo kết quả giải quyết vụ việc dưới đây.

${CASE_VI}Kết quả: {{label "outcome" outcome}}
{{#if resolutionSummary}}
Nội dung trả lời: {{resolutionSummary}}
{{/if}}
{{#if documentRef}}
Văn bản trả lời: số {{documentRef.number}}{{#if documentRef.date}} ngày {{day documentRef.date}}{{/if}}{{#if documentRef.issuer}} của {{documentRef.issuer}}{{/if}}
{{/if}}
{{#if resolveDueAt}}
Hạn giải quyết của quý cơ quan: {{date resolveDueAt}}
{{/if}}

Đề nghị quý cơ quan xem xét trên hệ thống: đồng ý với kết quả, tự báo cáo kết quả, hoặc trả lại đơn vị cấp dưới để giải quyết tiếp.
${LINK_VI}${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[{{caseCode}}] {{delegateName}} answered, please review: {{caseTitle}}`,
  text: `To: {{agencyName}}

{{delegateName}}, to which you delegated the case below, has reported its answer.

${CASE_EN}Outcome: {{label "outcome" outcome}}
{{#if resolutionSummary}}
Summary: {{resolutionSummary}}
{{/if}}
{{#if documentRef}}
Reply document: No. {{documentRef.number}}{{#if documentRef.date}} of {{day documentRef.date}}{{/if}}{{#if documentRef.issuer}} by {{documentRef.issuer}}{{/if}}
{{/if}}
{{#if resolveDueAt}}
Your own deadline: {{date resolveDueAt}}
{{/if}}

Please review it in Concern Desk: accept it as your answer, answer yourself, or send it back to the delegate.
${LINK_EN}${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = { required: { ...CASE_REQUIRED, agencyName: true, delegateName: true, outcome: true }, vi, en };
