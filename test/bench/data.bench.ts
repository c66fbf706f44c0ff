/**
 * npm run bench:data [-- --cases 1000000 --db concern_desk_bench_reports --years 3 --keep --workers 2 --chunk 50000 --seed 238 --verify]
 * npm run bench:data -- --verify-only [--db concern_desk_bench_reports]      (checks an existing database)
 *
 * Fills a database with realistic cases for the leader metrics and reports: each case with its
 * concerns (1–3, the extra ones merged in from duplicate cases, as the real merge does), its
 * assignments (a lead, sometimes a supporting agency; misrouted ones returned and re-routed) and its
 * whole timeline (CREATED → TRIAGED → ASSIGNED → ACKNOWLEDGED → PROGRESS_REPORTED → … → RESOLVED →
 * CLOSED, rejections, requests for information, reopenings), with from/to statuses that follow the
 * case state machine and payloads shaped like the ones the services write.
 *
 * Everything is set-based SQL: per chunk of cases, one statement computes a plan per case from
 * hashes of its number (so a run is repeatable: the same --seed, --cases and --years on the same
 * day give the same cases, ids and codes, apart from the newest steps that `now` cuts off), then
 * one INSERT … SELECT per table. Chunks run on --workers connections in parallel. Into a fresh
 * database the secondary indexes and foreign keys are dropped for the load and rebuilt (and
 * validated by PostgreSQL) after it.
 * Times are in Vietnam time (UTC+7); agencies and the standing body act in office hours on working
 * days (the project's WorkingCalendar: weekends, Tết and the other public holidays), counted in
 * working time, so per-agency speed, priorities and long tails shape the durations. Deadlines are
 * the default deadline policies (DEFAULT_POLICIES) counted in working days like DeadlinesService.
 *
 * Without --keep the database is created afresh (schema by migrations, demo reference data);
 * with --keep the cases are added to what is there. After loading: ANALYZE, then the metrics
 * rebuild (dist/src/cli/metrics-rebuild.js) when it exists. --verify then checks the data (every
 * timeline against the state machine, counts, codes, dates, assignments against the case status).
 *
 * Mind: the data has the overdue open work a real province would have, but no escalations. A
 * worker started on this database would escalate it all at once (events and e-mails): run only
 * the API on it (bench:reports does).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEMO_ROUTING } from '../../src/seed/demo-data.js';
import { FINAL_STATUSES, TRANSITIONS } from '../../src/modules/cases/case-state-machine.js';
import type { CaseStatus } from '../../src/modules/cases/case.types.js';
import { foldVietnamese } from '../../src/modules/cases/search-text.js';
import { DEFAULT_POLICIES } from '../../src/modules/deadlines/deadlines.service.js';
import { WorkingCalendar } from '../../src/modules/deadlines/working-calendar.js';
import { CHANNELS } from '../../src/modules/intake/intake.types.js';
import { deriveCaseStatus, type AssignmentState } from '../../src/modules/routing/case-status.js';
import { arg, argString, databaseUrl, flag, freshDatabase, ROOT } from './bench-support.js';

const CASES = Math.max(1, Math.floor(arg('cases', 1_000_000)));
const DB = argString('db', 'concern_desk_bench_reports');
const YEARS = arg('years', 3);
const KEEP = flag('keep');
const WORKERS = Math.max(1, Math.floor(arg('workers', 2)));
const CHUNK = Math.max(1_000, Math.floor(arg('chunk', 50_000)));
const SEED = Math.floor(arg('seed', 238));
const VERIFY = flag('verify') || flag('verify-only');
/** Only the figures and the checks of an existing database (no loading). */
const VERIFY_ONLY = flag('verify-only');

const DAY_S = 86_400;
const VN_OFFSET_S = 7 * 3600;
/** Office hours 07:30–11:30 and 13:30–17:00: the working seconds of a working day. */
const WORK_DAY_S = 27_000;
const MORNING_S = 14_400;
/** Added to the working time of a step that never comes (a stalled case): beyond any calendar. */
const NEVER = 1e12;
const PRIORITY_CODES = ['URGENT', 'HIGH', 'NORMAL', 'LOW'] as const;
const OUTCOME_CODES = ['RESOLVED', 'PARTIALLY_RESOLVED', 'NOT_RESOLVABLE', 'REFERRED_TO_LEGAL_PROCESS'] as const;

// ---------------------------------------------------------------------------------------------
// The shape of the data: weights and habits (edit here to change the mix)
// ---------------------------------------------------------------------------------------------

/** Share of cases per area (by code); unknown areas get the default. The province ward is busiest. */
const AREA_WEIGHT: Record<string, number> = { T01: 0.07, X01: 0.2, X02: 0.14, X03: 0.12, X04: 0.13, X05: 0.09, X06: 0.08, X07: 0.08, X08: 0.09 };
/** Share of cases per category (by code): land and environment dominate, as in the sources. */
const CATEGORY_WEIGHT: Record<string, number> = {
  LAND: 0.2,
  RESETTLEMENT: 0.05,
  ENVIRONMENT: 0.11,
  CORRUPTION: 0.04,
  RELIGION: 0.015,
  ETHNIC: 0.02,
  SECURITY_SOVEREIGNTY: 0.01,
  PUBLIC_ORDER: 0.08,
  HERITAGE: 0.02,
  PERSONNEL: 0.02,
  MAJOR_COURT_CASE: 0.01,
  LAW_ENFORCEMENT: 0.035,
  SOCIO_ECONOMIC: 0.08,
  INFRASTRUCTURE: 0.1,
  HEALTH: 0.06,
  EDUCATION: 0.05,
  PRICES_MARKETS: 0.04,
  LABOUR_OVERSEAS: 0.03,
  FALSE_INFO_ONLINE: 0.03,
};
/** Categories whose cases are more often urgent or high priority. */
const PRESSING = new Set(['SECURITY_SOVEREIGNTY', 'PUBLIC_ORDER', 'HEALTH', 'FALSE_INFO_ONLINE', 'ENVIRONMENT']);
/** Channel mix; in the months before the People's Council sessions voter meetings weigh more. */
const CHANNEL_WEIGHT: Record<string, number> = {
  VOTER_MEETING: 0.14,
  PETITION: 0.22,
  CITIZEN_RECEPTION: 0.12,
  DIALOGUE: 0.04,
  PRESS: 0.08,
  SOCIAL_MEDIA: 0.13,
  SURVEY: 0.02,
  COLLABORATOR: 0.13,
  FIELD: 0.05,
  HOTLINE: 0.07,
};
const VOTER_SEASON_BOOST = 2.2;
/** Relative speed of each agency (1 = typical; land and construction are slow, the police fast). */
const AGENCY_SPEED: Record<string, number> = {
  HDND: 1.0,
  UBND: 1.3,
  TAND: 1.25,
  VKSND: 1.1,
  CA: 0.7,
  NNMT: 1.6,
  XD: 1.4,
  YT: 0.8,
  GDDT: 0.85,
  NV: 1.0,
  DTTG: 1.2,
  'X01-UBND': 0.8,
  'X02-UBND': 1.3,
  'X03-UBND': 0.9,
  'X04-UBND': 1.1,
  'X05-UBND': 1.2,
  'X06-UBND': 1.0,
  'X07-UBND': 1.1,
  'X08-UBND': 1.5,
};
/** Agencies whose answers are often a referral to legal process. */
const JUDICIAL = new Set(['TAND', 'VKSND', 'CA']);
/** Median working days to acknowledge, and from acknowledgement to the answer, per priority. */
const ACK_MEDIAN_DAYS = [0.2, 0.4, 0.8, 1.2];
const RESOLVE_MEDIAN_DAYS = [2, 4, 11, 16];
/** Weekday factors of intake volume, Sunday first. */
const WEEKDAY = [0.3, 1.15, 1.1, 1.05, 1.0, 0.95, 0.45];
/** Month factors: the months before the mid-year and year-end council sessions are busy, Tết month quiet. */
const MONTH = [1.0, 0.85, 1.0, 1.0, 1.1, 1.15, 1.05, 0.95, 1.0, 1.05, 1.15, 1.05];
const VOTER_MONTHS = new Set([5, 6, 11]);
/** Local hour of intake (hotline and social media run at night too). */
const HOUR_WEIGHT = [0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 4, 7, 8, 8, 6, 3, 4, 7, 8, 7, 5, 3, 2, 1.5, 1, 0.6, 0.3];
/**
 * Area × category surges (hotspots): days ago (start, end) and the peak volume of that area ×
 * category as a multiple of its usual volume (a triangle: rising, then falling). The last two are
 * recent, so that the hotspot detector finds something today.
 */
const SURGES = [
  { area: 'X08', category: 'RESETTLEMENT', from: 800, to: 700, peak: 6 },
  { area: 'X02', category: 'LAND', from: 420, to: 300, peak: 5 },
  { area: 'X03', category: 'PRICES_MARKETS', from: 200, to: 170, peak: 4 },
  { area: 'X04', category: 'ENVIRONMENT', from: 45, to: 8, peak: 6 },
  { area: 'X01', category: 'HEALTH', from: 12, to: -2, peak: 5 },
];
/** Flow shares. */
const P = {
  reject: 0.04,
  mergeSource: 0.11,
  returned: 0.03,
  support: 0.28,
  progress: 0.6,
  info: 0.06,
  stall: 0.13,
  reopenResolved: 0.025,
  reopenOther: 0.1,
  tail: 0.08,
  occurred: 0.4,
};

