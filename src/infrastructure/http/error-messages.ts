/**
 * Every error code the API answers, with what it says to a person in Vietnamese and in English.
 * Clients branch on `code`; people read `detail`, which is this message in the language of the
 * request (Accept-Language, Vietnamese by default). `{name}` placeholders are filled from the
 * error's extra fields, statuses and actions in words (see messageLabels).
 * A code without both messages does not compile (ErrorCode is derived from these keys), and
 * error-messages.spec.ts fails on a code literal in src that is missing here.
 */
export const ERROR_MESSAGES = {
  // Generic, by HTTP status (Nest and Fastify errors, routes that do not exist).
  BAD_REQUEST: { vi: 'Yêu cầu không hợp lệ.', en: 'The request is not valid.' },
  UNAUTHORIZED: { vi: 'Vui lòng đăng nhập.', en: 'Please log in.' },
  FORBIDDEN: { vi: 'Tài khoản của bạn không được thực hiện thao tác này.', en: 'Your account may not do this.' },
  NOT_FOUND: { vi: 'Không tìm thấy, hoặc bạn không có quyền xem.', en: 'Not found, or you may not see it.' },
  METHOD_NOT_ALLOWED: { vi: 'Địa chỉ này không nhận thao tác đó.', en: 'This address does not take that method.' },
  NOT_ACCEPTABLE: { vi: 'Không có nội dung ở định dạng được yêu cầu.', en: 'No content in the requested format.' },
  CONFLICT: { vi: 'Thao tác không phù hợp với dữ liệu hiện có.', en: 'The action conflicts with the current data.' },
  PRECONDITION_FAILED: {
    vi: 'Dữ liệu vừa được người khác cập nhật. Vui lòng tải lại và xem lại trước khi thao tác.',
    en: 'The data changed since you loaded it. Reload it and check before acting.',
  },
  PAYLOAD_TOO_LARGE: { vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { vi: 'Định dạng dữ liệu gửi lên không được chấp nhận.', en: 'The request’s content type is not accepted.' },
  UNPROCESSABLE: { vi: 'Không thể xử lý yêu cầu này.', en: 'The request cannot be processed.' },
  TOO_MANY_REQUESTS: { vi: 'Thao tác quá nhanh. Vui lòng thử lại sau giây lát.', en: 'Too many requests. Try again shortly.' },
  INTERNAL_ERROR: { vi: 'Đã có lỗi xảy ra ở máy chủ. Vui lòng thử lại.', en: 'Something went wrong on the server. Please try again.' },
  SERVICE_UNAVAILABLE: {
    vi: 'Hệ thống tạm thời gián đoạn. Vui lòng thử lại sau {retryAfterSeconds} giây.',
    en: 'The system is briefly unavailable. Try again in {retryAfterSeconds} seconds.',
  },
  HTTP_ERROR: { vi: 'Không thực hiện được yêu cầu.', en: 'The request could not be carried out.' },

  // Input.
  VALIDATION_FAILED: { vi: 'Một số thông tin chưa hợp lệ.', en: 'Some of the information is not valid.' },
  BAD_IF_MATCH: {
    vi: 'Phiên bản vụ việc gửi kèm không hợp lệ. Vui lòng tải lại trang.',
    en: 'The case version sent with the request is not valid. Reload the page.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    vi: 'Mã chống gửi trùng này đã được dùng cho một yêu cầu khác.',
    en: 'This Idempotency-Key was already used for a different request.',
  },

  // Sign-in.
  UNAUTHENTICATED: { vi: 'Vui lòng đăng nhập lại.', en: 'Please log in again.' },
  INVALID_CREDENTIALS: {
    vi: 'Sai thư điện tử hoặc mật khẩu, hoặc tài khoản đã ngừng hoạt động.',
    en: 'Wrong e-mail or password, or the account is deactivated.',
  },
  LOGIN_LOCKED: {
    vi: 'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau {retryAfterSeconds} giây.',
    en: 'Too many failed logins. Try again in {retryAfterSeconds} seconds.',
  },

  // Cases and their work.
  STALE_CASE: {
    vi: 'Vụ việc vừa được người khác cập nhật (hiện ở trạng thái “{currentStatus}”). Vui lòng tải lại và xem lại trước khi thao tác.',
    en: 'Someone else has just updated this case (it is now “{currentStatus}”). Reload it and check before acting.',
  },
  CASE_BUSY: { vi: 'Vụ việc đang được người khác cập nhật. Vui lòng thử lại sau giây lát.', en: 'Someone else is updating this case. Try again shortly.' },
  ILLEGAL_TRANSITION: {
    vi: 'Không thể {action}{currentStatus| khi vụ việc đang ở trạng thái “{currentStatus}”}{assignmentStatus| (phần việc của đơn vị: “{assignmentStatus}”)}.',
    en: 'You cannot {action}{currentStatus| while the case is “{currentStatus}”}{assignmentStatus| (your unit’s work: “{assignmentStatus}”)}.',
  },
  NOT_ADDRESSEE: { vi: 'Yêu cầu bổ sung thông tin này không gửi cho bạn.', en: 'This request for information is not addressed to you.' },
  MERGE_TARGET_CLOSED: {
    vi: 'Vụ việc đích đang ở trạng thái “{targetStatus}”, không thể gộp vào.',
    en: 'The target case is “{targetStatus}” and cannot receive a merge.',
  },
  ASSIGNMENT_NOT_OPEN: {
    vi: 'Đơn vị của bạn không còn phần việc đang mở ở vụ việc này.',
    en: 'Your unit has no open work on this case.',
  },
  EXTENSION_PENDING: { vi: 'Đơn vị đã có đề nghị gia hạn đang chờ xem xét.', en: 'An extension request is already waiting for a decision.' },
  EXTENSION_DECIDED: { vi: 'Đề nghị gia hạn này đã được xem xét.', en: 'This extension request was already decided.' },
  NO_LIVE_ASSIGNMENTS: {
    vi: 'Không có cơ quan nào đang giải quyết vụ việc để gửi công văn.',
    en: 'No agency is working on the case: there is nobody to address a letter to.',
  },
  NOT_AN_ISSUING_UNIT: {
    vi: 'Công văn được phát hành nhân danh đơn vị của bạn, nhưng tài khoản chưa thuộc đơn vị nào.',
    en: 'Letters are issued in the name of your unit, and your account belongs to none.',
  },

  // Attachments.
  UNSUPPORTED_FILE_TYPE: {
    vi: 'Loại tệp không được chấp nhận: chỉ nhận ảnh JPG, PNG và tệp PDF, DOCX, XLSX, ODT.',
    en: 'This kind of file is not accepted: JPG and PNG images, PDF, DOCX, XLSX and ODT files only.',
  },
  UNSAFE_DOCUMENT: {
    vi: 'Tệp có cấu trúc không an toàn hoặc bị hỏng, không thể nhận.',
    en: 'The file is damaged or unsafe and cannot be accepted.',
  },
  FILE_TOO_LARGE: { vi: 'Tệp quá lớn.', en: 'The file is too large.' },
  TOO_MANY_ATTACHMENTS: {
    vi: 'Vụ việc đã có đủ {maxPerCase} tệp đính kèm, là số tối đa.',
    en: 'The case already has {maxPerCase} attachments, the most it may hold.',
  },
  CASE_ATTACHMENTS_TOO_LARGE: {
    vi: 'Tổng dung lượng tệp đính kèm của vụ việc đã đạt mức tối đa.',
    en: 'The case’s attachments have reached their total size limit.',
  },
  CASE_NOT_OPEN: {
    vi: 'Vụ việc đang ở trạng thái “{currentStatus}”, không nhận thêm tệp đính kèm.',
    en: 'The case is “{currentStatus}” and takes no more attachments.',
  },
  PURPOSE_NOT_ALLOWED: { vi: 'Vai trò của bạn không được đính kèm loại tệp này.', en: 'Your role may not attach this kind of file.' },
  ATTACHMENT_NOT_USABLE: { vi: 'Tệp đính kèm này không dùng được cho thao tác này.', en: 'This attachment cannot be used here.' },
  ATTACHMENT_CONTENT_MISSING: {
    vi: 'Không tìm thấy nội dung tệp đã lưu; quản trị viên đã được báo.',
    en: 'The stored file is missing; the administrator has been told.',
  },

  // Administration.
  CODE_TAKEN: { vi: 'Mã này đã được dùng cho một bản ghi khác.', en: 'Another record already uses this code.' },
  EMAIL_TAKEN: { vi: 'Thư điện tử này đã được dùng cho tài khoản khác.', en: 'Another user already has this e-mail.' },
  RULE_EXISTS: {
    vi: 'Đã có quy tắc chuyển cho lĩnh vực, cấp và đơn vị này.',
    en: 'A rule for this category, level and unit already exists.',
  },
  POLICY_EXISTS: {
    vi: 'Đã có quy định thời hạn cho độ khẩn, lĩnh vực và chương trình này; hãy xóa quy định cũ trước.',
    en: 'A policy for this priority, category and programme already exists; delete it first.',
  },
  PLAN_EXISTS: { vi: 'Chương trình đã có kế hoạch cho năm này.', en: 'The programme already has a plan for this year.' },
  NOTIFICATION_NOT_FAILED: {
    vi: 'Chỉ gửi lại được thông báo gửi không thành công; thông báo này {notificationStatus}.',
    en: 'Only a failed notice can be sent again; this one is {notificationStatus}.',
  },
  TOO_MANY_SAVED_VIEWS: {
    vi: 'Mỗi người dùng lưu tối đa 50 bộ lọc; hãy xóa bớt một bộ lọc.',
    en: 'A user keeps at most 50 saved views; delete one first.',
  },
  MENTION_UNKNOWN: { vi: 'Không có người dùng hoặc đơn vị được nhắc đến.', en: 'A mentioned user or unit does not exist.' },
  MENTION_NOT_ALLOWED: {
    vi: 'Người hoặc đơn vị được nhắc đến không được xem ghi chú của vụ việc này.',
    en: 'A mentioned user or unit may not read this case’s notes.',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

/** Every code the API may answer; DomainError takes only these. */
export type ErrorCode = keyof typeof ERROR_MESSAGES;
export type Lang = 'vi' | 'en';

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_MESSAGES, code);
}

type Labels = Record<string, { vi: string; en: string }>;

/**
 * Words for the values that messages name: the case's and the assignment's status (handed in by
 * the composition root from the modules' *_LABELS, infrastructure imports no module) and the
 * actions, as verbs (the timeline's event names are nouns).
 */
const labels: Record<string, Labels> = {
  action: {
    TRIAGED: { vi: 'phân loại, chuyển xử lý', en: 'triage it' },
    REJECTED: { vi: 'không thụ lý', en: 'reject it' },
    MERGED: { vi: 'gộp vụ việc', en: 'merge it' },
    INFO_REQUESTED: { vi: 'đề nghị bổ sung thông tin', en: 'ask for information' },
    INFO_PROVIDED: { vi: 'bổ sung thông tin', en: 'provide the information' },
    ACKNOWLEDGED: { vi: 'nhận xử lý', en: 'acknowledge it' },
    PROGRESS_REPORTED: { vi: 'báo cáo tiến độ', en: 'report progress' },
    RETURNED: { vi: 'trả lại vụ việc', en: 'return it' },
    DELEGATED: { vi: 'giao đơn vị cấp dưới', en: 'delegate it' },
    ASSIGNMENT_RESOLVED: { vi: 'báo cáo kết quả giải quyết', en: 'report the result' },
    CLOSED: { vi: 'kết thúc vụ việc', en: 'close it' },
    REOPENED: { vi: 'mở lại vụ việc', en: 'reopen it' },
    DIRECTIVE_ISSUED: { vi: 'gửi ý kiến chỉ đạo', en: 'issue a directive' },
    DIRECTIVE_REPLIED: { vi: 'trả lời ý kiến chỉ đạo', en: 'reply to the directive' },
    EXTENSION_REQUESTED: { vi: 'xin gia hạn', en: 'ask for more time' },
    LETTER_ISSUED: { vi: 'gửi công văn', en: 'issue a letter' },
    DELEGATE_ANSWER_ACCEPTED: { vi: 'nhất trí kết quả của đơn vị cấp dưới', en: 'accept the delegate’s answer' },
    DELEGATE_ANSWER_RETURNED: { vi: 'trả lại kết quả cho đơn vị cấp dưới', en: 'send the delegate’s answer back' },
    PRIORITY_CHANGED: { vi: 'đổi độ khẩn', en: 'change the priority' },
  },
  // A notice's delivery, as the retry refusal names it.
  notificationStatus: {
    QUEUED: { vi: 'đang chờ gửi', en: 'waiting to be sent' },
    SENDING: { vi: 'đang được gửi', en: 'being sent' },
    SENT: { vi: 'đã gửi thành công', en: 'already sent' },
    FAILED: { vi: 'gửi không thành công', en: 'failed' },
  },
};

/** Which label kind names each extra field. */
const FIELD_KIND: Record<string, string> = {
  action: 'action',
  notificationStatus: 'notificationStatus',
  currentStatus: 'caseStatus',
  targetStatus: 'caseStatus',
  assignmentStatus: 'assignmentStatus',
};

/** Called once by the composition root with the modules' labels (caseStatus, assignmentStatus). */
export function registerMessageLabels(more: Record<string, Labels>): void {
  Object.assign(labels, more);
}

function word(key: string, value: unknown, lang: Lang): string {
  const kind = FIELD_KIND[key];
  const entry = kind ? labels[kind]?.[String(value)] : undefined;
  if (entry) return entry[lang];
  // An action without its own words still reads as a sentence, never as a code.
  if (kind === 'action') return lang === 'vi' ? 'thực hiện thao tác này' : 'do this';
  if (typeof value === 'number') return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(value);
  return String(value);
}

/**
 * The message of `code` in `lang`, placeholders filled from `extra`. `{name|text}` is an optional
 * part: `text` (with its own placeholders) is shown only when `name` is given.
 */
export function errorMessage(code: string, lang: Lang, extra: Record<string, unknown> = {}): string {
  const template = (isErrorCode(code) ? ERROR_MESSAGES[code] : ERROR_MESSAGES.HTTP_ERROR)[lang];
  const fill = (text: string) =>
    // A missing action still reads as words ("do this"); any other missing value is left out.
    text.replace(/\{(\w+)\}/g, (_, name: string) =>
      (extra[name] === undefined || extra[name] === null) && FIELD_KIND[name] !== 'action' ? '' : word(name, extra[name], lang),
    );
  return fill(
    template.replace(/\{(\w+)\|([^{}]*(?:\{\w+\}[^{}]*)*)\}/g, (_, name: string, part: string) =>
      extra[name] === undefined || extra[name] === null ? '' : part,
    ),
  );
}

/** Titles of the problem by status, in both languages. */
const TITLES: Record<number, { vi: string; en: string }> = {
  400: { vi: 'Yêu cầu không hợp lệ', en: 'Bad request' },
  401: { vi: 'Chưa đăng nhập', en: 'Unauthorized' },
  403: { vi: 'Không có quyền', en: 'Forbidden' },
  404: { vi: 'Không tìm thấy', en: 'Not found' },
  405: { vi: 'Thao tác không được phép', en: 'Method not allowed' },
  409: { vi: 'Xung đột dữ liệu', en: 'Conflict' },
  412: { vi: 'Dữ liệu đã thay đổi', en: 'Precondition failed' },
  413: { vi: 'Dữ liệu quá lớn', en: 'Payload too large' },
  415: { vi: 'Định dạng không được chấp nhận', en: 'Unsupported media type' },
  422: { vi: 'Không thể xử lý', en: 'Unprocessable content' },
  429: { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' },
  500: { vi: 'Lỗi máy chủ', en: 'Internal error' },
  503: { vi: 'Tạm thời gián đoạn', en: 'Service unavailable' },
};

export function problemTitle(status: number, lang: Lang): string {
  return TITLES[status]?.[lang] ?? (lang === 'vi' ? 'Lỗi' : 'Error');
}

/**
 * The language of a request from its Accept-Language header (RFC 9110 weights): English when the
 * reader prefers it to Vietnamese, Vietnamese otherwise (the default of the interface and of the
 * department's documents).
 */
export function languageOf(header: string | string[] | undefined): Lang {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { lang: Lang; q: number } | null = null;
  for (const part of text.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.trim().split('-')[0];
    const lang: Lang | null = primary === 'vi' ? 'vi' : primary === 'en' ? 'en' : null;
    if (!lang) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    // Equal weights: the first named wins, as the header lists preference in order.
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang ?? 'vi';
}
