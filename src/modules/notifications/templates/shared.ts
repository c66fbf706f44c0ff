/** What every template file is made of: its typed variables, its sources and the pieces they share. */

export type Locale = 'vi' | 'en';

/** Handlebars sources of one rendering. */
export interface Source {
  subject: string;
  text: string;
  /** When absent, the HTML body is derived from the text. */
  html?: string;
}

/**
 * An instant (ISO 8601 string or Date; stored vars hold the string) or a Vietnam day `YYYY-MM-DD`.
 * Shown in Vietnam time; a string that is neither is shown as given.
 */
export type Instant = string | Date;

/** A name shown to people: one string, or both languages (the notice's locale picks one). */
export type LocalText = string | { vi: string; en: string };

/** The keys of T a caller must give (not optional). */
export type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/**
 * A template: its renderings and the variables render refuses to go without. `required` is typed
 * as exactly the required keys of the template's Vars, so the two cannot drift apart.
 */
export interface TemplateDef<V> {
  required: { readonly [K in RequiredKeys<V>]: true };
  vi: Source;
  en: Source;
}

/** The variables of every template about one case. `caseUrl` is filled from the case id when left out. */
export interface CaseVars {
  caseCode: string;
  caseTitle: string;
  caseUrl?: string;
  /** Stamped from the case when the notice is recorded and sent: anything but PUBLIC withholds the words. */
  sensitivity?: 'PUBLIC' | 'RESTRICTED' | 'CONFIDENTIAL';
}
export const CASE_REQUIRED = { caseCode: true, caseTitle: true } as const;

export type Priority = 'URGENT' | 'HIGH' | 'NORMAL' | 'LOW';
export type AssignmentRole = 'LEAD' | 'SUPPORT';
export type Outcome = 'RESOLVED' | 'PARTIALLY_RESOLVED' | 'NOT_RESOLVABLE' | 'REFERRED_TO_LEGAL_PROCESS';
/** Which deadline a reminder or an escalation is about; resolve when left out. */
export type DeadlineKind = 'acknowledge' | 'resolve';

// ---- labels of enum values shown in notices ({{label "group" value}}) ----

export const LABELS: Record<Locale, Record<string, Record<string, string>>> = {
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
      ASSIGNED: 'Chờ nhận xử lý',
      ACKNOWLEDGED: 'Đã nhận xử lý',
      IN_PROGRESS: 'Đang giải quyết',
      NEEDS_INFO: 'Chờ bổ sung thông tin',
      DELEGATED: 'Đã giao cấp dưới',
      DELEGATE_ANSWERED: 'Cấp dưới đã báo cáo, chờ xem xét',
    },
    step: { TRIAGE: 'phân loại, chuyển xử lý', VERIFY: 'kiểm tra kết quả giải quyết', DIRECTIVE_REPLY: 'báo cáo thực hiện ý kiến chỉ đạo' },
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
      DELEGATE_ANSWERED: 'Delegate answered, to review',
    },
    step: { TRIAGE: 'triage and routing', VERIFY: 'verification of the answer', DIRECTIVE_REPLY: "reply to the leader's directive" },
    escalation: {
      '1': "the assigned agency's head",
      '2': "the People's Council Standing Committee and the People's Committee leadership",
      '3': "the Party Committee's standing board",
    },
  },
};

// ---- shared pieces of the sources ----

export const CASE_VI = `Mã vụ việc: {{caseCode}}
Nội dung vụ việc: {{caseTitle}}
`;
export const CASE_EN = `Case: {{caseCode}}
Title: {{caseTitle}}
`;
// The link on a line of its own: short ASCII lines survive quoted-printable encoding unbroken.
export const LINK_VI = `
Xem chi tiết vụ việc:
{{caseUrl}}
`;
export const LINK_EN = `
Case details:
{{caseUrl}}
`;
export const FOOTER_VI = `
--
Thư này được gửi tự động từ Hệ thống tiếp nhận và theo dõi giải quyết các vấn đề Nhân dân quan tâm. Đề nghị không trả lời thư này.
`;
export const FOOTER_EN = `
--
This message was sent automatically by Concern Desk. Please do not reply to it.
`;
/**
 * The standing body's forwarding letter on a notice (`letterNumber`): attached when the case is
 * PUBLIC (the send job attaches the PDF by the same rule), otherwise only named, to be read in the system.
 */
export const LETTER_VI = `{{#if letterNumber}}
{{#if (eq sensitivity "PUBLIC")}}
Kèm theo thư này: Công văn số {{letterNumber}} của cơ quan thường trực (tệp PDF).
{{else}}
Công văn số {{letterNumber}} của cơ quan thường trực về vụ việc này có nội dung hạn chế, không gửi kèm thư: đề nghị xem và tải trên hệ thống.
{{/if}}

{{/if}}`;
export const LETTER_EN = `{{#if letterNumber}}
{{#if (eq sensitivity "PUBLIC")}}
Attached: the standing body's letter no. {{letterNumber}} (PDF).
{{else}}
The standing body's letter no. {{letterNumber}} on this case is restricted and not attached: read and download it in Concern Desk.
{{/if}}

{{/if}}`;
export const ack = (yes: string, no: string) => `{{#if (eq kind "acknowledge")}}${yes}{{else}}${no}{{/if}}`;
export const support = (yes: string, no: string) => `{{#if (eq role "SUPPORT")}}${yes}{{else}}${no}{{/if}}`;
export const granted = (yes: string, no: string) => `{{#if (eq decision "GRANTED")}}${yes}{{else}}${no}{{/if}}`;
