import Handlebars from 'handlebars';

/**
 * E-mail templates (Handlebars), Vietnamese first, English second. The names are persistent data:
 * they are stored on every `notification` row, so never rename one.
 *
 * Variables every case template uses: `caseCode`, `caseTitle`, `caseUrl` (filled from the case id
 * when the caller leaves it out). Dates may be ISO strings or `YYYY-MM-DD`; they are shown in
 * Vietnam time; other strings are shown as given. Locale pairs (`agencyVi`, `agencyEn`) and short
 * names (`agency`, `area`, `category`, `delegatedBy`, `caseSummary`, `granted`) are accepted too
 * (see normalizeVars). Per template (all optional unless marked *):
 * - assignment-received: agencyName, role (LEAD|SUPPORT), delegatedByName, summary, areaName,
 *   categoryName, priority, acknowledgeDueAt, resolveDueAt
 * - deadline-reminder: agencyName, kind* (acknowledge|resolve), dueAt*
 * - escalation: level* (1|2|3), agencyName*, overdueSince*, kind (acknowledge|resolve), daysOverdue
 * - case-returned: agencyName*, reason*
 * - info-requested: agencyName*, question*
 * - assignment-resolved: agencyName*, outcome*, resolutionSummary, documentRef {number, date, issuer}, remaining
 * - case-resolved: agencies [{ name, outcome, documentNumber }]
 * - case-reopened: agencyName, reason, resolveDueAt
 * - directive-issued: agencyName, authorName, text*, dueAt
 * - extension-requested: agencyName*, days*, reason*, currentDueAt
 * - extension-decided: agencyName, decision* (GRANTED|DENIED), days, newDueAt, note
 * - agency-digest: agencyName*, date*, openCount*, overdueCount*, items* [{ n, caseCode, caseTitle,
 *   role, status, resolveDueAt, overdue, caseUrl }], more, inboxUrl
 * - leader-digest: week (ISO, e.g. 2026-W48), from*, to*, received*, resolved*, overdue*, items* [{ n,
 *   caseCode, caseTitle, agencyName, resolveDueAt, daysOverdue, caseUrl }], more, dashboardUrl
 * - hotspot-detected: areaName*, categoryName*, recentCount*, baselineWeeklyMean*, score*, days*,
 *   peopleAffected, sensitive, cases [{ caseCode, caseTitle, caseUrl }], hotspotsUrl
 * - review-report: periodLabel*, scopeName*, received*, resolved*, overdue*, onTimePercent, files
 *   [names]; the report files are attached by the review-report job (see Attachments)
 */
export const TEMPLATE_NAMES = [
  'assignment-received',
  'deadline-reminder',
  'escalation',
  'case-returned',
  'info-requested',
  'assignment-resolved',
  'case-resolved',
  'case-reopened',
  'directive-issued',
  'extension-requested',
  'extension-decided',
  'agency-digest',
  'leader-digest',
  'hotspot-detected',
  'review-report',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isTemplateName(v: string): v is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(v);
}

export interface Rendered {
  subject: string;
  text: string;
  html?: string;
}

interface Source {
  subject: string;
  text: string;
  /** When absent, the HTML body is derived from the text. */
  html?: string;
}

// ---- labels of enum values shown in notices ----

