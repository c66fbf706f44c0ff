/**
 * The calendar's data as shipped: the law's public holidays (seeded into `holiday_rule`) and the
 * government's announcements for the years already announced (seeded into `calendar_day` with
 * source GOVERNMENT). Migration 1795700000000 inserts exactly these rows; later years and newly
 * legislated holidays are rows an admin adds, not code.
 *
 * Legal basis:
 * - Labour Code 2019 (45/2019/QH14), art. 112(1): 1/1; Tết Âm lịch 5 days; 30/4; 1/5; Quốc khánh
 *   2 days (2/9 and one day just before or after it); Giỗ Tổ Hùng Vương 10/3 lunar. Art. 112(3): the
 *   Prime Minister fixes the exact Tết and National Day days each year (Decree 145/2020/NĐ-CP
 *   implements it; for state bodies the Ministry of Home Affairs — formerly MOLISA — announces them).
 * - Art. 111(3): a public holiday that falls on the weekly rest day is compensated on the next
 *   working day. State offices rest on Saturday and Sunday (40-hour week), so a holiday on a
 *   Saturday or Sunday gives the next Monday–Friday that is not itself a holiday. Computed in
 *   WorkingCalendar, not stored.
 */

export const HOLIDAY_CALENDARS = ['SOLAR', 'LUNAR'] as const;
export type HolidayCalendar = (typeof HOLIDAY_CALENDARS)[number];

export interface HolidayRuleData {
  name: string;
  calendar: HolidayCalendar;
  /** The anchor date: solar month/day, or lunar month/day (converted per year). */
  month: number;
  day: number;
  /** First day off relative to the anchor (Tết: -1 = the lunar new year's eve). */
  offsetDays: number;
  /** Consecutive days off from the first. */
  lengthDays: number;
  /**
   * The day off is ONE day next to the anchor, chosen by the government each year (National Day's
   * second day). Default until an announcement says otherwise: the side that joins the weekend —
   * the day after when the anchor is a Sunday, Monday or Thursday, else the day before. That is the
   * choice every announcement made since the rule began (2021 Thu→3/9, 2022 Fri→1/9, 2023 Sat→1/9,
   * 2024 Mon→3/9, 2025 Tue→1/9, 2026 Wed→1/9); an announcement that differs is two rows in
   * `calendar_day`.
   */
  adjacent: boolean;
  fromYear: number;
  toYear: number | null;
  legalBasis: string;
}

const LC = 'Bộ luật Lao động 2019, Điều 112 khoản 1';

export const LAW_HOLIDAY_RULES: readonly HolidayRuleData[] = [
  {
    name: 'Tết Dương lịch',
    calendar: 'SOLAR',
    month: 1,
    day: 1,
    offsetDays: 0,
    lengthDays: 1,
    adjacent: false,
    fromYear: 2000,
    toYear: null,
    legalBasis: `${LC} điểm a`,
  },
  {
    // The PM may place the 5 days differently (e.g. 2025: 28–29 Chạp + mùng 1–3); the default is the eve + mùng 1–4.
    name: 'Tết Nguyên Đán',
    calendar: 'LUNAR',
    month: 1,
    day: 1,
    offsetDays: -1,
    lengthDays: 5,
    adjacent: false,
    fromYear: 2013, // 5 days since the Labour Code 2012 (art. 115); 4 before
    toYear: null,
    legalBasis: `${LC} điểm b; Điều 112 khoản 3 (Thủ tướng quyết định cụ thể)`,
  },
  {
    name: 'Giỗ tổ Hùng Vương',
    calendar: 'LUNAR',
    month: 3,
    day: 10,
    offsetDays: 0,
    lengthDays: 1,
    adjacent: false,
    fromYear: 2007,
    toYear: null,
    legalBasis: `${LC} điểm e`,
  },
  {
    name: 'Ngày Giải phóng miền Nam',
    calendar: 'SOLAR',
    month: 4,
    day: 30,
    offsetDays: 0,
    lengthDays: 1,
    adjacent: false,
    fromYear: 2000,
    toYear: null,
    legalBasis: `${LC} điểm c`,
  },
  {
    name: 'Quốc tế Lao động',
    calendar: 'SOLAR',
    month: 5,
    day: 1,
    offsetDays: 0,
    lengthDays: 1,
    adjacent: false,
    fromYear: 2000,
    toYear: null,
    legalBasis: `${LC} điểm d`,
  },
  {
    name: 'Quốc khánh',
    calendar: 'SOLAR',
    month: 9,
    day: 2,
    offsetDays: 0,
    lengthDays: 1,
    adjacent: false,
    fromYear: 2000,
    toYear: null,
    legalBasis: `${LC} điểm đ`,
  },
  {
    name: 'Quốc khánh (ngày thứ hai)',
    calendar: 'SOLAR',
    month: 9,
    day: 2,
    offsetDays: 0,
    lengthDays: 1,
    adjacent: true,
    fromYear: 2021, // the Labour Code 2019 took effect on 1/1/2021
    toYear: null,
    legalBasis: `${LC} điểm đ (01 ngày liền kề trước hoặc sau 2/9); Điều 112 khoản 3`,
  },
];

