import type { FieldError } from './domain-error.js';
import type { Lang } from './error-messages.js';

/**
 * What a person calls each input field of the API (DTO properties, query parameters, headers),
 * by its last path segment: `concerns[3].reporter.phone` is a "Số điện thoại". A field not named
 * here is shown by its path.
 */
export const FIELD_LABELS: Record<string, { vi: string; en: string }> = {
  accessToken: { vi: 'Mã phiên đăng nhập', en: 'Access token' },
  acknowledgeDays: { vi: 'Số ngày nhận xử lý', en: 'Days to acknowledge' },
  active: { vi: 'Đang hoạt động', en: 'Active' },
  adjacent: { vi: 'Ngày liền kề', en: 'Adjacent day' },
  age: { vi: 'Thời gian chờ', en: 'Age' },
  agency: { vi: 'Cơ quan', en: 'Agency' },
  answer: { vi: 'Nội dung bổ sung', en: 'Answer' },
  area: { vi: 'Địa bàn', en: 'Area' },
  areaCode: { vi: 'Địa bàn', en: 'Area' },
  assignmentId: { vi: 'Phần việc được giao', en: 'Assignment' },
  attachmentId: { vi: 'Tệp văn bản đã ký', en: 'Signed document file' },
  attachmentIds: { vi: 'Tệp đính kèm', en: 'Attachments' },
  body: { vi: 'Nội dung gửi lên', en: 'Request body' },
  calendar: { vi: 'Loại lịch', en: 'Calendar' },
  caseId: { vi: 'Vụ việc', en: 'Case' },
  caseIds: { vi: 'Các vụ việc đã chọn', en: 'Selected cases' },
  category: { vi: 'Lĩnh vực', en: 'Category' },
  categoryCode: { vi: 'Lĩnh vực', en: 'Category' },
  categoryCodes: { vi: 'Lĩnh vực', en: 'Categories' },
  channel: { vi: 'Kênh tiếp nhận', en: 'Channel' },
  code: { vi: 'Mã', en: 'Code' },
  concerns: { vi: 'Danh sách phản ánh', en: 'Concerns' },
  'content-length': { vi: 'Độ dài dữ liệu', en: 'Content length' },
  'content-type': { vi: 'Định dạng dữ liệu', en: 'Content type' },
  cursor: { vi: 'Vị trí trang', en: 'Page cursor' },
  date: { vi: 'Ngày', en: 'Date' },
  day: { vi: 'Ngày', en: 'Day' },
  days: { vi: 'Số ngày', en: 'Days' },
  defaultSignerId: { vi: 'Người ký mặc định', en: 'Default signer' },
  delegateAssignmentId: { vi: 'Phần việc của đơn vị cấp dưới', en: 'Delegate’s assignment' },
  description: { vi: 'Nội dung phản ánh', en: 'Description' },
  directiveReplyDays: { vi: 'Số ngày trả lời chỉ đạo', en: 'Days to reply to a directive' },
  documentPlace: { vi: 'Địa danh ghi trên văn bản', en: 'Place on documents' },
  documentRef: { vi: 'Văn bản trả lời', en: 'Answer document' },
  documentSymbol: { vi: 'Ký hiệu văn bản', en: 'Document symbol' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  emails: { vi: 'Thư điện tử', en: 'E-mails' },
  entityId: { vi: 'Bản ghi', en: 'Record' },
  entityType: { vi: 'Loại bản ghi', en: 'Record type' },
  escalationStepDays: { vi: 'Số ngày giữa các cấp báo cáo', en: 'Days between escalation steps' },
  figure: { vi: 'Chỉ tiêu', en: 'Figure' },
  file: { vi: 'Tệp', en: 'File' },
  format: { vi: 'Định dạng', en: 'Format' },
  from: { vi: 'Từ ngày', en: 'From' },
  fromYear: { vi: 'Từ năm', en: 'From year' },
  fullName: { vi: 'Họ tên', en: 'Full name' },
  groupBy: { vi: 'Nhóm theo', en: 'Group by' },
  headEmails: { vi: 'Thư điện tử của lãnh đạo đơn vị', en: 'Heads’ e-mails' },
  id: { vi: 'Mã định danh', en: 'Identifier' },
  'Idempotency-Key': { vi: 'Mã chống gửi trùng', en: 'Idempotency-Key' },
  intoCaseId: { vi: 'Vụ việc gộp vào', en: 'Case to merge into' },
  issuer: { vi: 'Cơ quan ban hành', en: 'Issuer' },
  jobTitle: { vi: 'Chức vụ', en: 'Job title' },
  kind: { vi: 'Loại', en: 'Kind' },
  labelEn: { vi: 'Tên tiếng Anh', en: 'English label' },
  labelVi: { vi: 'Tên tiếng Việt', en: 'Vietnamese label' },
  lang: { vi: 'Ngôn ngữ', en: 'Language' },
  late: { vi: 'Quá hạn bước hiện tại', en: 'Late at the current step' },
  leadAgency: { vi: 'Cơ quan chủ trì', en: 'Lead agency' },
  legalBasis: { vi: 'Căn cứ pháp lý', en: 'Legal basis' },
  lengthDays: { vi: 'Số ngày nghỉ', en: 'Length in days' },
  letterheadName: { vi: 'Tên đơn vị trên tiêu đề văn bản', en: 'Letterhead name' },
  level: { vi: 'Cấp', en: 'Level' },
  limit: { vi: 'Số dòng', en: 'Limit' },
  mentions: { vi: 'Người, đơn vị được nhắc đến', en: 'Mentions' },
  minAnswered: { vi: 'Số vụ việc tối thiểu', en: 'Minimum answered' },
  month: { vi: 'Tháng', en: 'Month' },
  name: { vi: 'Họ tên', en: 'Name' },
  nameEn: { vi: 'Tên tiếng Anh', en: 'English name' },
  nameVi: { vi: 'Tên tiếng Việt', en: 'Vietnamese name' },
  note: { vi: 'Ghi chú', en: 'Note' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
  number: { vi: 'Số văn bản', en: 'Document number' },
  occurredAt: { vi: 'Thời điểm xảy ra', en: 'Occurred at' },
  offsetDays: { vi: 'Số ngày lệch', en: 'Offset in days' },
  orgUnitCode: { vi: 'Đơn vị', en: 'Unit' },
  outcome: { vi: 'Kết quả', en: 'Outcome' },
  page: { vi: 'Trang', en: 'Page' },
  pageSize: { vi: 'Số dòng mỗi trang', en: 'Rows per page' },
  parentCode: { vi: 'Đơn vị cấp trên', en: 'Parent unit' },
  partyCodes: { vi: 'Các bên phối hợp', en: 'Parties' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  path: { vi: 'Địa chỉ', en: 'Path' },
  pauseOnExtension: { vi: 'Tạm dừng khi xin gia hạn', en: 'Pause on extension' },
  peopleAffected: { vi: 'Số người liên quan', en: 'People affected' },
  period: { vi: 'Kỳ báo cáo', en: 'Period' },
  periodEnd: { vi: 'Ngày kết thúc', en: 'End date' },
  periodStart: { vi: 'Ngày bắt đầu', en: 'Start date' },
  phone: { vi: 'Số điện thoại', en: 'Phone' },
  priority: { vi: 'Độ khẩn', en: 'Priority' },
  programme: { vi: 'Chương trình phối hợp', en: 'Coordination programme' },
  programmeCode: { vi: 'Chương trình phối hợp', en: 'Coordination programme' },
  purpose: { vi: 'Loại tệp', en: 'Purpose' },
  q: { vi: 'Từ khóa', en: 'Search words' },
  query: { vi: 'Bộ lọc', en: 'Filters' },
  question: { vi: 'Nội dung đề nghị', en: 'Question' },
  reason: { vi: 'Lý do', en: 'Reason' },
  reference: { vi: 'Văn bản công bố', en: 'Reference' },
  remindDayBefore: { vi: 'Nhắc trước một ngày', en: 'Remind a day before' },
  reminderFractions: { vi: 'Các mốc nhắc hạn', en: 'Reminder points' },
  reporter: { vi: 'Người phản ánh', en: 'Reporter' },
  requestedAction: { vi: 'Nội dung đề nghị', en: 'Requested action' },
  resolveDays: { vi: 'Số ngày giải quyết', en: 'Days to resolve' },
  role: { vi: 'Vai trò', en: 'Role' },
  rule: { vi: 'Quy tắc ngày nghỉ', en: 'Holiday rule' },
  sensitive: { vi: 'Lĩnh vực nhạy cảm', en: 'Sensitive' },
  sensitivity: { vi: 'Độ mật', en: 'Sensitivity' },
  signedOn: { vi: 'Ngày ký', en: 'Signed on' },
  signerId: { vi: 'Người ký', en: 'Signer' },
  signingAuthority: { vi: 'Thẩm quyền ký', en: 'Signing authority' },
  sort: { vi: 'Thứ tự sắp xếp', en: 'Sort order' },
  source: { vi: 'Nguồn', en: 'Source' },
  status: { vi: 'Trạng thái', en: 'Status' },
  summary: { vi: 'Tóm tắt', en: 'Summary' },
  superiorBody: { vi: 'Cơ quan chủ quản', en: 'Superior body' },
  supportingAgencies: { vi: 'Cơ quan phối hợp', en: 'Supporting agencies' },
  text: { vi: 'Nội dung', en: 'Text' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  titleEn: { vi: 'Tên tiếng Anh', en: 'English title' },
  titleVi: { vi: 'Tên tiếng Việt', en: 'Vietnamese title' },
  to: { vi: 'Đến ngày', en: 'To' },
  toOrgUnitCode: { vi: 'Đơn vị cấp dưới', en: 'Unit below' },
  toYear: { vi: 'Đến năm', en: 'To year' },
  triageDays: { vi: 'Số ngày phân loại', en: 'Days to triage' },
  type: { vi: 'Loại', en: 'Type' },
  unassigned: { vi: 'Chưa giao cơ quan', en: 'Not yet assigned' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  unitCode: { vi: 'Đơn vị', en: 'Unit' },
  userId: { vi: 'Người dùng', en: 'User' },
  verifyDays: { vi: 'Số ngày xác minh kết quả', en: 'Days to verify' },
  workingDays: { vi: 'Số ngày làm việc', en: 'Working days' },
  year: { vi: 'Năm', en: 'Year' },
};

/** `concerns[3].reporter.phone` → "Số điện thoại" (concern 4); an unknown field → its path. */
export function fieldLabel(path: string, lang: Lang): string {
  const segments = path.split('.');
  const last = segments[segments.length - 1];
  const index = /^(.*)\[(\d+)\]$/.exec(last);
  const name = index ? index[1] : last;
  const entry = FIELD_LABELS[name];
  if (!entry) return path;
  const label = entry[lang];
  const item = index ? ` ${Number(index[2]) + 1}` : '';
  // Which concern of a batch, when it is not the field itself.
  const batch = /^concerns\[(\d+)\]\./.exec(path);
  const where = batch ? (lang === 'vi' ? ` (phản ánh thứ ${Number(batch[1]) + 1})` : ` (concern ${Number(batch[1]) + 1})`) : '';
  return `${label}${item}${where}`;
}

/**
 * What class-validator's rules (and ours, validators.ts) say, in Vietnamese; `{n}` is the number
 * the English message carries (a length, a bound). The English message is class-validator's, with
 * the field named by its label.
 */
const RULES_VI: Record<string, string> = {
  isString: 'phải là văn bản',
  isNotEmpty: 'không được để trống',
  notBlank: 'không được để trống',
  isDefined: 'là bắt buộc',
  isIn: 'không phải là một giá trị được chấp nhận',
  isEnum: 'không phải là một giá trị được chấp nhận',
  isInt: 'phải là số nguyên',
  isNumber: 'phải là một số',
  isBoolean: 'phải là đúng hoặc sai (true/false)',
  isArray: 'phải là một danh sách',
  isObject: 'phải là một đối tượng',
  isEmail: 'phải là địa chỉ thư điện tử hợp lệ',
  isUUID: 'phải là mã định danh (UUID) hợp lệ',
  isDay: 'phải là ngày theo dạng YYYY-MM-DD (năm 1900–2200)',
  isTimestamp: 'phải là thời điểm kèm múi giờ, ví dụ 2026-11-20T08:00:00+07:00',
  isDayOrTimestamp: 'phải là ngày YYYY-MM-DD hoặc thời điểm kèm múi giờ',
  matches: 'không đúng định dạng',
  maxLength: 'không được dài quá {n} ký tự',
  minLength: 'cần ít nhất {n} ký tự',
  max: 'không được lớn hơn {n}',
  min: 'không được nhỏ hơn {n}',
  arrayMaxSize: 'có tối đa {n} mục',
  arrayMinSize: 'cần ít nhất {n} mục',
  arrayNotEmpty: 'cần ít nhất một mục',
  arrayUnique: 'không được có mục trùng nhau',
  whitelistValidation: 'là trường không được chấp nhận',
  isPositive: 'phải là số dương',
  isLength: 'có độ dài không hợp lệ',
};

/** Messages written by hand in the services, in Vietnamese (matched on the English text). */
const MESSAGES_VI: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  // The review report's period (reports), the internal notes' mentions (notes).
  [/^period must be /, () => 'phải là một quý (2026-Q3), nửa năm (2026-H1), một năm (2026), một nhiệm kỳ (2021-2025) hoặc khoảng ngày'],
  [/^period year (\d+) is out of range \((\d+)–(\d+)\)$/, (m) => `năm ${m[1]} nằm ngoài khoảng ${m[2]}–${m[3]}`],
  [/^a term runs from one year to a later one, at most (\d+) years/, (m) => `nhiệm kỳ phải từ một năm đến một năm sau, tối đa ${m[1]} năm`],
  [/^period (\S+) has not begun yet \(it starts on (\S+)\)$/, (m) => `kỳ ${m[1]} chưa bắt đầu (bắt đầu từ ngày ${m[2]})`],
  [/^the period starts \((\S+)\) after it ends \((\S+)\)$/, () => 'ngày bắt đầu sau ngày kết thúc'],
  [/^a period covers at most (\d+) years$/, (m) => `một kỳ dài tối đa ${m[1]} năm`],
  [/^give either period or from and to, not both$/, () => 'chỉ ghi kỳ báo cáo hoặc từ ngày – đến ngày, không ghi cả hai'],
  [/^no active (?:user|unit) (\S+)$/, (m) => `không có người dùng hoặc đơn vị đang hoạt động ${m[1]}`],
  [/^unit (\S+) is not assigned to this case$/, (m) => `đơn vị ${m[1]} không được giao vụ việc này`],
  [/^user (\S+) may not read this case's notes$/, (m) => `người dùng ${m[1]} không được xem ghi chú của vụ việc này`],
  [
    /^unknown (?:or inactive )?(?:area|category|org unit|programme|agency|coordination programme)?\s*(?:code)?s?:? ?(.*)$/i,
    (m) => `không có mã ${m[1]} (hoặc đã ngừng dùng)`,
  ],
  [/^(\S+) is a standing body, not a receiving agency$/, (m) => `${m[1]} là cơ quan thường trực, không phải cơ quan giải quyết`],
  [/^is already assigned to this case$/, () => 'đã được giao vụ việc này'],
  [/^(\S+) is not a unit under (\S+)$/, (m) => `${m[1]} không phải đơn vị cấp dưới của ${m[2]}`],
  [/^is required with outcome/, () => 'là bắt buộc với kết quả này: hãy tải lên văn bản trả lời đã ký trước'],
  [/^cannot be in the future$/, () => 'không được là thời điểm chưa tới'],
  [/^must not be before (\w+)$/, (m) => `không được trước ${lower(fieldLabel(m[1], 'vi'))}`],
  [/^must not be shorter than (\w+)$/, (m) => `không được ngắn hơn ${lower(fieldLabel(m[1], 'vi'))}`],
  [/^is not a cursor returned by this API$/, () => 'không phải vị trí trang do hệ thống trả về'],
  [/^must be a JSON object$/, () => 'phải là một đối tượng JSON'],
  [/^must be application\/json$/, () => 'phải là application/json'],
  [/^must be multipart\/form-data$/, () => 'phải là multipart/form-data'],
  [/^is (?:larger than the limit|too large)$/, () => 'quá lớn'],
  [/^must be at most (\d+) bytes$/, (m) => `không được lớn quá ${m[1]} byte`],
  [/^must be JPG, PNG, PDF, DOCX, XLSX or ODT/, () => 'phải là ảnh JPG, PNG hoặc tệp PDF, DOCX, XLSX, ODT'],
  [/^is not valid percent-encoded UTF-8$/, () => 'không phải UTF-8 hợp lệ'],
  [/^is not valid UTF-8$/, () => 'không phải UTF-8 hợp lệ'],
  [/^is not valid JSON/, () => 'không phải JSON hợp lệ'],
  [/^is nested deeper than (\d+) levels$/, (m) => `lồng sâu quá ${m[1]} cấp`],
  [/^(?:name )?must not contain NUL characters$/, () => 'không được chứa ký tự NUL'],
  [/^(?:name )?must not contain unpaired UTF-16 surrogates$/, () => 'không được chứa ký tự UTF-16 lẻ cặp'],
  [/^(?:id )?(?:id )?must be a UUID$/, () => 'phải là mã định danh (UUID) hợp lệ'],
  [/^unknown field/, () => 'là trường không được chấp nhận'],
  [/^is given twice$/, () => 'được gửi hai lần'],
  [/^is required/, () => 'là bắt buộc'],
  [/^is not an assignment of this case$/, () => 'không phải phần việc của vụ việc này'],
  [/^is not an active user of the issuing unit/, () => 'không phải người dùng đang hoạt động của đơn vị phát hành, có chức vụ để ký'],
  [/^is not an active user/, () => 'không phải người dùng đang hoạt động của đơn vị này'],
  [/at most two keys$/, () => 'có tối đa 2 mục'],
  [/names a key twice$/, () => 'không được có mục trùng nhau'],
  [/^a case cannot be merged into itself$/, () => 'không thể gộp vụ việc vào chính nó'],
  [/^no such case$/, () => 'không có vụ việc này'],
  [/is not a calendar day/, () => 'không phải ngày hợp lệ (YYYY-MM-DD)'],
  [/is after/, () => 'không được sau ngày kết thúc'],
  [/^would make the org unit its own ancestor$/, () => 'sẽ làm đơn vị thành cấp trên của chính nó'],
  [/must belong to an org unit$/, () => 'là bắt buộc với vai trò này'],
];

/** A field error in the reader's language, the field named by its label (`field` stays the path). */
export function localizeFieldError(e: FieldError, lang: Lang): FieldError {
  const label = fieldLabel(e.field, lang);
  // class-validator's messages start with the property's name: drop it, the label says it.
  const last = e.field
    .split('.')
    .pop()!
    .replace(/\[\d+\]$/, '');
  const text = e.message.replace(new RegExp(`^(?:${escape(e.field)}|${escape(last)}) `), '').replace(/^each value in (\S+) /, '');
  // The password policy writes both languages ("vi / en"), each a sentence naming the field: each reader gets theirs.
  const both = /^(Mật khẩu.*?) \/ (.*)$/.exec(text);
  if (both) {
    const own = both[lang === 'vi' ? 1 : 2];
    return { field: e.field, message: own.charAt(0).toUpperCase() + own.slice(1) };
  }
  if (lang === 'en') return { field: e.field, message: `${label}: ${text}` };
  const number = /(\d+)/.exec(text)?.[1] ?? '';
  // A choice among values names them (class-validator's and the DTOs' own wording).
  const among = /(?:one of the following values:|one of|among) (.+)$/.exec(text)?.[1];
  if ((e.rule === 'isIn' || e.rule === 'isEnum') && among) return { field: e.field, message: `${label}: phải là một trong các giá trị ${among}` };
  const rule = e.rule && RULES_VI[e.rule];
  // A rule's sentence that needs a number the message does not carry (a custom message) falls to the table below.
  if (rule && (number || !rule.includes('{n}'))) return { field: e.field, message: `${label}: ${rule.replace('{n}', number)}` };
  for (const [pattern, say] of MESSAGES_VI) {
    const m = pattern.exec(text);
    if (m) return { field: e.field, message: `${label}: ${say(m)}` };
  }
  return { field: e.field, message: `${label}: giá trị không hợp lệ` };
}

function lower(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