const LABELS: Record<Locale, Record<string, Record<string, string>>> = {
  vi: {
    priority: { URGENT: 'Khẩn', HIGH: 'Cao', NORMAL: 'Bình thường', LOW: 'Thấp' },
    role: { LEAD: 'Chủ trì', SUPPORT: 'Phối hợp' },
    outcome: {
      RESOLVED: 'Đã giải quyết xong',
      PARTIALLY_RESOLVED: 'Đã giải quyết một phần',
      NOT_RESOLVABLE: 'Không có cơ sở giải quyết',
      REFERRED_TO_LEGAL_PROCESS: 'Chuyển giải quyết theo trình tự tố tụng, pháp luật',
    },
    assignmentStatus: {
      ASSIGNED: 'Chờ tiếp nhận',
      ACKNOWLEDGED: 'Đã tiếp nhận',
      IN_PROGRESS: 'Đang giải quyết',
      NEEDS_INFO: 'Chờ bổ sung thông tin',
      DELEGATED: 'Đã giao cấp dưới',
    },
    escalation: {
      '1': 'Thủ trưởng cơ quan được giao',
      '2': 'Thường trực HĐND và lãnh đạo UBND',
      '3': 'Thường trực cấp ủy',
    },
  },
  en: {
    priority: { URGENT: 'Urgent', HIGH: 'High', NORMAL: 'Normal', LOW: 'Low' },
    role: { LEAD: 'Lead agency', SUPPORT: 'Supporting agency' },
    outcome: {
      RESOLVED: 'Resolved',
      PARTIALLY_RESOLVED: 'Partially resolved',
      NOT_RESOLVABLE: 'No grounds to resolve',
      REFERRED_TO_LEGAL_PROCESS: 'Referred to legal proceedings',
    },
    assignmentStatus: {
      ASSIGNED: 'Awaiting acknowledgement',
      ACKNOWLEDGED: 'Acknowledged',
      IN_PROGRESS: 'In progress',
      NEEDS_INFO: 'Waiting for information',
      DELEGATED: 'Delegated',
    },
    escalation: {
      '1': "the assigned agency's head",
      '2': "the People's Council Standing Committee and the People's Committee leadership",
      '3': "the Party Committee's standing board",
    },
  },
};

// ---- shared pieces ----

const CASE_VI = `Mã vụ việc: {{caseCode}}
Nội dung vụ việc: {{caseTitle}}
`;
const CASE_EN = `Case: {{caseCode}}
Title: {{caseTitle}}
`;
// The link on a line of its own: short ASCII lines survive quoted-printable encoding unbroken.
const LINK_VI = `
Xem chi tiết vụ việc:
{{caseUrl}}
`;
const LINK_EN = `
Case details:
{{caseUrl}}
`;
const FOOTER_VI = `
--
Thư này được gửi tự động từ Hệ thống tiếp nhận và theo dõi giải quyết các vấn đề Nhân dân quan tâm. Đề nghị không trả lời thư này.
`;
const FOOTER_EN = `
--
This message was sent automatically by Concern Desk. Please do not reply to it.
`;
const ack = (yes: string, no: string) => `{{#if (eq kind "acknowledge")}}${yes}{{else}}${no}{{/if}}`;
const support = (yes: string, no: string) => `{{#if (eq role "SUPPORT")}}${yes}{{else}}${no}{{/if}}`;