export interface GovernmentDayData {
  day: string;
  kind: 'DAY_OFF' | 'WORKING_DAY';
  note: string;
  reference: string;
}

const VPCP_2025 = 'Công văn 8726/VPCP-KGVX ngày 26/11/2024 (Thủ tướng đồng ý lịch nghỉ Tết Âm lịch và các dịp lễ 2025)';
const BNV_2026_TDL = 'Bộ Nội vụ, thông báo ngày 25/12/2025 (Chính phủ đồng ý hoán đổi ngày làm việc dịp Tết Dương lịch 2026)';
const BNV_2026 = 'Bộ Nội vụ, thông báo ngày 17/10/2025 về lịch nghỉ Tết Âm lịch và Quốc khánh 2026 (Thủ tướng đồng ý phương án)';

/**
 * The announced days that differ from the law's default computation. Tết 2026 (14–22/2: the eve
 * 16/2 + mùng 1–4 between two weekends) and Hùng Kings 2026 (26/4 a Sunday → Monday 27/4, art.
 * 111(3)) need no row: the rules above give them.
 */
export const GOVERNMENT_DAYS: readonly GovernmentDayData[] = [
  // Tết 2025 (day 1 = Wed 29/1): off Sat 25/1 – Sun 2/2. The 5 days were 28–29 Chạp + mùng 1–3
  // (Mon 27 – Fri 31/1), so mùng 4 on Saturday 1/2 gave no substitute Monday.
  { day: '2025-01-27', kind: 'DAY_OFF', note: 'Tết Âm lịch 2025: nghỉ 28 tháng Chạp (thay mùng 4 rơi vào thứ Bảy)', reference: VPCP_2025 },
  { day: '2025-02-03', kind: 'WORKING_DAY', note: 'Tết Âm lịch 2025: 5 ngày Tết là 27–31/1, không nghỉ bù thứ Hai 3/2', reference: VPCP_2025 },
  // 30/4 (Wed) – 1/5 (Thu) 2025: Friday 2/5 swapped with Saturday 26/4 → off 30/4 – 4/5.
  { day: '2025-04-26', kind: 'WORKING_DAY', note: 'Làm bù cho thứ Sáu 2/5/2025 (hoán đổi dịp 30/4 – 1/5)', reference: VPCP_2025 },
  { day: '2025-05-02', kind: 'DAY_OFF', note: 'Hoán đổi dịp 30/4 – 1/5/2025 (làm bù thứ Bảy 26/4)', reference: VPCP_2025 },
  // Tết Dương lịch 2026 (Thu 1/1): Friday 2/1 swapped with Saturday 10/1 → off 1/1 – 4/1.
  { day: '2026-01-02', kind: 'DAY_OFF', note: 'Hoán đổi dịp Tết Dương lịch 2026 (làm bù thứ Bảy 10/1)', reference: BNV_2026_TDL },
  { day: '2026-01-10', kind: 'WORKING_DAY', note: 'Làm bù cho thứ Sáu 2/1/2026 (hoán đổi dịp Tết Dương lịch)', reference: BNV_2026_TDL },
  // Quốc khánh 2026 (Wed 2/9, second day Tue 1/9): Monday 31/8 swapped with Saturday 22/8 → off 29/8 – 2/9.
  { day: '2026-08-22', kind: 'WORKING_DAY', note: 'Làm bù cho thứ Hai 31/8/2026 (hoán đổi dịp Quốc khánh)', reference: BNV_2026 },
  { day: '2026-08-31', kind: 'DAY_OFF', note: 'Hoán đổi dịp Quốc khánh 2026 (làm bù thứ Bảy 22/8)', reference: BNV_2026 },
];