const TITLES: Record<string, string[]> = {
  LAND: [
    'Chậm chi trả tiền bồi thường giải phóng mặt bằng',
    'Tranh chấp ranh giới đất giữa các hộ dân',
    'Chưa được cấp giấy chứng nhận quyền sử dụng đất sau nhiều năm',
  ],
  RESETTLEMENT: ['Nhà ở khu tái định cư bị nứt, lún', 'Khu tái định cư thiếu nước sinh hoạt', 'Chậm bàn giao đất tái định cư cho hộ bị thu hồi đất'],
  ENVIRONMENT: [
    'Khói bụi, mùi hôi từ cơ sở sản xuất ảnh hưởng khu dân cư',
    'Xả nước thải chưa qua xử lý ra suối',
    'Rác thải sinh hoạt tồn đọng lâu ngày không được thu gom',
  ],
  CORRUPTION: [
    'Cán bộ gây khó khăn, nhũng nhiễu khi giải quyết thủ tục hành chính',
    'Nghi vấn sai phạm trong quản lý kinh phí xây dựng công trình',
    'Công trình đầu tư công bỏ hoang, gây lãng phí',
  ],
  RELIGION: [
    'Hoạt động tôn giáo trái phép tại địa bàn',
    'Đề nghị giải quyết đất đai liên quan cơ sở tôn giáo',
    'Mâu thuẫn trong sinh hoạt tín ngưỡng tại thôn',
  ],
  ETHNIC: [
    'Chậm triển khai chính sách hỗ trợ đồng bào dân tộc thiểu số',
    'Đồng bào vùng cao thiếu đất sản xuất',
    'Bình xét hộ nghèo chưa đúng đối tượng ở thôn vùng cao',
  ],
  SECURITY_SOVEREIGNTY: [
    'Xuất nhập cảnh trái phép qua đường mòn biên giới',
    'Đối tượng lạ tuyên truyền, lôi kéo người dân vùng biên',
    'Mốc giới, đường biên có dấu hiệu bị xâm lấn',
  ],
  PUBLIC_ORDER: ['Tình trạng đua xe trái phép vào ban đêm', 'Trộm cắp tài sản gia tăng tại khu dân cư', 'Tụ tập gây mất trật tự tại khu vực chợ'],
  HERITAGE: ['Thi công công trình xâm phạm khu vực bảo vệ di tích', 'Di tích lịch sử xuống cấp chưa được tu bổ', 'Đề nghị bảo tồn lễ hội truyền thống'],
  PERSONNEL: ['Quy trình tuyển dụng viên chức chưa minh bạch', 'Đơn tố cáo cán bộ xã vi phạm tư cách', 'Bổ nhiệm cán bộ chưa đúng quy định'],
  MAJOR_COURT_CASE: ['Dư luận quan tâm tiến độ xét xử vụ án kinh tế lớn', 'Đề nghị xét xử công khai vụ án gây bức xúc', 'Thi hành án dân sự kéo dài'],
  LAW_ENFORCEMENT: [
    'Chậm xử lý vi phạm hành chính về xây dựng',
    'Khai thác khoáng sản trái phép chưa được xử lý dứt điểm',
    'Xe quá tải làm hư hỏng đường liên xã',
  ],
  SOCIO_ECONOMIC: [
    'Chậm giải ngân vốn hỗ trợ xây dựng nông thôn mới',
    'Giống cây trồng được hỗ trợ kém chất lượng',
    'Bình xét hộ nghèo, cận nghèo chưa khách quan',
  ],
  INFRASTRUCTURE: [
    'Đường giao thông liên thôn xuống cấp nghiêm trọng',
    'Cầu treo hư hỏng, mất an toàn khi qua lại',
    'Công trình thủy lợi chậm tiến độ ảnh hưởng sản xuất',
  ],
  HEALTH: ['Trạm y tế xã thiếu thuốc và trang thiết bị', 'Thái độ phục vụ người bệnh chưa tốt tại bệnh viện', 'Ngộ độc thực phẩm tại bếp ăn tập thể'],
  EDUCATION: ['Phòng học tạm xuống cấp tại điểm trường', 'Thu các khoản ngoài quy định đầu năm học', 'Thiếu giáo viên tại các điểm trường vùng cao'],
  PRICES_MARKETS: ['Giá phân bón, vật tư nông nghiệp tăng cao', 'Tư thương ép giá nông sản', 'Hàng giả, hàng kém chất lượng bày bán tại chợ'],
  LABOUR_OVERSEAS: [
    'Lao động đi làm việc ở nước ngoài bị lừa đảo',
    'Doanh nghiệp nợ lương, nợ bảo hiểm xã hội của người lao động',
    'Thiếu việc làm cho lao động sau thu hồi đất',
  ],
  FALSE_INFO_ONLINE: [
    'Thông tin sai sự thật lan truyền trên mạng xã hội',
    'Tài khoản mạng xã hội xuyên tạc chủ trương của địa phương',
    'Tin giả về dịch bệnh gây hoang mang',
  ],
};
const REPORTERS = [
  'Nguyễn Văn An',
  'Trần Thị Bình',
  'Lê Văn Cường',
  'Phạm Thị Dung',
  'Hoàng Văn Đức',
  'Vũ Thị Hà',
  'Đặng Văn Hải',
  'Bùi Thị Hoa',
  'Đỗ Văn Hùng',
  'Lò Thị Mai',
  'Giàng A Páo',
  'Sùng Thị Mỷ',
  'Vàng A Chứ',
  'Lý Thị Sâm',
  'Tẩn Văn Phin',
  'Hà Thị Thu',
];
const TEXTS = {
  reject: [
    'Nội dung không thuộc phạm vi tiếp nhận theo Quy chế 238.',
    'Phản ánh không có nội dung cụ thể, không đủ cơ sở xem xét.',
    'Vụ việc đã được giải quyết dứt điểm, không có tình tiết mới.',
  ],
  returned: [
    'Nội dung không thuộc chức năng, nhiệm vụ của đơn vị; đề nghị chuyển cơ quan có thẩm quyền.',
    'Đơn vị không có thẩm quyền giải quyết; đề nghị chuyển UBND cấp xã.',
  ],
  progress: [
    'Đã thành lập tổ công tác, đang kiểm tra thực tế tại địa phương.',
    'Đã làm việc với các hộ dân, đang tổng hợp hồ sơ.',
    'Đang phối hợp các ngành liên quan xác minh nội dung phản ánh.',
  ],
  question: ['Đề nghị cung cấp danh sách hộ dân và tài liệu kèm theo phản ánh.', 'Đề nghị làm rõ địa điểm và thời gian xảy ra sự việc.'],
  answer: ['Đã bổ sung danh sách hộ dân và hình ảnh hiện trường.', 'Đã làm rõ địa điểm, thời gian theo đề nghị của đơn vị.'],
  close: ['Kết quả giải quyết đạt yêu cầu.', 'Đã kiểm tra, người dân đồng thuận với kết quả.', null],
  reopen: ['Người dân tiếp tục phản ánh, kết quả giải quyết chưa đạt yêu cầu.', 'Sự việc tái diễn sau khi đã giải quyết.'],
  summary: [
    'Đã kiểm tra, làm việc với các hộ dân và giải quyết theo thẩm quyền.',
    'Đã giải quyết một phần; phần còn lại đưa vào kế hoạch năm sau.',
    'Không có cơ sở giải quyết theo đề nghị; đã giải thích cho người dân.',
    'Đã chuyển cơ quan tiến hành tố tụng xem xét theo quy định.',
  ],
};

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/** Bind parameters for one hand-written statement: `p(value, type)` → `$n::type`. */
class Params {
  readonly values: unknown[] = [];
  p(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lower bounds of the buckets of a weighted choice, for width_bucket(u, bounds) → 1..k. */
function bounds(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let acc = 0;
  for (const w of weights) {
    out.push(acc / total);
    acc += w;
  }
  return out;
}

const dayString = (dayNumber: number) => new Date(dayNumber * DAY_S * 1000).toISOString().slice(0, 10);
const localDayNumber = (epochS: number) => Math.floor((epochS + VN_OFFSET_S) / DAY_S);
const secs = (ms: number) => (ms / 1000).toFixed(1);
const fmt = (n: number) => n.toLocaleString('en-US');
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

interface Ref {
  areas: Array<{ id: string; code: string; nameVi: string }>;
  categories: Array<{ id: string; code: string; labelVi: string; sensitive: boolean }>;
  agencies: Array<{ id: string; code: string; nameVi: string; userId: string; areaCode: string | null; kind: string }>;
  officer: string;
  triager: string;
  ownerUnit: string | null;
}

async function loadReference(db: pg.Client): Promise<Ref> {
  const areas = (await db.query(`SELECT id, code, name_vi AS "nameVi" FROM area WHERE active ORDER BY code`)).rows;
  const categories = (await db.query(`SELECT id, code, label_vi AS "labelVi", sensitive FROM category WHERE active ORDER BY code`)).rows;
  const agencies = (
    await db.query(
      `SELECT DISTINCT ON (o.code) o.id, o.code, o.name_vi AS "nameVi", o.kind, a.code AS "areaCode", u.id AS "userId"
         FROM org_unit o JOIN app_user u ON u.org_unit_id = o.id AND u.role = 'agency' AND u.active
         LEFT JOIN area a ON a.id = o.area_id
        WHERE o.active AND o.kind <> 'PROPAGANDA_DEPT'
        ORDER BY o.code, u.email`,
    )
  ).rows;
  const user = async (email: string, role: string) =>
    (await db.query(`SELECT id FROM app_user WHERE active AND (email = $1 OR role = $2) ORDER BY (email = $1) DESC, email LIMIT 1`, [email, role])).rows[0]
      ?.id as string | undefined;
  const officer = await user('officer@demo.local', 'officer');
  const triager = await user('triage@demo.local', 'triager');
  const [owner] = (await db.query(`SELECT o.id FROM org_unit o JOIN app_user u ON u.org_unit_id = o.id WHERE u.id = $1`, [officer ?? null])).rows;
  if (!areas.length || !categories.length || !agencies.length || !officer || !triager) {
    throw new Error(
      `reference data missing in ${DB} (areas ${areas.length}, categories ${categories.length}, agencies with a user ${agencies.length}, officer ${!!officer}, triager ${!!triager}); run without --keep to create the database afresh`,
    );
  }
  return { areas, categories, agencies, officer, triager, ownerUnit: owner?.id ?? null };
}

// ---------------------------------------------------------------------------------------------
// The calendar and the daily volumes (computed here, handed to SQL as arrays)
// ---------------------------------------------------------------------------------------------

interface Timeline {
  /** Epoch seconds of local midnight of calendar day 0. */
  e0: number;
  /** Per calendar day: working days before it, and whether it is one. */
  workingBefore: number[];
  working: number[];
  /** Calendar day of the j-th working day. */
  workingDays: number[];
  /** Days with cases: calendar day, first case index, count. */
  alloc: { day: number[]; first: number[]; cnt: number[] };
  /** Per calendar day: surge probability, its area and category (1-based indexes), voter season. */
  surgeP: number[];
  surgeArea: number[];
  surgeCat: number[];
  voterSeason: number[];
  /** Local day number (days since 1970-01-01 in Vietnam) of calendar day 0. */
  day0: number;
  todayIndex: number;
  elapsedToday: number;
  firstIndex: number;
  dailyMin: number;
  dailyMax: number;
}

function buildTimeline(nowS: number, ref: Ref): Timeline {
  const calendar = new WorkingCalendar([]);
  const today = localDayNumber(nowS);
  const firstDay = today - Math.round(YEARS * 365.25);
  const day0 = firstDay - 14;
  const lastCal = today + 420; // deadlines of today's cases, with margin
  const e0 = day0 * DAY_S - VN_OFFSET_S;
  const workingBefore: number[] = [];
  const working: number[] = [];
  const workingDays: number[] = [];
  const tet = new Set<number>();
  for (let y = Number(dayString(day0).slice(0, 4)); y <= Number(dayString(lastCal).slice(0, 4)); y++) {
    for (const h of calendar.holidays(y)) if (/Tết/.test(h.name)) tet.add(Date.parse(`${h.day}T00:00:00Z`) / 1000 / DAY_S);
  }
  for (let d = day0; d <= lastCal; d++) {
    const w = calendar.isWorkingDay(dayString(d));
    workingBefore.push(workingDays.length);
    working.push(w ? 1 : 0);
    if (w) workingDays.push(d - day0);
  }
  const rnd = mulberry32(SEED * 7919 + 17);
  const areaIndex = new Map(ref.areas.map((a, i) => [a.code, i + 1]));
  const catIndex = new Map(ref.categories.map((c, i) => [c.code, i + 1]));
  const surges = SURGES.filter((s) => areaIndex.has(s.area) && catIndex.has(s.category));
  const nCal = lastCal - day0 + 1;
  const surgeP = new Array<number>(nCal).fill(0);
  const surgeArea = new Array<number>(nCal).fill(0);
  const surgeCat = new Array<number>(nCal).fill(0);
  const voterSeason = new Array<number>(nCal).fill(0);
  const weights: number[] = [];
  const elapsedToday = nowS + VN_OFFSET_S - today * DAY_S;
  let daysSinceTet = 999;
  for (let d = firstDay; d <= today; d++) {
    const date = new Date(d * DAY_S * 1000);
    const weekday = date.getUTCDay();
    const month = date.getUTCMonth();
    const trend = 0.8 + (0.4 * (d - firstDay)) / Math.max(1, today - firstDay);
    let w = trend * WEEKDAY[weekday] * MONTH[month] * (0.85 + 0.3 * rnd());
    daysSinceTet = tet.has(d) ? 0 : daysSinceTet + 1;
    if (tet.has(d)) w *= 0.25;
    else if (daysSinceTet <= 7) w *= 0.75;
    else if (!calendar.isWorkingDay(dayString(d)) && weekday !== 0 && weekday !== 6) w *= 0.35;
    if (VOTER_MONTHS.has(month + 1)) voterSeason[d - day0] = 1;
    let extra = 0;
    for (const s of surges) {
      const from = today - s.from;
      const to = today - s.to;
      if (d < from || d > to) continue;
      const peak = from + (to - from) * 0.65;
      const shape = d <= peak ? (d - from + 1) / (peak - from + 1) : (to - d + 1) / (to - peak + 1);
      // The pair's usual share of the day, times (peak - 1) at the top of the triangle.
      const share =
        ((AREA_WEIGHT[s.area] ?? 0.08) / sum(ref.areas.map((a) => AREA_WEIGHT[a.code] ?? 0.08))) *
        ((CATEGORY_WEIGHT[s.category] ?? 0.02) / sum(ref.categories.map((c) => CATEGORY_WEIGHT[c.code] ?? 0.02)));
      extra = (s.peak - 1) * shape * share * w;
      surgeP[d - day0] = extra / (w + extra);
      surgeArea[d - day0] = areaIndex.get(s.area)!;
      surgeCat[d - day0] = catIndex.get(s.category)!;
    }
    // Today counts as a whole day (its cases fit into the hours gone so far), so that the volumes
    // of the days, and so every case but the newest ones, do not depend on the time of the run.
    weights.push(w + extra);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const alloc = { day: [] as number[], first: [] as number[], cnt: [] as number[] };
  let acc = 0;
  let given = 0;
  let dailyMin = Infinity;
  let dailyMax = 0;
  weights.forEach((w, k) => {
    acc += w;
    const upTo = Math.round((CASES * acc) / total);
    const cnt = upTo - given;
    if (cnt > 0) {
      alloc.day.push(firstDay + k - day0);
      alloc.first.push(given);
      alloc.cnt.push(cnt);
    }
    if (firstDay + k < today) {
      dailyMin = Math.min(dailyMin, cnt);
      dailyMax = Math.max(dailyMax, cnt);
    }
    given = upTo;
  });
  return {
    e0,
    workingBefore,
    working,
    workingDays,
    alloc,
    surgeP,
    surgeArea,
    surgeCat,
    voterSeason,
    day0,
    todayIndex: today - day0,
    elapsedToday,
    firstIndex: firstDay - day0,
    dailyMin,
    dailyMax,
  };
}

// ---------------------------------------------------------------------------------------------
// The SQL of one chunk
// ---------------------------------------------------------------------------------------------

const PLAN_TABLE = `CREATE TEMP TABLE IF NOT EXISTS bench_plan (
  i bigint, n bigint PRIMARY KEY, cid uuid, code text, t0 float8, area int, cat int, pri int, sens text, chan int, pa int,
  lead0 int, lead int, sup int, ret bool, outcome int, outcome2 int, tmpl int, rep int, occ float8,
  want_src bool, merge_d int, into_n bigint,
  rej_at float8, mg_at float8, tr_at float8, ret_at float8, tr2_at float8, ak_at float8, sak_at float8, pg_at float8,
  iq_at float8, ip_at float8, srs_at float8, rs_at float8, cl_at float8, ro_at float8, ak2_at float8, sak2_at float8,
  srs2_at float8, rs2_at float8, cl2_at float8)`;

/** The stage columns in timeline order, with how many events each writes. */
const STAGES: Array<[string, number]> = [
  ['rej_at', 1],
  ['mg_at', 1],
  ['tr_at', 2],
  ['ret_at', 1],
  ['tr2_at', 2],
  ['ak_at', 1],
  ['sak_at', 1],
  ['pg_at', 1],
  ['iq_at', 1],
  ['ip_at', 1],
  ['srs_at', 1],
  ['rs_at', 2],
  ['cl_at', 1],
  ['ro_at', 1],
  ['ak2_at', 1],
  ['sak2_at', 1],
  ['srs2_at', 1],
  ['rs2_at', 2],
  ['cl2_at', 1],
];

/**
 * The case status after the stages for which `has(column)` holds (each stage implies the ones
 * before it, so the latest one that happened decides).
 */
function statusSql(p: string, has: (col: string) => string): string {
  return `CASE
    WHEN ${has('mg_at')} THEN 'MERGED' WHEN ${has('rej_at')} THEN 'REJECTED'
    WHEN ${has('cl2_at')} THEN 'CLOSED' WHEN ${has('rs2_at')} THEN 'RESOLVED' WHEN ${has('srs2_at')} THEN 'IN_PROGRESS'
    WHEN ${has('ak2_at')} THEN 'ACKNOWLEDGED' WHEN ${has('ro_at')} THEN 'REOPENED'
    WHEN ${has('cl_at')} THEN 'CLOSED' WHEN ${has('rs_at')} THEN 'RESOLVED' WHEN ${has('srs_at')} THEN 'IN_PROGRESS'
    WHEN ${has('ip_at')} THEN CASE WHEN ${p}.pg_at IS NOT NULL THEN 'IN_PROGRESS' ELSE 'ACKNOWLEDGED' END
    WHEN ${has('iq_at')} THEN 'NEEDS_INFO' WHEN ${has('pg_at')} THEN 'IN_PROGRESS' WHEN ${has('ak_at')} THEN 'ACKNOWLEDGED'
    WHEN ${has('tr2_at')} THEN 'ASSIGNED' WHEN ${has('ret_at')} THEN 'RETURNED' WHEN ${has('tr_at')} THEN 'ASSIGNED'
    ELSE 'NEW' END`;
}

/** A statement and which of the shared parameters it uses (renumbered $1..$k in its text). */
interface Statement {
  text: string;
  uses: number[];
}

/** Keeps only the parameters a statement names: PostgreSQL cannot type a parameter nobody uses. */
function statement(text: string): Statement {
  const uses: number[] = [];
  const renumbered = text.replace(/\$(\d+)(?!\d)/g, (_, k: string) => {
    let at = uses.indexOf(Number(k));
    if (at < 0) at = uses.push(Number(k)) - 1;
    return `$${at + 1}`;
  });
  return { text: renumbered, uses };
}

function bind(s: Statement, values: unknown[]): unknown[] {
  return s.uses.map((k) => values[k - 1]);
}

interface ChunkSql {
  /** Shared parameters; $1 and $2 are the chunk's first and last-plus-one case index. */
  params: unknown[];
  plan: Statement;
  pair: Statement;
  cases: Statement;
  concerns: Statement;
  assignments: Statement;
  events: Statement;
}

function buildSql(ref: Ref, tl: Timeline, nowS: number, base: number): ChunkSql {
  const q = new Params();
  const LO = q.p(0, 'bigint');
  const HI = q.p(0, 'bigint');
  const BASE = q.p(base, 'bigint');
  const F = q.p(tl.alloc.first, 'bigint[]');
  const DAYS = q.p(tl.alloc.day, 'int[]');
  const CNT = q.p(tl.alloc.cnt, 'int[]');
  const WB = q.p(tl.workingBefore, 'int[]');
  const WK = q.p(tl.working, 'int[]');
  const WD = q.p(tl.workingDays, 'int[]');
  const E0 = q.p(tl.e0, 'float8');
  const NOW = q.p(nowS, 'float8');
  const TODAY = q.p(tl.todayIndex, 'int');
  const ELAPSED = q.p(tl.elapsedToday, 'float8');
  const FIRST = q.p(tl.firstIndex, 'int');
  const CH = q.p(bounds(HOUR_WEIGHT).concat([1]), 'float8[]');
  const AREA_B = q.p(bounds(ref.areas.map((a) => AREA_WEIGHT[a.code] ?? 0.08)), 'float8[]');
  const CAT_B = q.p(bounds(ref.categories.map((c) => CATEGORY_WEIGHT[c.code] ?? 0.02)), 'float8[]');
  const SP = q.p(tl.surgeP, 'float8[]');
  const SA = q.p(tl.surgeArea, 'int[]');
  const SC = q.p(tl.surgeCat, 'int[]');
  const VS = q.p(tl.voterSeason, 'int[]');
  const CHAN_B = q.p(bounds(CHANNELS.map((c) => CHANNEL_WEIGHT[c] ?? 0.05)), 'float8[]');
  const CHAN_BV = q.p(bounds(CHANNELS.map((c) => (CHANNEL_WEIGHT[c] ?? 0.05) * (c === 'VOTER_MEETING' ? VOTER_SEASON_BOOST : 1))), 'float8[]');
  const CHAN = q.p([...CHANNELS], 'text[]');
  const SOCIAL = CHANNELS.indexOf('SOCIAL_MEDIA') + 1;
  const NO_PEOPLE_CH = [CHANNELS.indexOf('PRESS') + 1, CHANNELS.indexOf('SOCIAL_MEDIA') + 1];
  const WITH_REPORTER = ['PETITION', 'CITIZEN_RECEPTION', 'HOTLINE', 'DIALOGUE'].map((c) => CHANNELS.indexOf(c as never) + 1);
  const agencyIndex = new Map(ref.agencies.map((a, i) => [a.code, i + 1]));
  const ubnd = agencyIndex.get('UBND') ?? 1;
  const hdnd = agencyIndex.get('HDND') ?? ubnd;
  const VOTER = CHANNELS.indexOf('VOTER_MEETING') + 1;
  const LC = q.p(
    ref.categories.map((c) => agencyIndex.get(DEMO_ROUTING[c.code] ?? 'UBND') ?? ubnd),
    'int[]',
  );
  const AU = q.p(
    ref.areas.map((a) => {
      const unit = ref.agencies.find((u) => u.areaCode === a.code && u.kind === 'PEOPLES_COMMITTEE' && u.code !== 'UBND');
      return unit ? agencyIndex.get(unit.code)! : 0;
    }),
    'int[]',
  );
  const SPD = q.p(
    ref.agencies.map((a) => AGENCY_SPEED[a.code] ?? 1),
    'float8[]',
  );
  const JUD = q.p(
    ref.agencies.map((a) => (JUDICIAL.has(a.code) ? 1 : 0)),
    'int[]',
  );
  const AC = q.p(
    ref.agencies.map((a) => a.code),
    'text[]',
  );
  const AID = q.p(
    ref.agencies.map((a) => a.id),
    'uuid[]',
  );
  const AUSR = q.p(
    ref.agencies.map((a) => a.userId),
    'uuid[]',
  );
  const ANAME = q.p(
    ref.agencies.map((a) => a.nameVi),
    'text[]',
  );
  const NAG = ref.agencies.length;
  const SENS = q.p(
    ref.categories.map((c) => (c.sensitive ? 1 : 0)),
    'int[]',
  );
  const URG = q.p(
    ref.categories.map((c) => (PRESSING.has(c.code) ? 1 : 0)),
    'int[]',
  );
  const CC = q.p(
    ref.categories.map((c) => c.code),
    'text[]',
  );
  const CID = q.p(
    ref.categories.map((c) => c.id),
    'uuid[]',
  );
  const AREA_ID = q.p(
    ref.areas.map((a) => a.id),
    'uuid[]',
  );
  const titles = ref.categories.flatMap((c) => {
    const t = TITLES[c.code] ?? [`Phản ánh về ${c.labelVi.toLowerCase()}`];
    return [0, 1, 2].map((k) => t[k % t.length]);
  });
  const TT = q.p(titles, 'text[]');
  const TF = q.p(titles.map(foldVietnamese), 'text[]');
  const AN = q.p(
    ref.areas.map((a) => a.nameVi),
    'text[]',
  );
  const AF = q.p(
    ref.areas.map((a) => foldVietnamese(a.nameVi)),
    'text[]',
  );
  const descriptions = ref.categories.map(
    (c) => `Người dân phản ánh sự việc liên quan đến ${c.labelVi.toLowerCase()}; đề nghị cơ quan có thẩm quyền kiểm tra, xem xét, giải quyết dứt điểm.`,
  );
  const DS = q.p(descriptions, 'text[]');
  const DF = q.p(descriptions.map(foldVietnamese), 'text[]');
  const PRI = q.p([...PRIORITY_CODES], 'text[]');
  const PRI_B = q.p([0, 0.04, 0.22, 0.88], 'float8[]');
  const ACKM = q.p(ACK_MEDIAN_DAYS, 'float8[]');
  const RESM = q.p(RESOLVE_MEDIAN_DAYS, 'float8[]');
  const ACKD = q.p(
    PRIORITY_CODES.map((p) => DEFAULT_POLICIES[p].acknowledgeDays),
    'int[]',
  );
  const RESD = q.p(
    PRIORITY_CODES.map((p) => DEFAULT_POLICIES[p].resolveDays),
    'int[]',
  );
  const OUT = q.p([...OUTCOME_CODES], 'text[]');
  const OUT_B = q.p(bounds([0.74, 0.14, 0.05, 0.07]), 'float8[]');
  const OUT_BJ = q.p(bounds([0.6, 0.1, 0.05, 0.25]), 'float8[]');
  const REP = q.p(REPORTERS, 'text[]');
  const OFFICER = q.p(ref.officer, 'uuid');
  const TRIAGER = q.p(ref.triager, 'uuid');
  const OWNER = q.p(ref.ownerUnit, 'uuid');
  const T = Object.fromEntries(Object.entries(TEXTS).map(([k, v]) => [k, q.p(v, 'text[]')])) as Record<keyof typeof TEXTS, string>;
  const pick = (arr: string, len: number, salt = 0) => `(${arr})[1 + ((p.n + ${salt}) % ${len})::int]`;
  const dmax = Math.max(1, Math.round((CASES / (YEARS * 365)) * 6));
  const NS = `${SEED}:`;
  const id = (kind: string, n = 'p.n') => `md5('${NS}${kind}' || ${n})::uuid`;

  // A deterministic uniform in (0, 1) per case and salt.
  const u = (salt: number) => `((hashint8extended(n, ${SEED * 1000 + salt}) & 9007199254740991)::float8 + 0.5) / 9007199254740992.0`;
  // A standard logistic variate scaled to unit variance (a normal with heavier tails).
  const z = (col: string) => `(0.5513 * ln(${col} / (1 - ${col})))`;
  const U = Array.from({ length: 46 }, (_, k) => `${u(k + 1)} AS u${k + 1}`).join(',\n       ');
  // Working time (seconds since the first working day's 07:30) of local day d at time of day tod.
  const clamp = (tod: string) => `(LEAST(${MORNING_S}, GREATEST(0, ${tod} - 27000)) + LEAST(12600, GREATEST(0, ${tod} - 48600)))`;
  // Back from working time to epoch seconds (NULL beyond the calendar: a step that never comes).
  const winv = (w: string) =>
    `(${E0} + (${WD})[floor(${w} / ${WORK_DAY_S})::int + 1] * ${DAY_S} + CASE WHEN ${w} - floor(${w} / ${WORK_DAY_S}) * ${WORK_DAY_S} < ${MORNING_S} ` +
    `THEN 27000 + ${w} - floor(${w} / ${WORK_DAY_S}) * ${WORK_DAY_S} ELSE 34200 + ${w} - floor(${w} / ${WORK_DAY_S}) * ${WORK_DAY_S} END)`;
  const cut = (t: string) => `CASE WHEN ${t} <= ${NOW} THEN ${t} END`;

  const DAY0 = q.p(tl.day0, 'int');
  const SPAN = Math.max(1, tl.todayIndex - tl.firstIndex);
  const PAT = (col: string) => `CASE WHEN ${col} IS NOT NULL THEN 1 ELSE 0 END`;

  // The plan of each case of the chunk [LO, HI): who, what, where, and when each step happens
  // (NULL: it did not happen, or not yet by now). Layers are MATERIALIZED so that each value is
  // computed once per case (inlined, the nested expressions would be recomputed many times).
  // The first concern's channel: mostly social media for online falsehoods; voter meetings weigh
  // more before the council sessions.
  const chanExpr = `CASE WHEN (${CC})[cat] = 'FALSE_INFO_ONLINE' AND u8 < 0.8 THEN ${SOCIAL}
              ELSE width_bucket(u7, CASE WHEN (${VS})[d + 1] = 1 THEN ${CHAN_BV} ELSE ${CHAN_B} END) END`;
  const plan = `
INSERT INTO bench_plan
WITH s0 AS MATERIALIZED (
  SELECT g.i, ${BASE} + g.i + 1 AS n, width_bucket(g.i, ${F}) AS b FROM generate_series(${LO}, ${HI} - 1) AS g(i)
), s1 AS MATERIALIZED (
  SELECT i, n, (${DAYS})[b] AS d, (i - (${F})[b])::float8 AS pos, (${CNT})[b] AS cnt,
       ${U}
    FROM s0
), s2 AS MATERIALIZED (
  SELECT s1.*, (pos + u1) / cnt AS f, u2 < (${SP})[d + 1] AS surge,
         CASE WHEN u2 < (${SP})[d + 1] THEN (${SA})[d + 1] ELSE width_bucket(u3, ${AREA_B}) END AS area,
         CASE WHEN u2 < (${SP})[d + 1] THEN (${SC})[d + 1] ELSE width_bucket(u4, ${CAT_B}) END AS cat
    FROM s1
), s3 AS MATERIALIZED (
  SELECT s2.*, width_bucket(f, ${CH}) AS hb,
         width_bucket(u5 * CASE WHEN (${URG})[cat] = 1 THEN 0.7 ELSE 1 END * CASE WHEN surge THEN 0.6 ELSE 1 END, ${PRI_B}) AS pri,
         CASE WHEN (${SENS})[cat] = 1 THEN CASE WHEN u6 < 0.12 THEN 'CONFIDENTIAL' ELSE 'RESTRICTED' END
              ELSE CASE WHEN u6 < 0.03 THEN 'RESTRICTED' ELSE 'PUBLIC' END END AS sens,
         ${chanExpr} AS chan,
         CASE WHEN u11 < 0.80 THEN (${LC})[cat]
              WHEN u11 < 0.94 THEN COALESCE(NULLIF((${AU})[area], 0), (${LC})[cat])
              WHEN ${chanExpr} = ${VOTER} THEN ${hdnd}
              ELSE ${ubnd} END AS lead,
         u12 < ${P.returned} AS ret, u13 < ${P.reject} AS rej, u14 < ${P.progress} AS prog,
         CASE WHEN u16 < ${P.stall} THEN CASE WHEN u17 < 0.2 THEN 'A' WHEN u17 < 0.7 THEN 'W' WHEN u17 < 0.8 THEN 'I' ELSE 'V' END END AS stall,
         u15 < ${P.info} OR (u16 < ${P.stall} AND u17 >= 0.7 AND u17 < 0.8) AS info,
         u18 < ${P.mergeSource} AS want_src, 1 + floor(u19 * ${dmax})::int AS merge_d,
         1 + floor(u43 * 3)::int AS tmpl,
         CASE WHEN u46 < 0.85 THEN 1 ELSE 2 END AS outcome2
    FROM s2
), s4 AS MATERIALIZED (
  SELECT s3.*,
         CASE WHEN d = ${TODAY} THEN f * ${ELAPSED}
              ELSE (hb - 1) * 3600 + (f - (${CH})[hb]) / ((${CH})[hb + 1] - (${CH})[hb]) * 3600 END AS tod,
         width_bucket(u20, CASE WHEN (${JUD})[lead] = 1 THEN ${OUT_BJ} ELSE ${OUT_B} END) AS outcome,
         CASE WHEN NOT ret AND u23 < ${P.support} AND (${AU})[area] > 0 AND (${AU})[area] <> lead THEN (${AU})[area] ELSE 0 END AS sup,
         CASE WHEN NOT ret THEN 0 WHEN 1 + floor(u24 * ${NAG})::int = lead THEN lead % ${NAG} + 1 ELSE 1 + floor(u24 * ${NAG})::int END AS lead0,
         CASE WHEN u9 < 0.1 OR (chan IN (${NO_PEOPLE_CH.join(', ')}) AND u9 < 0.7) THEN NULL
              ELSE LEAST(50000, floor(exp(2.3 + 1.2 * ${z('u10')}) * CASE WHEN surge THEN 3 ELSE 1 END))::int END AS pa,
         CASE WHEN chan IN (${WITH_REPORTER.join(', ')}) AND u44 < 0.8 THEN 1 + floor(u44 / 0.8 * ${REPORTERS.length})::int ELSE 0 END AS rep,
         (${SPD})[lead] AS spd,
         1.15 - 0.3 * (d - ${FIRST})::float8 / ${SPAN} AS trend
    FROM s3
), s5 AS MATERIALIZED (
  SELECT s4.*,
         u21 < CASE WHEN outcome = 1 THEN ${P.reopenResolved} ELSE ${P.reopenOther} END AS reopen, u22 >= 0.5 AS ro_closed,
         (${WB})[d + 1] * ${WORK_DAY_S} + (${WK})[d + 1] * ${clamp('tod')} AS w0,
         ${WORK_DAY_S} * 0.4 * exp(0.9 * ${z('u25')}) * CASE WHEN pri = 1 THEN 0.3 ELSE 1 END AS d_tr,
         ${WORK_DAY_S} * 1.5 * exp(0.7 * ${z('u26')}) AS d_ret,
         ${WORK_DAY_S} * 0.5 * exp(0.8 * ${z('u27')}) AS d_retri,
         ${WORK_DAY_S} * (${ACKM})[pri] * spd * exp(0.8 * ${z('u28')}) AS d_ack,
         ${WORK_DAY_S} * (${RESM})[pri] * spd * trend * exp(0.75 * ${z('u29')}) * CASE WHEN u30 < ${P.tail} THEN 2.5 + 4 * u31 ELSE 1 END AS r,
         CASE WHEN info THEN ${WORK_DAY_S} * 3 * exp(0.8 * ${z('u32')}) + CASE WHEN stall = 'I' THEN ${NEVER} ELSE 0 END ELSE 0 END AS d_info,
         ${WORK_DAY_S} * 1.5 * exp(0.9 * ${z('u33')}) + CASE WHEN stall = 'V' THEN ${NEVER} ELSE 0 END AS d_ver,
         ${WORK_DAY_S} * 25 * exp(0.8 * ${z('u34')}) AS d_come,
         ${WORK_DAY_S} * 0.5 * spd * exp(0.8 * ${z('u35')}) AS d_ack2,
         ${WORK_DAY_S} * 0.4 * (${RESM})[pri] * spd * exp(0.7 * ${z('u36')}) AS r2,
         ${WORK_DAY_S} * 1.0 * exp(0.8 * ${z('u37')}) AS d_ver2,
         CASE WHEN stall = 'A' THEN ${NEVER} ELSE 0 END AS never_ack,
         CASE WHEN stall = 'W' THEN ${NEVER} ELSE 0 END AS never_answer
    FROM s4
), s6 AS MATERIALIZED (
  SELECT s5.*, w0 + d_tr AS w_tr,
         w0 + d_tr + CASE WHEN ret THEN d_ret + d_retri ELSE 0 END + d_ack + never_ack AS w_ak
    FROM s5
), s7 AS MATERIALIZED (
  SELECT s6.*, w_ak + r + d_info + never_answer AS w_rs,
         w_ak + r + d_info + never_answer + d_ver AS w_ver
    FROM s6
), s8 AS MATERIALIZED (
  SELECT s7.*, CASE WHEN reopen THEN w_ver + CASE WHEN ro_closed THEN d_come ELSE 0 END END AS w_ro
    FROM s7
), w AS MATERIALIZED (
  SELECT i, n, d, tod, area, cat, pri, sens, chan, pa, lead0, lead, sup, ret, outcome, outcome2, tmpl, rep, u45, want_src AND NOT rej AS want_src, merge_d,
         CASE WHEN rej THEN w_tr END AS w_rej,
         CASE WHEN NOT rej THEN w_tr END AS w_tr,
         CASE WHEN NOT rej AND ret THEN w_tr + d_ret END AS w_ret,
         CASE WHEN NOT rej AND ret THEN w_tr + d_ret + d_retri END AS w_tr2,
         CASE WHEN NOT rej THEN w_ak END AS w_ak,
         CASE WHEN NOT rej AND sup > 0 THEN w_ak + r * 0.08 * u38 END AS w_sak,
         CASE WHEN NOT rej AND prog THEN w_ak + r * (0.1 + 0.1 * u39) END AS w_pg,
         CASE WHEN NOT rej AND info THEN w_ak + r * (0.3 + 0.1 * u40) END AS w_iq,
         CASE WHEN NOT rej AND info THEN w_ak + r * (0.3 + 0.1 * u40) + d_info END AS w_ip,
         CASE WHEN NOT rej AND sup > 0 THEN w_ak + r * (0.5 + 0.3 * u41) + d_info + never_answer END AS w_srs,
         CASE WHEN NOT rej THEN w_rs END AS w_rs,
         CASE WHEN NOT rej AND NOT (reopen AND NOT ro_closed) THEN w_ver END AS w_cl,
         CASE WHEN NOT rej THEN w_ro END AS w_ro,
         CASE WHEN NOT rej THEN w_ro + d_ack2 END AS w_ak2,
         CASE WHEN NOT rej AND sup > 0 THEN w_ro + d_ack2 + r2 * 0.1 * u42 END AS w_sak2,
         CASE WHEN NOT rej AND sup > 0 THEN w_ro + d_ack2 + r2 * 0.6 END AS w_srs2,
         CASE WHEN NOT rej THEN w_ro + d_ack2 + r2 END AS w_rs2,
         CASE WHEN NOT rej THEN w_ro + d_ack2 + r2 + d_ver2 END AS w_cl2
    FROM s8
), t AS MATERIALIZED (
  SELECT w.*, ${E0} + d * ${DAY_S} + tod AS t0,
         ${winv('w_rej')} AS rej_at, ${winv('w_tr')} AS tr_at, ${winv('w_ret')} AS ret_at, ${winv('w_tr2')} AS tr2_at,
         ${winv('w_ak')} AS ak_at, ${winv('w_sak')} AS sak_at, ${winv('w_pg')} AS pg_at, ${winv('w_iq')} AS iq_at,
         ${winv('w_ip')} AS ip_at, ${winv('w_srs')} AS srs_at, ${winv('w_rs')} AS rs_at, ${winv('w_cl')} AS cl_at,
         ${winv('w_ro')} AS ro_at, ${winv('w_ak2')} AS ak2_at, ${winv('w_sak2')} AS sak2_at, ${winv('w_srs2')} AS srs2_at,
         ${winv('w_rs2')} AS rs2_at, ${winv('w_cl2')} AS cl2_at
    FROM w
)
SELECT i, n, ${id('c', 'n')}, 'VV-' || to_char(date '1970-01-01' + (${DAY0} + d), 'YYYY') || '-' || CASE WHEN n < 1000000 THEN lpad(n::text, 6, '0') ELSE n::text END,
       t0, area, cat, pri, sens, chan, pa, lead0, lead, sup, ret, outcome, outcome2, tmpl, rep,
       CASE WHEN u45 < ${P.occurred} THEN t0 - u45 / ${P.occurred} * 10 * ${DAY_S} END,
       want_src, merge_d, NULL,
       ${cut('rej_at')}, NULL, ${cut('tr_at')}, ${cut('ret_at')}, ${cut('tr2_at')}, ${cut('ak_at')}, ${cut('sak_at')}, ${cut('pg_at')},
       ${cut('iq_at')}, ${cut('ip_at')}, ${cut('srs_at')}, ${cut('rs_at')}, ${cut('cl_at')}, ${cut('ro_at')}, ${cut('ak2_at')},
       ${cut('sak2_at')}, ${cut('srs2_at')}, ${cut('rs2_at')}, ${cut('cl2_at')}
  FROM t`;

  // Duplicates: a case reported again within days is merged into the earlier one (same area and
  // category) when the triage desk looks at it, if the earlier one is still open then.
  const closedAt = (m: string, at: string) =>
    `(COALESCE(${m}.cl2_at <= ${at}, false) OR COALESCE(${m}.cl_at <= ${at} AND (${m}.ro_at IS NULL OR ${m}.ro_at > ${at}), false))`;
  const pair = `
WITH cand AS (
  SELECT s.n AS src, m.n AS tgt
    FROM bench_plan s JOIN bench_plan m ON m.n = s.n - s.merge_d
   WHERE s.want_src AND s.tr_at IS NOT NULL AND NOT m.want_src AND m.rej_at IS NULL AND NOT ${closedAt('m', 's.tr_at')}
), pick AS (
  SELECT src, tgt FROM (SELECT cand.*, row_number() OVER (PARTITION BY tgt ORDER BY src) AS k FROM cand) x WHERE k <= 2
)
UPDATE bench_plan p SET into_n = pick.tgt, mg_at = p.tr_at, area = m.area, cat = m.cat, lead0 = 0, lead = 0, sup = 0, ret = false,
       ${STAGES.filter(([c]) => c !== 'mg_at' && c !== 'rej_at')
         .map(([c]) => `${c} = NULL`)
         .join(', ')}
  FROM pick JOIN bench_plan m ON m.n = pick.tgt
 WHERE p.n = pick.src`;

  const title = (p: string) => `(${TT})[(${p}.cat - 1) * 3 + ${p}.tmpl] || ' tại ' || (${AN})[${p}.area]`;
  const searchText = (p: string) => `(${TF})[(${p}.cat - 1) * 3 + ${p}.tmpl] || ' tai ' || (${AF})[${p}.area] || ' ' || (${DF})[${p}.cat]`;
  const stageCols = STAGES.map(([c]) => `p.${c}`).join(', ');
  const S1 = `CASE WHEN p.pg_at IS NOT NULL THEN 'IN_PROGRESS' ELSE 'ACKNOWLEDGED' END`;
  const S2 = `CASE WHEN p.pg_at IS NOT NULL OR p.srs_at IS NOT NULL THEN 'IN_PROGRESS' ELSE 'ACKNOWLEDGED' END`;
  const S3 = `CASE WHEN p.srs2_at IS NOT NULL THEN 'IN_PROGRESS' ELSE 'ACKNOWLEDGED' END`;
  const cases = `
INSERT INTO cases (id, code, status, title, summary, category_id, priority, sensitivity, area_id, owner_unit_id, concern_count, people_affected,
                   merged_into_id, search_text, created_by_id, version, created_at, updated_at, resume_status, similarity_tokens)
SELECT p.cid, p.code, st.status, ${title('p')}, NULL, (${CID})[p.cat],
       CASE WHEN p.tr_at IS NOT NULL THEN (${PRI})[p.pri] ELSE 'NORMAL' END,
       CASE WHEN p.tr_at IS NOT NULL THEN p.sens WHEN (${SENS})[p.cat] = 1 THEN 'RESTRICTED' ELSE 'PUBLIC' END,
       (${AREA_ID})[p.area], ${OWNER},
       CASE WHEN p.into_n IS NOT NULL THEN 0 ELSE 1 + COALESCE(mg.k, 0) END,
       CASE WHEN mg.k IS NULL THEN p.pa WHEN p.pa IS NULL AND mg.spa IS NULL THEN NULL ELSE COALESCE(p.pa, 0) + COALESCE(mg.spa, 0) END,
       t.cid, ${searchText('p')} || COALESCE(' ' || mg.st, ''), ${OFFICER},
       1 + ${STAGES.map(([c, k]) => `${PAT(`p.${c}`)} * ${k}`).join(' + ')} + COALESCE(mg.k, 0),
       to_timestamp(p.t0), to_timestamp(GREATEST(p.t0, ${stageCols}, mg.last)),
       CASE WHEN st.status = 'NEEDS_INFO' THEN ${S1} END, '{}'
  FROM bench_plan p
  LEFT JOIN bench_plan t ON t.n = p.into_n
  LEFT JOIN (SELECT s.into_n, count(*)::int AS k, sum(s.pa)::int AS spa, string_agg(${searchText('s')}, ' ' ORDER BY s.n) AS st, max(s.mg_at) AS last
               FROM bench_plan s WHERE s.into_n IS NOT NULL GROUP BY s.into_n) mg ON mg.into_n = p.n
  CROSS JOIN LATERAL (SELECT ${statusSql('p', (c) => `p.${c} IS NOT NULL`)} AS status) st`;

  const concerns = `
INSERT INTO concern (id, case_id, channel, area_id, category_id, title, description, occurred_at, received_at, people_affected,
                     reporter_name, reporter_phone, reporter_email, created_by_id, created_at)
SELECT ${id('k')}, COALESCE(t.cid, p.cid), (${CHAN})[p.chan], (${AREA_ID})[p.area], (${CID})[p.cat], ${title('p')}, (${DS})[p.cat],
       to_timestamp(p.occ), to_timestamp(p.t0), p.pa,
       CASE WHEN p.rep > 0 THEN (${REP})[p.rep] END,
       CASE WHEN p.rep > 0 THEN '09' || lpad(((p.n * 7919 + ${SEED}) % 100000000)::text, 8, '0') END, NULL, ${OFFICER}, to_timestamp(p.t0)
  FROM bench_plan p LEFT JOIN bench_plan t ON t.n = p.into_n`;

  // Deadlines as DeadlinesService sets them: `days` working days after `from` (same wall-clock time,
  // or 00:00 of the next working day when `from` is not on one).
  const dayOf = (x: string) => `floor((${x} - ${E0}) / ${DAY_S})::int`;
  const addWorkingDays = (x: string, days: string) =>
    `${E0} + (${WD})[(${WB})[${dayOf(x)} + 1] + ${days} + 1] * ${DAY_S} + CASE WHEN (${WK})[${dayOf(x)} + 1] = 1 THEN ${x} - ${E0} - ${dayOf(x)} * ${DAY_S} ELSE 0 END`;
  const localDate = (x: string) => `(date '1970-01-01' + floor((${x} + ${VN_OFFSET_S}) / ${DAY_S})::int)::text`;
  const docRef = (unit: string, at: string) =>
    `jsonb_build_object('number', ((p.n % 997) + 1)::text || '/' || (${AC})[${unit}] || '-VP', 'date', ${localDate(at)}, 'issuer', (${ANAME})[${unit}])`;
  const leadStatus = `CASE WHEN p.rs2_at IS NOT NULL THEN 'RESOLVED' WHEN p.ak2_at IS NOT NULL THEN 'ACKNOWLEDGED' WHEN p.ro_at IS NOT NULL THEN 'ASSIGNED'
    WHEN p.rs_at IS NOT NULL THEN 'RESOLVED' WHEN p.ip_at IS NOT NULL THEN ${S1} WHEN p.iq_at IS NOT NULL THEN 'NEEDS_INFO'
    WHEN p.pg_at IS NOT NULL THEN 'IN_PROGRESS' WHEN p.ak_at IS NOT NULL THEN 'ACKNOWLEDGED' ELSE 'ASSIGNED' END`;
  const supStatus = `CASE WHEN p.srs2_at IS NOT NULL THEN 'RESOLVED' WHEN p.sak2_at IS NOT NULL THEN 'ACKNOWLEDGED' WHEN p.ro_at IS NOT NULL THEN 'ASSIGNED'
    WHEN p.srs_at IS NOT NULL THEN 'RESOLVED' WHEN p.sak_at IS NOT NULL THEN 'ACKNOWLEDGED' ELSE 'ASSIGNED' END`;
  const leadOutcome = `CASE WHEN p.rs2_at IS NOT NULL THEN p.outcome2 ELSE p.outcome END`;
  const leadFrom = `COALESCE(p.ro_at, p.tr2_at, p.tr_at)`;
  const assignments = `
INSERT INTO assignment (id, case_id, org_unit_id, role, parent_assignment_id, status, resume_status, outcome, resolution_summary, document_ref,
                        acknowledged_at, resolved_at, acknowledge_due_at, resolve_due_at, escalation_level, escalated_at, policy_id, created_at, updated_at)
SELECT ${id('a0')}, p.cid, (${AID})[p.lead0], 'LEAD', NULL::uuid, CASE WHEN p.ret_at IS NOT NULL THEN 'RETURNED' ELSE 'ASSIGNED' END, NULL::text, NULL::text, NULL::text, NULL::jsonb,
       NULL::timestamptz, NULL::timestamptz,
       to_timestamp(${addWorkingDays('p.tr_at', `(${ACKD})[p.pri]`)}), to_timestamp(${addWorkingDays('p.tr_at', `(${RESD})[p.pri]`)}),
       0, NULL::timestamptz, NULL::uuid, to_timestamp(p.tr_at), to_timestamp(COALESCE(p.ret_at, p.tr_at))
  FROM bench_plan p WHERE p.ret AND p.tr_at IS NOT NULL
UNION ALL
SELECT ${id('a1')}, p.cid, (${AID})[p.lead], 'LEAD', NULL, ls.status, CASE WHEN ls.status = 'NEEDS_INFO' THEN ${S1} END,
       CASE WHEN ls.status = 'RESOLVED' THEN (${OUT})[${leadOutcome}] END,
       CASE WHEN ls.status = 'RESOLVED' THEN (${T.summary})[${leadOutcome}] END,
       CASE WHEN ls.status = 'RESOLVED' THEN ${docRef('p.lead', 'COALESCE(p.rs2_at, p.rs_at)')} END,
       to_timestamp(CASE WHEN p.ro_at IS NOT NULL THEN p.ak2_at ELSE p.ak_at END),
       to_timestamp(CASE WHEN p.ro_at IS NOT NULL THEN p.rs2_at ELSE p.rs_at END),
       to_timestamp(${addWorkingDays(leadFrom, `(${ACKD})[p.pri]`)}), to_timestamp(${addWorkingDays(leadFrom, `(${RESD})[p.pri]`)}),
       0, NULL, NULL, to_timestamp(COALESCE(p.tr2_at, p.tr_at)),
       to_timestamp(GREATEST(p.tr_at, p.tr2_at, p.ak_at, p.pg_at, p.iq_at, p.ip_at, p.rs_at, p.ro_at, p.ak2_at, p.rs2_at))
  FROM bench_plan p CROSS JOIN LATERAL (SELECT ${leadStatus} AS status) ls
 WHERE CASE WHEN p.ret THEN p.tr2_at ELSE p.tr_at END IS NOT NULL
UNION ALL
SELECT ${id('a2')}, p.cid, (${AID})[p.sup], 'SUPPORT', NULL, ss.status, NULL,
       CASE WHEN ss.status = 'RESOLVED' THEN 'RESOLVED' END,
       CASE WHEN ss.status = 'RESOLVED' THEN (${T.summary})[1] END,
       CASE WHEN ss.status = 'RESOLVED' THEN ${docRef('p.sup', 'COALESCE(p.srs2_at, p.srs_at)')} END,
       to_timestamp(CASE WHEN p.ro_at IS NOT NULL THEN p.sak2_at ELSE p.sak_at END),
       to_timestamp(CASE WHEN p.ro_at IS NOT NULL THEN p.srs2_at ELSE p.srs_at END),
       to_timestamp(${addWorkingDays(leadFrom, `(${ACKD})[p.pri]`)}), to_timestamp(${addWorkingDays(leadFrom, `(${RESD})[p.pri]`)}),
       0, NULL, NULL, to_timestamp(p.tr_at), to_timestamp(GREATEST(p.tr_at, p.sak_at, p.srs_at, p.ro_at, p.sak2_at, p.srs2_at))
  FROM bench_plan p CROSS JOIN LATERAL (SELECT ${supStatus} AS status) ss
 WHERE p.sup > 0 AND p.tr_at IS NOT NULL`;

  // The timeline: one branch per kind of step, payloads as the services write them.
  const A0 = id('a0');
  const A1 = id('a1');
  const A2 = id('a2');
  const agency = (aid: string, unit: string, role: string, extra = '') =>
    `jsonb_build_object('assignmentId', ${aid}, 'orgUnitCode', (${AC})[${unit}], 'role', '${role}'${extra})`;
  const triaged = `jsonb_build_object('categoryCode', (${CC})[p.cat], 'priority', (${PRI})[p.pri], 'sensitivity', p.sens, 'summary', NULL)`;
  const ev = (seq: number, at: string, type: string, from: string, to: string, actor: string, payload: string, where = `p.${at} IS NOT NULL`) =>
    `SELECT p.n, ${seq} AS seq, p.${at} AS at, p.cid, '${type}' AS type, ${from} AS from_status, ${to} AS to_status, ${actor} AS actor, ${payload} AS payload
       FROM bench_plan p WHERE ${where}`;
  const branches = [
    ev(1, 't0', 'CREATED', 'NULL::text', `'NEW'`, OFFICER, `jsonb_build_object('concernId', ${id('k')}, 'channel', (${CHAN})[p.chan])`, 'true'),
    ev(2, 'rej_at', 'REJECTED', `'NEW'`, `'REJECTED'`, TRIAGER, `jsonb_build_object('reason', ${pick(T.reject, TEXTS.reject.length)})`),
    `SELECT p.n, 3, p.mg_at, p.cid, 'MERGED', 'NEW', 'MERGED', ${TRIAGER}, jsonb_build_object('intoCaseId', t.cid, 'intoCaseCode', t.code)
       FROM bench_plan p JOIN bench_plan t ON t.n = p.into_n WHERE p.mg_at IS NOT NULL`,
    ev(4, 'tr_at', 'TRIAGED', `'NEW'`, `'TRIAGED'`, TRIAGER, triaged),
    ev(
      5,
      'tr_at',
      'ASSIGNED',
      `'TRIAGED'`,
      `'ASSIGNED'`,
      TRIAGER,
      `CASE WHEN p.ret THEN jsonb_build_object('lead', (${AC})[p.lead0], 'supporting', '[]'::jsonb, 'assignmentIds', jsonb_build_array(${A0}))
            WHEN p.sup > 0 THEN jsonb_build_object('lead', (${AC})[p.lead], 'supporting', jsonb_build_array((${AC})[p.sup]), 'assignmentIds', jsonb_build_array(${A1}, ${A2}))
            ELSE jsonb_build_object('lead', (${AC})[p.lead], 'supporting', '[]'::jsonb, 'assignmentIds', jsonb_build_array(${A1})) END`,
    ),
    ev(
      6,
      'ret_at',
      'RETURNED',
      `'ASSIGNED'`,
      `'RETURNED'`,
      `(${AUSR})[p.lead0]`,
      agency(A0, 'p.lead0', 'LEAD', `, 'reason', ${pick(T.returned, TEXTS.returned.length)}`),
    ),
    ev(7, 'tr2_at', 'TRIAGED', `'RETURNED'`, `'TRIAGED'`, TRIAGER, triaged),
    ev(
      8,
      'tr2_at',
      'ASSIGNED',
      `'TRIAGED'`,
      `'ASSIGNED'`,
      TRIAGER,
      `jsonb_build_object('lead', (${AC})[p.lead], 'supporting', '[]'::jsonb, 'assignmentIds', jsonb_build_array(${A1}))`,
    ),
    ev(9, 'ak_at', 'ACKNOWLEDGED', `'ASSIGNED'`, `'ACKNOWLEDGED'`, `(${AUSR})[p.lead]`, agency(A1, 'p.lead', 'LEAD')),
    ev(10, 'sak_at', 'ACKNOWLEDGED', `'ACKNOWLEDGED'`, `'ACKNOWLEDGED'`, `(${AUSR})[p.sup]`, agency(A2, 'p.sup', 'SUPPORT')),
    ev(
      11,
      'pg_at',
      'PROGRESS_REPORTED',
      `'ACKNOWLEDGED'`,
      `'IN_PROGRESS'`,
      `(${AUSR})[p.lead]`,
      agency(A1, 'p.lead', 'LEAD', `, 'note', ${pick(T.progress, TEXTS.progress.length)}`),
    ),
    ev(
      12,
      'iq_at',
      'INFO_REQUESTED',
      S1,
      `'NEEDS_INFO'`,
      `(${AUSR})[p.lead]`,
      agency(A1, 'p.lead', 'LEAD', `, 'question', ${pick(T.question, TEXTS.question.length)}, 'askedOf', 'standing body'`),
    ),
    ev(13, 'ip_at', 'INFO_PROVIDED', `'NEEDS_INFO'`, S1, TRIAGER, `jsonb_build_object('answer', ${pick(T.answer, TEXTS.answer.length)})`),
    ev(
      14,
      'srs_at',
      'ASSIGNMENT_RESOLVED',
      S1,
      `'IN_PROGRESS'`,
      `(${AUSR})[p.sup]`,
      agency(A2, 'p.sup', 'SUPPORT', `, 'outcome', 'RESOLVED', 'summary', (${T.summary})[1], 'documentRef', ${docRef('p.sup', 'p.srs_at')}`),
    ),
    ev(
      15,
      'rs_at',
      'ASSIGNMENT_RESOLVED',
      S2,
      S2,
      `(${AUSR})[p.lead]`,
      agency(A1, 'p.lead', 'LEAD', `, 'outcome', (${OUT})[p.outcome], 'summary', (${T.summary})[p.outcome], 'documentRef', ${docRef('p.lead', 'p.rs_at')}`),
    ),
    ev(16, 'rs_at', 'RESOLVED', S2, `'RESOLVED'`, `(${AUSR})[p.lead]`, `jsonb_build_object('lastAnswer', (${AC})[p.lead])`),
    ev(17, 'cl_at', 'CLOSED', `'RESOLVED'`, `'CLOSED'`, TRIAGER, `jsonb_build_object('note', ${pick(T.close, TEXTS.close.length)})`),
    ev(
      18,
      'ro_at',
      'REOPENED',
      `CASE WHEN p.cl_at IS NOT NULL THEN 'CLOSED' ELSE 'RESOLVED' END`,
      `'REOPENED'`,
      TRIAGER,
      `jsonb_build_object('reason', ${pick(T.reopen, TEXTS.reopen.length)})`,
    ),
    ev(19, 'ak2_at', 'ACKNOWLEDGED', `'REOPENED'`, `'ACKNOWLEDGED'`, `(${AUSR})[p.lead]`, agency(A1, 'p.lead', 'LEAD')),
    ev(20, 'sak2_at', 'ACKNOWLEDGED', `'ACKNOWLEDGED'`, `'ACKNOWLEDGED'`, `(${AUSR})[p.sup]`, agency(A2, 'p.sup', 'SUPPORT')),
    ev(
      21,
      'srs2_at',
      'ASSIGNMENT_RESOLVED',
      `'ACKNOWLEDGED'`,
      `'IN_PROGRESS'`,
      `(${AUSR})[p.sup]`,
      agency(A2, 'p.sup', 'SUPPORT', `, 'outcome', 'RESOLVED', 'summary', (${T.summary})[1], 'documentRef', ${docRef('p.sup', 'p.srs2_at')}`),
    ),
    ev(
      22,
      'rs2_at',
      'ASSIGNMENT_RESOLVED',
      S3,
      S3,
      `(${AUSR})[p.lead]`,
      agency(A1, 'p.lead', 'LEAD', `, 'outcome', (${OUT})[p.outcome2], 'summary', (${T.summary})[p.outcome2], 'documentRef', ${docRef('p.lead', 'p.rs2_at')}`),
    ),
    ev(23, 'rs2_at', 'RESOLVED', S3, `'RESOLVED'`, `(${AUSR})[p.lead]`, `jsonb_build_object('lastAnswer', (${AC})[p.lead])`),
    ev(24, 'cl2_at', 'CLOSED', `'RESOLVED'`, `'CLOSED'`, TRIAGER, `jsonb_build_object('note', ${pick(T.close, TEXTS.close.length, 1)})`),
    // The surviving case of a merge records it too, in whatever status it was then.
    `SELECT m.n, 25, p.mg_at, m.cid, 'MERGE_RECEIVED', st.status, st.status, ${TRIAGER},
            jsonb_build_object('fromCaseId', p.cid, 'fromCaseCode', p.code, 'concernIds', jsonb_build_array(${id('k')}))
       FROM bench_plan p JOIN bench_plan m ON m.n = p.into_n
       CROSS JOIN LATERAL (SELECT ${statusSql('m', (c) => `m.${c} <= p.mg_at`)} AS status) st
      WHERE p.mg_at IS NOT NULL`,
  ];
  const events = `
INSERT INTO case_event (case_id, type, from_status, to_status, actor_id, payload, occurred_at)
SELECT e.cid, e.type, e.from_status, e.to_status, e.actor, e.payload, to_timestamp(e.at)
  FROM (${branches.join('\n  UNION ALL\n  ')}) e
 ORDER BY e.n, e.at, e.seq`;

  return {
    params: q.values,
    plan: statement(plan),
    pair: statement(pair),
    cases: statement(cases),
    concerns: statement(concerns),
    assignments: statement(assignments),
    events: statement(events),
  };
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

const STEPS = ['plan', 'merge', 'cases', 'concern', 'assignment', 'case_event'] as const;
type Step = (typeof STEPS)[number];

async function connect(url: string): Promise<pg.Client> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  // Bulk-load session: no wait for the WAL flush per commit (a crash loses the last chunks, not
  // consistency), room to sort a chunk's timeline in memory, no JIT compile for one-off statements.
  await db.query(`SET synchronous_commit = off; SET work_mem = '256MB'; SET jit = off; SET datestyle = 'ISO, YMD'; SET timezone = 'UTC'`);
  return db;
}

async function load(url: string, sql: ChunkSql) {
  const chunks: Array<[number, number]> = [];
  for (let lo = 0; lo < CASES; lo += CHUNK) chunks.push([lo, Math.min(CASES, lo + CHUNK)]);
  const stepMs = Object.fromEntries(STEPS.map((s) => [s, 0])) as Record<Step, number>;
  const rows = { cases: 0, concern: 0, assignment: 0, case_event: 0 };
  let next = 0;
  let done = 0;
  const started = performance.now();
  const worker = async () => {
    const db = await connect(url);
    await db.query(PLAN_TABLE);
    try {
      for (;;) {
        const k = next++;
        if (k >= chunks.length) return;
        const [lo, hi] = chunks[k];
        const values = [...sql.params];
        values[0] = lo;
        values[1] = hi;
        const timed = async (step: Step, st: Statement) => {
          const t = performance.now();
          const r = await db.query(st.text, bind(st, values));
          stepMs[step] += performance.now() - t;
          return r.rowCount ?? 0;
        };
        await db.query('BEGIN');
        await db.query('TRUNCATE bench_plan');
        await timed('plan', sql.plan);
        await timed('merge', sql.pair);
        // (await first, then add: `x += await …` would read x before the other connection's add)
        const nCases = await timed('cases', sql.cases);
        const nConcerns = await timed('concern', sql.concerns);
        const nAssignments = await timed('assignment', sql.assignments);
        const nEvents = await timed('case_event', sql.events);
        rows.cases += nCases;
        rows.concern += nConcerns;
        rows.assignment += nAssignments;
        rows.case_event += nEvents;
        await db.query('COMMIT');
        done += hi - lo;
        const s = (performance.now() - started) / 1000;
        console.log(
          `  chunk ${k + 1}/${chunks.length}: cases ${fmt(lo + 1)}–${fmt(hi)} loaded; ${fmt(done)} of ${fmt(CASES)} in ${s.toFixed(1)} s (${fmt(Math.round(done / s))} cases/s)`,
        );
      }
    } catch (e) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      await db.end();
    }
  };
  await Promise.all(Array.from({ length: Math.min(WORKERS, chunks.length) }, worker));
  return { stepMs, rows };
}

const LOADED_TABLES = ['cases', 'concern', 'assignment', 'case_event'];

interface Deferred {
  indexes: Array<{ name: string; def: string; size: number }>;
  keys: Array<{ table: string; name: string; def: string }>;
}

/**
 * Into a fresh database, loading is several times faster without the secondary indexes (a GIN
 * trigram index among them) and the per-row foreign-key triggers: drop them, and afterwards build
 * them again from their own definitions (pg_get_indexdef, pg_get_constraintdef), so the schema
 * ends as the migrations made it and PostgreSQL itself validates every foreign key.
 */
async function deferIndexesAndKeys(db: pg.Client): Promise<Deferred> {
  const indexes = (
    await db.query(
      `SELECT quote_ident(c.relname) AS name, pg_get_indexdef(i.indexrelid) AS def, pg_relation_size(i.indexrelid)::bigint AS size
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND t.relname = ANY($1) AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      [LOADED_TABLES],
    )
  ).rows;
  const keys = (
    await db.query(
      `SELECT quote_ident(t.relname) AS "table", quote_ident(k.conname) AS name, pg_get_constraintdef(k.oid) AS def
         FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND k.contype = 'f' AND t.relname = ANY($1) ORDER BY 1, 2`,
      [LOADED_TABLES],
    )
  ).rows;
  for (const k of keys) await db.query(`ALTER TABLE ${k.table} DROP CONSTRAINT ${k.name}`);
  for (const i of indexes) await db.query(`DROP INDEX ${i.name}`);
  return { indexes, keys };
}

async function restoreIndexesAndKeys(url: string, d: Deferred) {
  const conns = await Promise.all(Array.from({ length: WORKERS }, () => connect(url)));
  try {
    // Biggest first (by name: the timeline's, then the trigram index), spread over the connections.
    const order = (name: string) => (name.includes('case_event') ? 0 : name.includes('trgm') ? 1 : 2);
    const queue = [...d.indexes].sort((a, b) => order(a.name) - order(b.name));
    await Promise.all(
      conns.map(async (c) => {
        await c.query(`SET maintenance_work_mem = '1GB'`);
        for (let i = queue.shift(); i; i = queue.shift()) await c.query(i.def);
      }),
    );
    // NOT VALID then VALIDATE: the validations take light locks, so they run side by side.
    for (const k of d.keys) await conns[0].query(`ALTER TABLE ${k.table} ADD CONSTRAINT ${k.name} ${k.def} NOT VALID`);
    const keys = [...d.keys];
    await Promise.all(
      conns.map(async (c) => {
        for (let k = keys.shift(); k; k = keys.shift()) await c.query(`ALTER TABLE ${k.table} VALIDATE CONSTRAINT ${k.name}`);
      }),
    );
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
}

/** Each statement's text only, to fail early (before the database is touched) on a syntax error. */
async function checkStatements(db: pg.Client, sql: ChunkSql) {
  await db.query(PLAN_TABLE);
  await db.query('BEGIN');
  try {
    for (const st of [sql.plan, sql.pair, sql.cases, sql.concerns, sql.assignments, sql.events]) await db.query(`EXPLAIN ${st.text}`, bind(st, sql.params));
  } finally {
    await db.query('ROLLBACK');
  }
}

// ---------------------------------------------------------------------------------------------
// Figures and checks
// ---------------------------------------------------------------------------------------------

async function figures(db: pg.Client) {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const statuses = (await db.query(`SELECT status, count(*)::int AS n FROM cases GROUP BY 1 ORDER BY 2 DESC`)).rows as Array<{ status: string; n: number }>;
  const total = statuses.reduce((a, r) => a + r.n, 0);
  const open = statuses.filter((r) => !['RESOLVED', 'CLOSED', 'REJECTED', 'MERGED'].includes(r.status)).reduce((a, r) => a + r.n, 0);
  console.log(
    `\ncase status: ${statuses.map((r) => `${r.status} ${pct(r.n / total)}`).join(', ')}; open (not resolved, closed, rejected or merged) ${pct(open / total)}`,
  );
  const [c] = (
    await db.query(`SELECT avg(concern_count) FILTER (WHERE status <> 'MERGED')::float AS concerns,
                           percentile_disc(0.5) WITHIN GROUP (ORDER BY people_affected) AS pa50,
                           percentile_disc(0.99) WITHIN GROUP (ORDER BY people_affected) AS pa99, max(people_affected) AS pamax
                      FROM cases`)
  ).rows;
  console.log(`concerns per case ${Number(c.concerns).toFixed(2)}; people affected median ${c.pa50}, p99 ${c.pa99}, max ${c.pamax}`);
  const perPriority = (
    await db.query(`SELECT c.priority, count(*)::int AS n,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.acknowledged_at - a.created_at)) / 3600 AS ack50,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM a.acknowledged_at - a.created_at)) / 3600 AS ack90,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.resolved_at - c.created_at)) / 86400 AS res50,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM a.resolved_at - c.created_at)) / 86400 AS res90,
         avg((a.resolved_at > a.resolve_due_at)::int) AS late
       FROM assignment a JOIN cases c ON c.id = a.case_id
      WHERE a.role = 'LEAD' AND a.status = 'RESOLVED' GROUP BY 1 ORDER BY 1`)
  ).rows;
  console.log('resolved lead assignments by priority: acknowledge (hours) p50/p90, received → resolved (days) p50/p90, late:');
  for (const r of perPriority) {
    console.log(
      `  ${r.priority.padEnd(7)} ${fmt(r.n).padStart(9)}  ack ${Number(r.ack50).toFixed(1)}/${Number(r.ack90).toFixed(1)} h  resolve ${Number(r.res50).toFixed(1)}/${Number(r.res90).toFixed(1)} d  late ${pct(Number(r.late))}`,
    );
  }
  const perAgency = (
    await db.query(`SELECT o.code, count(*)::int AS n,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.resolved_at - a.created_at)) / 86400 AS res50,
         avg((a.resolved_at > a.resolve_due_at)::int) AS late
       FROM assignment a JOIN org_unit o ON o.id = a.org_unit_id
      WHERE a.role = 'LEAD' AND a.status = 'RESOLVED' GROUP BY 1 ORDER BY 3 DESC`)
  ).rows;
  console.log(
    `lead agencies, assigned → resolved median days (late share): ${perAgency.map((r) => `${r.code} ${Number(r.res50).toFixed(1)} (${pct(Number(r.late))})`).join(', ')}`,
  );
  const weekday = (
    await db.query(`SELECT extract(isodow FROM created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS d, count(*)::int AS n FROM cases GROUP BY 1 ORDER BY 1`)
  ).rows;
  console.log(`received per weekday (Mon..Sun): ${weekday.map((r) => fmt(r.n)).join(' / ')}`);
}

interface Check {
  name: string;
  sql: string;
}

/** Each query counts violations; 0 everywhere is a pass. */
function checks(): Check[] {
  const moves = Object.entries(TRANSITIONS).flatMap(([from, tos]) => (tos as readonly string[]).map((to) => `('${from}', '${to}')`));
  const finals = FINAL_STATUSES.map((s) => `'${s}'`).join(', ');
  return [
    {
      name: 'timeline: starts with CREATED (→ NEW), each from_status = the previous to_status, time never goes back',
      sql: `SELECT count(*) FROM (
              SELECT e.type, e.from_status, e.to_status, e.occurred_at,
                     lag(e.to_status) OVER w AS prev_to, lag(e.occurred_at) OVER w AS prev_at, row_number() OVER w AS k
                FROM case_event e WINDOW w AS (PARTITION BY e.case_id ORDER BY e.id)) x
             WHERE (k = 1 AND (type <> 'CREATED' OR from_status IS NOT NULL OR to_status <> 'NEW'))
                OR (k > 1 AND (from_status IS DISTINCT FROM prev_to OR occurred_at < prev_at OR type = 'CREATED'))`,
    },
    {
      name: 'timeline: every status change is allowed by the state machine (no change only on an open case)',
      sql: `SELECT count(*) FROM case_event e
             WHERE e.type <> 'CREATED' AND NOT (
                   (e.from_status = e.to_status AND e.from_status NOT IN (${finals}))
                OR (e.from_status, e.to_status) IN (VALUES ${moves.join(', ')}))`,
    },
    {
      name: "timeline: the last event's to_status is the case status, and version = number of events",
      sql: `SELECT count(*) FROM cases c JOIN LATERAL (
              SELECT count(*) AS k, (array_agg(e.to_status ORDER BY e.id DESC))[1] AS last FROM case_event e WHERE e.case_id = c.id) x ON true
             WHERE x.last IS DISTINCT FROM c.status OR x.k <> c.version`,
    },
    {
      name: 'timeline: each RESOLVED has an ASSIGNED before it; each agency acknowledgement follows its assignment',
      sql: `SELECT count(*) FROM case_event r
             WHERE (r.type = 'RESOLVED' AND NOT EXISTS (SELECT 1 FROM case_event a WHERE a.case_id = r.case_id AND a.type = 'ASSIGNED' AND a.id < r.id AND a.occurred_at <= r.occurred_at))
                OR (r.type = 'ACKNOWLEDGED' AND NOT EXISTS (
                      SELECT 1 FROM assignment s WHERE s.id = (r.payload->>'assignmentId')::uuid AND s.case_id = r.case_id AND s.created_at <= r.occurred_at))`,
    },
    {
      name: 'timeline: created_at = CREATED time = first concern received_at; updated_at = last event',
      sql: `SELECT count(*) FROM cases c JOIN LATERAL (
              SELECT min(e.occurred_at) FILTER (WHERE e.type = 'CREATED') AS created, max(e.occurred_at) AS last FROM case_event e WHERE e.case_id = c.id) x ON true
             WHERE x.created <> c.created_at OR x.last <> c.updated_at
                OR (c.status <> 'MERGED' AND c.created_at <> (SELECT min(k.received_at) FROM concern k WHERE k.case_id = c.id))`,
    },
    {
      name: 'assignments: acknowledged ≥ assigned, resolved ≥ acknowledged, due dates after assignment, outcome iff RESOLVED, resume_status iff NEEDS_INFO',
      sql: `SELECT count(*) FROM assignment a
             WHERE a.acknowledged_at < a.created_at OR a.resolved_at < a.acknowledged_at OR (a.resolved_at IS NOT NULL AND a.acknowledged_at IS NULL)
                OR a.acknowledge_due_at <= a.created_at OR a.resolve_due_at < a.acknowledge_due_at
                OR ((a.status = 'RESOLVED') <> (a.outcome IS NOT NULL AND a.resolved_at IS NOT NULL AND a.document_ref IS NOT NULL))
                OR ((a.status = 'NEEDS_INFO') <> (a.resume_status IS NOT NULL)) OR a.updated_at < a.created_at`,
    },
    {
      name: 'cases: concern_count = concerns (0 when merged), merged ones (only they) point to a survivor, codes VV-YYYY-nnnnnn',
      sql: `SELECT count(*) FROM cases c
             WHERE c.concern_count <> (SELECT count(*) FROM concern k WHERE k.case_id = c.id)
                OR ((c.status = 'MERGED') <> (c.merged_into_id IS NOT NULL))
                OR c.code !~ '^VV-[0-9]{4}-[0-9]{6,}$'
                OR substr(c.code, 4, 4) <> to_char(c.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY')
                OR (c.status IN ('NEW', 'REJECTED', 'MERGED') AND EXISTS (SELECT 1 FROM assignment a WHERE a.case_id = c.id))
                OR ((c.status = 'NEEDS_INFO') <> (c.resume_status IS NOT NULL))`,
    },
    {
      name: 'case_code_seq is past every case number (the API will not reuse a code)',
      sql: `SELECT count(*) FROM cases WHERE substr(code, 9)::bigint > (SELECT last_value FROM case_code_seq)`,
    },
  ];
}

/** The assignments of each case say what deriveCaseStatus says, checked in TypeScript (sampled above 300k cases). */
async function checkDerivedStatus(db: pg.Client): Promise<number> {
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM cases`)).rows;
  const sample =
    n > 300_000
      ? `WHERE c.id < '${Math.floor((300_000 / n) * 0xffffffff)
          .toString(16)
          .padStart(8, '0')}-0000-0000-0000-000000000000'`
      : '';
  const rows: Array<{ status: CaseStatus; a: AssignmentState[] | null }> = (
    await db.query(`SELECT c.status, (SELECT json_agg(json_build_object('id', a.id, 'role', a.role, 'status', a.status, 'parentAssignmentId', a.parent_assignment_id))
                                        FROM assignment a WHERE a.case_id = c.id) AS a
                      FROM cases c ${sample}`)
  ).rows;
  let bad = 0;
  const badByStatus = new Map<string, number>();
  for (const r of rows) {
    let as = r.a ?? [];
    // A lead that returned the case, once the case was routed again, is history: the new lead
    // decides. (deriveCaseStatus takes the first LEAD it meets, so it is given the current ones.)
    if (as.some((a) => a.role === 'LEAD' && a.status !== 'RETURNED' && a.status !== 'CANCELLED'))
      as = as.filter((a) => !(a.role === 'LEAD' && a.status === 'RETURNED'));
    const expected = r.status === 'CLOSED' ? 'RESOLVED' : r.status;
    const ok = as.length ? deriveCaseStatus(r.status, as) === expected : ['NEW', 'REJECTED', 'MERGED', 'RETURNED'].includes(r.status);
    if (!ok) {
      bad++;
      badByStatus.set(r.status, (badByStatus.get(r.status) ?? 0) + 1);
    }
  }
  const detail = bad ? ` (${[...badByStatus].map(([k, v]) => `${k} ${v}`).join(', ')})` : '';
  console.log(
    `  ${bad === 0 ? 'ok  ' : 'FAIL'} assignments → deriveCaseStatus = case status (CLOSED: all answered), ${fmt(rows.length)} cases checked: ${bad}${detail}`,
  );
  return bad;
}