const SOURCES: Record<TemplateName, Record<Locale, Source>> = {
  'assignment-received': {
    vi: {
      subject: `[{{caseCode}}] {{#if delegatedByName}}{{delegatedByName}} giao ${support('phối hợp ', '')}giải quyết{{else}}Đề nghị tiếp nhận, ${support('phối hợp ', '')}giải quyết{{/if}}: {{caseTitle}}`,
      text: `{{#if agencyName}}
Kính gửi: {{agencyName}}

{{/if}}
{{#if delegatedByName}}
{{delegatedByName}} giao quý cơ quan ${support('phối hợp', 'chủ trì')} giải quyết vụ việc dưới đây.
{{else}}
Cơ quan thường trực đề nghị quý cơ quan tiếp nhận, ${support('phối hợp', 'chủ trì')} giải quyết vụ việc dưới đây.
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
Mức độ: {{label "priority" priority}}
{{/if}}
{{#if role}}
Vai trò: {{label "role" role}}
{{/if}}
{{#if acknowledgeDueAt}}
Hạn tiếp nhận: {{date acknowledgeDueAt}}
{{/if}}
{{#if resolveDueAt}}
Hạn giải quyết: {{date resolveDueAt}}
{{/if}}

Đề nghị quý cơ quan xác nhận tiếp nhận trên hệ thống, tổ chức giải quyết theo thẩm quyền và báo cáo kết quả đúng thời hạn.
${LINK_VI}${FOOTER_VI}`,
    },
    en: {
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

Please acknowledge the case in Concern Desk, resolve it within your remit and report the result on time.
${LINK_EN}${FOOTER_EN}`,
    },
  },

  'deadline-reminder': {
    vi: {
      subject: `[{{caseCode}}] Nhắc hạn ${ack('tiếp nhận', 'giải quyết')} (đến hạn ngày {{day dueAt}}): {{caseTitle}}`,
      text: `{{#if agencyName}}
Kính gửi: {{agencyName}}

{{/if}}
Vụ việc dưới đây sắp đến hạn ${ack('tiếp nhận', 'báo cáo kết quả giải quyết')}; thời hạn là {{date dueAt}}.

${CASE_VI}
Đề nghị quý cơ quan khẩn trương ${ack('xác nhận tiếp nhận', 'hoàn thành việc giải quyết và báo cáo kết quả')} trên hệ thống. Trường hợp cần thêm thời gian, đề nghị gửi đề nghị gia hạn, nêu rõ lý do.
${LINK_VI}${FOOTER_VI}`,
    },
    en: {
      subject: `[{{caseCode}}] Reminder: ${ack('acknowledgement', 'resolution')} due on {{day dueAt}}: {{caseTitle}}`,
      text: `{{#if agencyName}}
To: {{agencyName}}

{{/if}}
The ${ack('acknowledgement', 'resolution report')} of the case below is due on {{date dueAt}}.

${CASE_EN}
Please ${ack('acknowledge the case', 'complete the resolution and report the result')} in Concern Desk. If you need more time, request an extension and state the reason.
${LINK_EN}${FOOTER_EN}`,
    },
  },

  escalation: {
    vi: {
      subject: `[{{caseCode}}] Cảnh báo quá hạn (mức {{level}}): {{caseTitle}}`,
      text: `Vụ việc dưới đây giao {{agencyName}} ${ack('tiếp nhận', 'giải quyết')} đã quá hạn từ {{date overdueSince}}{{#if daysOverdue}} ({{daysOverdue}} ngày){{/if}} nhưng chưa có kết quả.

${CASE_VI}Cơ quan được giao: {{agencyName}}
Quá hạn từ: {{date overdueSince}}
Mức cảnh báo: {{level}}/3

Theo quy chế phối hợp, vụ việc được báo cáo {{label "escalation" level}} để chỉ đạo, đôn đốc giải quyết.
${LINK_VI}${FOOTER_VI}`,
    },
    en: {
      subject: `[{{caseCode}}] Overdue warning (level {{level}}): {{caseTitle}}`,
      text: `The ${ack('acknowledgement', 'resolution')} deadline of the case below, assigned to {{agencyName}}, passed on {{date overdueSince}}{{#if daysOverdue}}, {{daysOverdue}} days ago{{/if}}, and no result has been reported.

${CASE_EN}Assigned agency: {{agencyName}}
Overdue since: {{date overdueSince}}
Escalation level: {{level}}/3

Under the coordination rules the case is reported to {{label "escalation" level}} to direct and speed up its resolution.
${LINK_EN}${FOOTER_EN}`,
    },
  },

  'case-returned': {
    vi: {
      subject: `[{{caseCode}}] {{agencyName}} trả lại vụ việc: {{caseTitle}}`,
      text: `Kính gửi: Cơ quan thường trực

{{agencyName}} đã trả lại vụ việc dưới đây với lý do vụ việc không thuộc thẩm quyền giải quyết của cơ quan mình.

${CASE_VI}Lý do trả lại: {{reason}}

Đề nghị xem xét, phân loại lại và chuyển vụ việc đến cơ quan có thẩm quyền giải quyết.
${LINK_VI}${FOOTER_VI}`,
    },
    en: {
      subject: `[{{caseCode}}] {{agencyName}} returned the case: {{caseTitle}}`,
      text: `To: the standing body

{{agencyName}} has returned the case below as outside its remit.

${CASE_EN}Reason: {{reason}}

Please review and classify the case again, and route it to the competent agency.
${LINK_EN}${FOOTER_EN}`,
    },
  },

  'info-requested': {
    vi: {
      subject: `[{{caseCode}}] {{agencyName}} đề nghị cung cấp thêm thông tin: {{caseTitle}}`,
      text: `Kính gửi: Cơ quan thường trực

{{agencyName}} đề nghị cung cấp thêm thông tin để giải quyết vụ việc dưới đây.

${CASE_VI}Nội dung đề nghị: {{question}}

Đề nghị trả lời trên hệ thống để vụ việc tiếp tục được giải quyết.
${LINK_VI}${FOOTER_VI}`,
    },
    en: {
      subject: `[{{caseCode}}] {{agencyName}} asks for more information: {{caseTitle}}`,
      text: `To: the standing body

{{agencyName}} needs more information to resolve the case below.

${CASE_EN}Question: {{question}}

Please answer in Concern Desk so that work on the case can resume.
${LINK_EN}${FOOTER_EN}`,
    },
  },

  'assignment-resolved': {
    vi: {
      subject: `[{{caseCode}}] {{agencyName}} báo cáo kết quả giải quyết: {{caseTitle}}`,
      text: `Kính gửi: Cơ quan thường trực

{{agencyName}} đã báo cáo kết quả giải quyết vụ việc dưới đây.

${CASE_VI}Kết quả: {{label "outcome" outcome}}
{{#if resolutionSummary}}
Nội dung trả lời: {{resolutionSummary}}
{{else if summary}}
Nội dung trả lời: {{summary}}
{{/if}}
{{#if documentRef}}
Văn bản trả lời: số {{documentRef.number}}{{#if documentRef.date}} ngày {{day documentRef.date}}{{/if}}{{#if documentRef.issuer}} của {{documentRef.issuer}}{{/if}}
{{/if}}
{{#if remaining}}

Còn {{remaining}} cơ quan chưa báo cáo kết quả giải quyết.
{{/if}}
${LINK_VI}${FOOTER_VI}`,
    },
    en: {
      subject: `[{{caseCode}}] {{agencyName}} reported its resolution: {{caseTitle}}`,
      text: `To: the standing body

{{agencyName}} has reported the result of its work on the case below.

${CASE_EN}Outcome: {{label "outcome" outcome}}
{{#if resolutionSummary}}
Summary: {{resolutionSummary}}
{{else if summary}}
Summary: {{summary}}
{{/if}}
{{#if documentRef}}
Reply document: No. {{documentRef.number}}{{#if documentRef.date}} of {{day documentRef.date}}{{/if}}{{#if documentRef.issuer}} by {{documentRef.issuer}}{{/if}}
{{/if}}
{{#if remaining}}

Agencies yet to report: {{remaining}}.
{{/if}}
${LINK_EN}${FOOTER_EN}`,
    },
  },

  'case-resolved': {
    vi: {
      subject: `[{{caseCode}}] Đề nghị kiểm tra, xác nhận kết quả giải quyết: {{caseTitle}}`,
      text: `Kính gửi: Cơ quan thường trực

Các cơ quan được giao đã báo cáo đầy đủ kết quả giải quyết vụ việc dưới đây.

${CASE_VI}{{#if agencies}}
Kết quả của các cơ quan:
{{#each agencies}}
- {{name}}: {{label "outcome" outcome}}{{#if documentNumber}} (văn bản số {{documentNumber}}){{/if}}
{{/each}}
{{/if}}

Đề nghị kiểm tra, xác nhận kết quả để kết thúc vụ việc, hoặc mở lại vụ việc nếu kết quả chưa đạt yêu cầu.
${LINK_VI}${FOOTER_VI}`,
    },
    en: {
      subject: `[{{caseCode}}] All agencies answered, please verify: {{caseTitle}}`,
      text: `To: the standing body

Every assigned agency has reported its result on the case below.

${CASE_EN}{{#if agencies}}
Results:
{{#each agencies}}
- {{name}}: {{label "outcome" outcome}}{{#if documentNumber}} (document No. {{documentNumber}}){{/if}}
{{/each}}
{{/if}}

Please verify the resolution and close the case, or reopen it if the result is not acceptable.
${LINK_EN}${FOOTER_EN}`,
    },
  },

  'case-reopened': {
    vi: {
      subject: `[{{caseCode}}] Vụ việc được mở lại, đề nghị tiếp tục giải quyết: {{caseTitle}}`,
      text: `{{#if agencyName}}
Kính gửi: {{agencyName}}

{{/if}}
Cơ quan thường trực đã mở lại vụ việc dưới đây do kết quả giải quyết chưa đạt yêu cầu hoặc vấn đề tiếp tục phát sinh.

${CASE_VI}{{#if reason}}
Lý do: {{reason}}
{{/if}}
{{#if resolveDueAt}}
Hạn giải quyết: {{date resolveDueAt}}
{{/if}}

Đề nghị quý cơ quan tiếp tục giải quyết và báo cáo kết quả trên hệ thống.
${LINK_VI}${FOOTER_VI}`,
    },
    en: {
      subject: `[{{caseCode}}] Case reopened, please continue: {{caseTitle}}`,
      text: `{{#if agencyName}}
To: {{agencyName}}

{{/if}}
The standing body has reopened the case below: the resolution was not accepted, or the issue came back.

${CASE_EN}{{#if reason}}
Reason: {{reason}}
{{/if}}
{{#if resolveDueAt}}
Resolve by: {{date resolveDueAt}}
{{/if}}

Please continue the work and report the result in Concern Desk.
${LINK_EN}${FOOTER_EN}`,
    },
  },

  'directive-issued': {
    vi: {
      subject: `[{{caseCode}}] Ý kiến chỉ đạo về vụ việc: {{caseTitle}}`,
      text: `{{#if agencyName}}
Kính gửi: {{agencyName}}

{{/if}}
{{#if authorName}}Đồng chí {{authorName}}{{else}}Lãnh đạo{{/if}} đã có ý kiến chỉ đạo đối với vụ việc dưới đây.

${CASE_VI}Nội dung chỉ đạo: {{text}}
{{#if dueAt}}
Thời hạn thực hiện: {{date dueAt}}
{{/if}}

Đề nghị quý cơ quan nghiêm túc triển khai thực hiện và báo cáo kết quả.
${LINK_VI}${FOOTER_VI}`,
    },
    en: {
      subject: `[{{caseCode}}] Directive on the case: {{caseTitle}}`,
      text: `{{#if agencyName}}
To: {{agencyName}}

{{/if}}
{{#if authorName}}{{authorName}}{{else}}The leadership{{/if}} has issued a directive on the case below.

${CASE_EN}Directive: {{text}}
{{#if dueAt}}
Due: {{date dueAt}}
{{/if}}

Please carry it out and report the result.
${LINK_EN}${FOOTER_EN}`,
    },
  },

  'extension-requested': {
    vi: {
      subject: `[{{caseCode}}] {{agencyName}} đề nghị gia hạn giải quyết: {{caseTitle}}`,
      text: `Kính gửi: Cơ quan thường trực

{{agencyName}} đề nghị gia hạn thời hạn giải quyết vụ việc dưới đây.

${CASE_VI}{{#if currentDueAt}}
Thời hạn hiện tại: {{date currentDueAt}}
{{/if}}
Thời gian đề nghị gia hạn: {{days}} ngày làm việc
Lý do: {{reason}}

Đề nghị xem xét, quyết định trên hệ thống.
${LINK_VI}${FOOTER_VI}`,
    },
    en: {
      subject: `[{{caseCode}}] {{agencyName}} requests an extension: {{caseTitle}}`,
      text: `To: the standing body

{{agencyName}} asks for more time to resolve the case below.

${CASE_EN}{{#if currentDueAt}}
Current deadline: {{date currentDueAt}}
{{/if}}
Extension requested: {{days}} working days
Reason: {{reason}}

Please decide on the request in Concern Desk.
${LINK_EN}${FOOTER_EN}`,
    },
  },

  'extension-decided': {
    vi: {
      subject: `[{{caseCode}}] {{#if (eq decision "GRANTED")}}Đồng ý{{else}}Không đồng ý{{/if}} gia hạn giải quyết: {{caseTitle}}`,
      text: `{{#if agencyName}}
Kính gửi: {{agencyName}}

{{/if}}
Cơ quan thường trực {{#if (eq decision "GRANTED")}}đồng ý{{else}}không đồng ý{{/if}} đề nghị gia hạn giải quyết vụ việc dưới đây{{#if days}} ({{days}} ngày làm việc){{/if}}.

${CASE_VI}{{#if newDueAt}}
Thời hạn giải quyết: {{date newDueAt}}
{{/if}}
{{#if note}}
Ý kiến: {{note}}
{{/if}}

Đề nghị quý cơ quan giải quyết và báo cáo kết quả {{#if (eq decision "GRANTED")}}trong thời hạn mới{{else}}theo thời hạn đã giao{{/if}}.
${LINK_VI}${FOOTER_VI}`,
    },
    en: {
      subject: `[{{caseCode}}] Extension {{#if (eq decision "GRANTED")}}granted{{else}}refused{{/if}}: {{caseTitle}}`,
      text: `{{#if agencyName}}
To: {{agencyName}}

{{/if}}
The standing body has {{#if (eq decision "GRANTED")}}granted{{else}}refused{{/if}} the extension requested for the case below{{#if days}} ({{days}} working days){{/if}}.

${CASE_EN}{{#if newDueAt}}
Deadline: {{date newDueAt}}
{{/if}}
{{#if note}}
Note: {{note}}
{{/if}}

Please resolve the case and report the result {{#if (eq decision "GRANTED")}}by the new deadline{{else}}by the deadline set{{/if}}.
${LINK_EN}${FOOTER_EN}`,
    },
  },

  'agency-digest': {
    vi: {
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
    },
    en: {
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
    },
  },

  'leader-digest': {
    vi: {
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
    },
    en: {
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
    },
  },
  'hotspot-detected': {
    vi: {
      subject: `[Cảnh báo điểm nóng] {{categoryName}} tại {{areaName}}: {{recentCount}} ý kiến trong {{days}} ngày`,
      text: `Kính gửi: Các đồng chí lãnh đạo

Hệ thống ghi nhận dấu hiệu hình thành điểm nóng:
- Địa bàn: {{areaName}}
- Lĩnh vực: {{categoryName}}{{#if sensitive}} (lĩnh vực nhạy cảm){{/if}}
- Số ý kiến, phản ánh trong {{days}} ngày gần nhất: {{recentCount}}
- Bình quân mỗi tuần trong 8 tuần trước đó: {{baselineWeeklyMean}}
- Mức tăng (có trọng số): {{score}} lần
{{#if peopleAffected}}- Số người bị ảnh hưởng được phản ánh: {{peopleAffected}}
{{/if}}
{{#if cases}}
Các vụ việc gần nhất:
{{#each cases}}
- [{{caseCode}}] {{caseTitle}}
  {{caseUrl}}
{{/each}}
{{/if}}
{{#if hotspotsUrl}}

Xem chi tiết:
{{hotspotsUrl}}
{{/if}}
${FOOTER_VI}`,
    },
    en: {
      subject: `[Hotspot warning] {{categoryName}} in {{areaName}}: {{recentCount}} concerns in {{days}} days`,
      text: `To: the leadership

A hotspot may be forming:
- Area: {{areaName}}
- Category: {{categoryName}}{{#if sensitive}} (sensitive){{/if}}
- Concerns in the last {{days}} days: {{recentCount}}
- Weekly mean over the 8 weeks before: {{baselineWeeklyMean}}
- Rise (weighted): {{score}} times
{{#if peopleAffected}}- People affected, as reported: {{peopleAffected}}
{{/if}}
{{#if cases}}
Latest cases:
{{#each cases}}
- [{{caseCode}}] {{caseTitle}}
  {{caseUrl}}
{{/each}}
{{/if}}
{{#if hotspotsUrl}}

Details:
{{hotspotsUrl}}
{{/if}}
${FOOTER_EN}`,
    },
  },
  'review-report': {
    vi: {
      subject: `[Báo cáo sơ kết, tổng kết] {{periodLabel}} - {{scopeName}}`,
      text: `Kính gửi: Các đồng chí lãnh đạo

Gửi kèm báo cáo kết quả tiếp nhận, giải quyết các vấn đề Nhân dân quan tâm {{periodLabel}} ({{scopeName}}):
- Vụ việc tiếp nhận: {{received}}
- Vụ việc đã giải quyết: {{resolved}}
- Vụ việc quá hạn: {{overdue}}
{{#if onTimePercent}}- Tỷ lệ giải quyết đúng hạn: {{onTimePercent}}%
{{/if}}
{{#if files}}
Tệp đính kèm: {{#each files}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}
{{/if}}
${FOOTER_VI}`,
    },
    en: {
      subject: `[Review report] {{periodLabel}} - {{scopeName}}`,
      text: `To: the leadership

Attached is the review of concerns received and resolved, {{periodLabel}} ({{scopeName}}):
- Cases received: {{received}}
- Cases resolved: {{resolved}}
- Cases overdue: {{overdue}}
{{#if onTimePercent}}- Resolved on time: {{onTimePercent}}%
{{/if}}
{{#if files}}
Attached: {{#each files}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}
{{/if}}
${FOOTER_EN}`,
    },
  },
};

// ---- rendering ----

const VN_OFFSET_MS = 7 * 3600_000; // Asia/Ho_Chi_Minh, no daylight saving
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

function vnParts(value: unknown): { y: number; mo: number; d: number; h: number; mi: number; dateOnly: boolean } | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, mo, d] = value.split('-').map(Number);
    return { y, mo, d, h: 0, mi: 0, dateOnly: true };
  }
  // Only unambiguous inputs: `new Date('04/12/2026')` would be read as April.
  if (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) return null;
  const t = value instanceof Date ? value.getTime() : new Date(value as string | number).getTime();
  if (Number.isNaN(t)) return null;
  const v = new Date(t + VN_OFFSET_MS);
  return { y: v.getUTCFullYear(), mo: v.getUTCMonth() + 1, d: v.getUTCDate(), h: v.getUTCHours(), mi: v.getUTCMinutes(), dateOnly: false };
}

function formatDay(value: unknown, locale: Locale): string {
  const p = vnParts(value);
  // Already formatted by the caller: keep its date part.
  if (!p) return value == null ? '' : (/\d{1,2}\/\d{1,2}\/\d{2,4}/.exec(String(value))?.[0] ?? String(value));
  return locale === 'vi' ? `${pad(p.d)}/${pad(p.mo)}/${p.y}` : `${p.d} ${MONTHS_EN[p.mo - 1]} ${p.y}`;
}

function formatDateTime(value: unknown, locale: Locale): string {
  const p = vnParts(value);
  if (!p) return value == null ? '' : String(value);
  const day = formatDay(value, locale);
  if (p.dateOnly) return locale === 'vi' ? `ngày ${day}` : day;
  return locale === 'vi' ? `${pad(p.h)}:${pad(p.mi)} ngày ${day}` : `${day}, ${pad(p.h)}:${pad(p.mi)} (Vietnam time)`;
}

type HelperOptions = { data?: { locale?: Locale; root?: unknown } };
const localeOf = (options: HelperOptions): Locale => (options?.data?.locale === 'en' ? 'en' : 'vi');

// Own environment: helpers registered here do not leak into other users of the library.
const hbs = Handlebars.create();
hbs.registerHelper('eq', (a: unknown, b: unknown) => String(a) === String(b));
hbs.registerHelper('label', (group: string, value: unknown, options: HelperOptions) => {
  const v = value == null ? '' : String(value);
  return LABELS[localeOf(options)][group]?.[v] ?? v;
});
hbs.registerHelper('date', (value: unknown, options: HelperOptions) => formatDateTime(value, localeOf(options)));
hbs.registerHelper('day', (value: unknown, options: HelperOptions) => formatDay(value, localeOf(options)));

interface Compiled {
  subject: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
  html?: Handlebars.TemplateDelegate;
}
const cache = new Map<string, Compiled>();

function compiled(template: TemplateName, locale: Locale): Compiled {
  const key = `${template}:${locale}`;
  let c = cache.get(key);
  if (!c) {
    const src = SOURCES[template]?.[locale];
    if (!src) throw new Error(`Unknown e-mail template ${template} (${locale})`);
    // Subject and text are not HTML: no entity escaping there.
    c = {
      subject: hbs.compile(src.subject, { noEscape: true }),
      text: hbs.compile(src.text, { noEscape: true }),
      html: src.html ? hbs.compile(src.html) : undefined,
    };
    cache.set(key, c);
  }
  return c;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** A plain HTML rendering of the text body: paragraphs, line breaks, clickable links. */
export function textToHtml(text: string, lang: Locale): string {
  const paragraphs = text
    .trim()
    .split(/\n{2,}/)
    .map((p) => escapeHtml(p).replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}">${u}</a>`).replace(/\n/g, '<br>\n'));
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; line-height: 1.5; color: #222">
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</body></html>
`;
}

const ALIASES: Array<[from: string, to: string]> = [
  ['agency', 'agencyName'],
  ['area', 'areaName'],
  ['category', 'categoryName'],
  ['delegatedBy', 'delegatedByName'],
  ['caseSummary', 'summary'],
  ['agencyCode', 'agencyName'],
];

/**
 * Accepts the callers' other spellings: a locale pair (`agencyVi` / `agencyEn`) gives `agency`
 * in the notice's locale, short names fill the documented ones, `granted` gives `decision`.
 */
export function normalizeVars(template: TemplateName, locale: Locale, vars: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...vars };
  const suffix = locale === 'vi' ? 'Vi' : 'En';
  for (const [k, v] of Object.entries(vars)) {
    if (k.length > 2 && k.endsWith(suffix) && v !== null && v !== undefined) out[k.slice(0, -2)] = v;
  }
  for (const [from, to] of ALIASES) if ((out[to] === undefined || out[to] === null) && out[from] != null) out[to] = out[from];
  if (out.decision === undefined && typeof out.granted === 'boolean') out.decision = out.granted ? 'GRANTED' : 'DENIED';
  if (template === 'deadline-reminder' && out.dueAt == null) out.dueAt = out.kind === 'acknowledge' ? out.acknowledgeDueAt : out.resolveDueAt;
  return out;
}

/** Renders a notice. Templates are compiled once per (name, locale) and cached. */
export function render(template: TemplateName, locale: Locale, input: Record<string, unknown>): Rendered {
  const c = compiled(template, locale);
  const vars = normalizeVars(template, locale, input);
  const opts = { data: { locale } };
  const subject = c.subject(vars, opts).replace(/\s+/g, ' ').trim();
  const text = `${c.text(vars, opts).replace(/\n{3,}/g, '\n\n').trim()}\n`;
  const html = c.html ? c.html(vars, opts) : textToHtml(text, locale);
  return { subject, text, html };
}