async function verify(db: pg.Client): Promise<number> {
  console.log('\nchecks (violations):');
  let failed = 0;
  for (const c of checks()) {
    const t = performance.now();
    const [{ count }] = (await db.query(c.sql)).rows;
    if (Number(count) !== 0) failed++;
    console.log(`  ${Number(count) === 0 ? 'ok  ' : 'FAIL'} ${c.name}: ${count} (${secs(performance.now() - t)} s)`);
  }
  if ((await checkDerivedStatus(db)) !== 0) failed++;
  return failed;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const phases: Array<[string, number]> = [];
  const phase = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const r = await f();
    phases.push([name, performance.now() - t]);
    return r;
  };
  const started = performance.now();
  if (VERIFY_ONLY) {
    const db = await connect(databaseUrl(DB));
    await figures(db);
    const failed = await verify(db);
    await db.end();
    process.exit(failed ? 1 : 0);
  }
  console.log(
    `bench:data — ${fmt(CASES)} cases over ${YEARS} years into ${DB}${KEEP ? ' (kept, appending)' : ' (created afresh)'}; ${WORKERS} connections, chunks of ${fmt(CHUNK)}, seed ${SEED}; machine ${os.cpus().length} cores`,
  );

  const url = KEEP ? databaseUrl(DB) : await phase('database (fresh: drop, create, migrate, reference data)', () => freshDatabase(DB));
  const db = await connect(url);
  const ref = await loadReference(db);
  const nowS = Math.floor(Date.now() / 1000);
  const tl = buildTimeline(nowS, ref);
  const [{ base }] = (await db.query(`SELECT (CASE WHEN is_called THEN last_value ELSE 0 END)::bigint AS base FROM case_code_seq`)).rows;
  const sql = buildSql(ref, tl, nowS, Number(base));
  await checkStatements(db, sql);
  console.log(
    `reference: ${ref.areas.length} areas, ${ref.categories.length} categories, ${ref.agencies.length} agencies; cases numbered from ${Number(base) + 1}; days ${tl.alloc.day.length}, cases per full day ${tl.dailyMin}–${tl.dailyMax}`,
  );

  // Appending (--keep) goes through the live indexes and keys; a fresh load defers them.
  const deferred = KEEP ? undefined : await deferIndexesAndKeys(db);
  const loaded = await phase('load (cases, concerns, assignments, timeline)', () => load(url, sql)).catch(async (e) => {
    if (deferred) await restoreIndexesAndKeys(url, deferred).catch((r) => console.error(`could not restore the indexes and keys: ${r}`));
    throw e;
  });
  const { stepMs, rows } = loaded;
  if (deferred) {
    await phase(`indexes (${deferred.indexes.length}) and foreign keys (${deferred.keys.length}) built and validated`, () =>
      restoreIndexesAndKeys(url, deferred),
    );
  }
  await db.query(`SELECT setval('case_code_seq', GREATEST((SELECT last_value FROM case_code_seq), $1::bigint))`, [Number(base) + CASES]);
  await phase('ANALYZE', () => db.query('ANALYZE'));

  const rebuild = join(ROOT, 'dist/src/cli/metrics-rebuild.js');
  if (existsSync(rebuild)) {
    await phase('metrics rebuild (dist/src/cli/metrics-rebuild.js)', async () => {
      try {
        execFileSync(process.execPath, [rebuild], { env: { ...process.env, DATABASE_URL: url }, stdio: 'inherit' });
      } catch (e) {
        console.error(`metrics rebuild failed (${e instanceof Error ? e.message.split('\n')[0] : e}); the data is loaded, the rollup is not`);
      }
    });
  } else {
    console.log(`note: ${rebuild} does not exist yet (the leader metrics are being written): metrics rebuild skipped`);
  }

  const counts = (
    await db.query(`SELECT t.name, (SELECT count(*) FROM cases)::bigint AS cases, (SELECT count(*) FROM concern)::bigint AS concern,
                           (SELECT count(*) FROM assignment)::bigint AS assignment, (SELECT count(*) FROM case_event)::bigint AS case_event,
                           pg_database_size(current_database())::bigint AS size
                      FROM (SELECT 1 AS name) t`)
  ).rows[0];
  const sizes = (
    await db.query(`SELECT c.relname AS name, pg_total_relation_size(c.oid)::bigint AS total, pg_relation_size(c.oid)::bigint AS heap
                      FROM pg_class c WHERE c.relname IN ('cases', 'concern', 'assignment', 'case_event', 'case_fact') AND c.relkind = 'r'`)
  ).rows as Array<{ name: string; total: string; heap: string }>;
  const mb = (b: number | string) => `${(Number(b) / 1024 / 1024).toFixed(0)} MB`;
  console.log('\nrows (inserted now / in the database), size with indexes (heap):');
  for (const t of ['cases', 'concern', 'assignment', 'case_event'] as const) {
    const s = sizes.find((x) => x.name === t);
    console.log(`  ${t.padEnd(11)} ${fmt(rows[t]).padStart(11)} / ${fmt(Number(counts[t])).padStart(11)}   ${s ? `${mb(s.total)} (${mb(s.heap)})` : ''}`);
  }
  const fact = sizes.find((x) => x.name === 'case_fact');
  if (fact) console.log(`  case_fact   ${mb(fact.total)}`);
  console.log(`database size: ${mb(counts.size)}`);
  console.log('\nseconds per phase:');
  for (const [name, ms] of phases) console.log(`  ${secs(ms).padStart(7)}  ${name}`);
  console.log(`  within the load (summed over ${WORKERS} connections): ${STEPS.map((s) => `${s} ${secs(stepMs[s])}`).join(', ')}`);
  console.log(`  total ${secs(performance.now() - started)} s`);

  await figures(db);
  let failed = 0;
  if (VERIFY) failed = await verify(db);
  else console.log('\n(add --verify to check constraints and every timeline against the state machine)');
  await db.end();
  if (failed) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
