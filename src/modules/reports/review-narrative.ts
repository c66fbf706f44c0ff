import { formatCalendarDay, formatDay } from '../../infrastructure/time/vn-time.js';
import type { Durations, FiguresRow } from './metrics.service.js';
import { printNumber, type PrintTable } from './review-print.js';
import type { ReviewReport } from './review-report.service.js';

/**
 * The body of the review report (báo cáo sơ kết, tổng kết) in the shape the Regulation 238 review
 * meetings use: I. results (intake, resolution, coordination), II. shortcomings and their causes,
 * III. tasks for the next period, IV. proposals. Figures are filled in; what only people can say
 * (causes, tasks, proposals) is a marked placeholder the standing body edits in Word.
 */
export type Piece = string | { placeholder: string };
export type Block = { kind: 'section' | 'subsection' | 'paragraph' | 'item'; pieces: Piece[] };

/** The list of cases the body names; the annex has them all. */
const NAMED_CASES_MAX = 10;
/** Rows named in a sentence ("by channel: …"); the rest are "others". */
const NAMED_ROWS_MAX = 6;

const N = {
  vi: {
    review: { interim: 'Sơ kết', final: 'Tổng kết' },
    subject: (review: string, phrase: string, programme: string | null) =>
      `${review} công tác phối hợp tiếp nhận, giải quyết các vấn đề Nhân dân quan tâm ${phrase}${programme ? ` theo Chương trình phối hợp số ${programme}` : ''}`,
    basis: (issuer: string, review: string, phrase: string, programme: { code: string; title: string } | null) =>
      'Thực hiện Quyết định số 238-QĐ/TW ngày 30/9/2020 của Ban Bí thư ban hành Quy chế phối hợp giữa ban tuyên giáo các cấp với cơ quan nhà nước cùng cấp ' +
      'trong việc thực thi pháp luật, triển khai kế hoạch phát triển kinh tế - xã hội, giải quyết các vấn đề nổi cộm, Nhân dân quan tâm' +
      (programme ? ` và Chương trình phối hợp số ${programme.code} (${programme.title})` : '') +
      `, ${issuer} báo cáo ${review.toLowerCase()} công tác phối hợp tiếp nhận, giải quyết các vấn đề Nhân dân quan tâm ${phrase} như sau:`,
    s1: 'I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN',
    s11: '1. Công tác tiếp nhận, tổng hợp ý kiến, kiến nghị của Nhân dân',
    received: (from: string, to: string, issuer: string, cases: string, concerns: string, people: string | null) =>
      `Trong kỳ báo cáo (từ ngày ${from} đến ngày ${to}), ${issuer} đã tiếp nhận, tổng hợp ${cases} vụ việc từ ${concerns} ý kiến, kiến nghị, phản ánh của Nhân dân` +
      (people ? `, liên quan đến ${people} người.` : '.'),
    byChannel: 'Theo kênh tiếp nhận',
    byCategory: 'Theo lĩnh vực',
    byArea: 'Theo địa bàn',
    cases: (n: string) => `${n} vụ việc`,
    others: (n: string) => `các nội dung khác ${n} vụ việc`,
    nothing: 'không có',
    see: (list: string) => `(Chi tiết tại ${list} của Phụ lục kèm theo.)`,
    sheets: (ns: number[]) => (ns.length === 1 ? `Biểu ${ns[0]}` : `các Biểu ${ns.slice(0, -1).join(', ')} và ${ns.at(-1)}`),
    s12: '2. Kết quả giải quyết',
    resolved: (resolved: string, closed: string) =>
      `Trong kỳ, các cơ quan, đơn vị đã giải quyết, trả lời ${resolved} vụ việc; cơ quan thường trực đã xác minh kết quả, kết thúc ${closed} vụ việc.`,
    onTime: (answered: string, onTime: string, share: string) =>
      `Trong ${answered} vụ việc đã trả lời có thời hạn giải quyết, ${onTime} vụ việc được giải quyết đúng hạn, đạt tỷ lệ ${share}.`,
    noAnswered: 'Trong kỳ chưa có vụ việc có thời hạn giải quyết được trả lời, chưa tính được tỷ lệ giải quyết đúng hạn.',
    resolveTime: (median: string, p90: string, mean: string) =>
      `Thời gian giải quyết (từ khi cơ quan thường trực tiếp nhận đến khi có kết quả): trung vị ${median}; 90% số vụ việc trong ${p90}; bình quân ${mean}.`,
    ackTime: (median: string) => `Thời gian cơ quan chủ trì tiếp nhận xử lý (từ khi được chuyển đến khi xác nhận): trung vị ${median}.`,
    triage: (median: string, share: string) => `Cơ quan thường trực phân loại, chuyển xử lý: trung vị ${median}; tỷ lệ đúng hạn ${share}.`,
    ranking: (min: string, list: string) =>
      `Xếp hạng đơn vị theo tỷ lệ giải quyết đúng hạn (các đơn vị có từ ${min} vụ việc đã trả lời có hạn trở lên): ${list}.`,
    noRanking: (min: string) => `Chưa có đơn vị đủ ${min} vụ việc đã trả lời có hạn để xếp hạng theo tỷ lệ giải quyết đúng hạn.`,
    s13: '3. Công tác phối hợp, chỉ đạo, đôn đốc',
    directives: (issued: string, replied: string) =>
      `Lãnh đạo đã có ${issued} ý kiến chỉ đạo đối với các vụ việc; các cơ quan, đơn vị đã báo cáo, trả lời ${replied} ý kiến chỉ đạo.`,
    escalations: (total: string, cases: string, l1: string, l2: string, l3: string) =>
      `Vụ việc quá hạn được báo cáo vượt cấp ${total} lượt (${cases} vụ việc): đến thủ trưởng cơ quan chủ trì ${l1} lượt, ` +
      `đến Thường trực HĐND, UBND ${l2} lượt, đến lãnh đạo ${l3} lượt.`,
    extensions: (asked: string, granted: string, denied: string) =>
      `Các cơ quan đề nghị gia hạn giải quyết ${asked} lượt; cơ quan thường trực đồng ý ${granted} lượt, không đồng ý ${denied} lượt.`,
    moves: (returned: string, delegated: string, info: string, merged: string, reopened: string) =>
      `Cơ quan trả lại vụ việc không thuộc thẩm quyền ${returned} lượt; giao đơn vị cấp dưới giải quyết ${delegated} lượt; ` +
      `đề nghị bổ sung thông tin ${info} lượt; gộp vụ việc trùng lặp ${merged} lượt; mở lại do kết quả giải quyết chưa đạt ${reopened} lượt.`,
    overdue: (n: string) => `Số vụ việc quá hạn giải quyết trong kỳ: ${n} vụ việc.`,
    s2: 'II. HẠN CHẾ, NGUYÊN NHÂN',
    s21: '1. Hạn chế',
    overdueList: (overdue: string, total: string) =>
      `Còn ${overdue} vụ việc quá hạn giải quyết trong kỳ; đến hết kỳ còn ${total} vụ việc quá hạn hoặc chưa giải quyết xong, trong đó:`,
    overdueNone: 'Trong kỳ không có vụ việc quá hạn giải quyết.',
    overdueCase: (code: string, title: string | null, agency: string | null, days: number | null) =>
      `${code}${title ? ` - ${title}` : ''} (${agency ?? 'chưa giao cơ quan chủ trì'}${days !== null ? `; quá hạn ${days} ngày` : ''}).`,
    restricted: 'nội dung hạn chế, xem trên hệ thống',
    moreCases: (n: string, sheet: number) => `và ${n} vụ việc khác (Biểu ${sheet}).`,
    below: (share: string, list: string) => `Đơn vị có tỷ lệ giải quyết đúng hạn thấp hơn tỷ lệ chung (${share}): ${list}.`,
    belowNone: 'Không có đơn vị có tỷ lệ giải quyết đúng hạn thấp hơn tỷ lệ chung.',
    agencyShare: (name: string, share: string, onTime: string, answered: string) => `${name} (${share}; ${onTime}/${answered} vụ việc)`,
    recurring: (list: string) => `Vấn đề phát sinh nhiều lần: ${list}.`,
    recurringItem: (area: string, category: string, concerns: string, cases: string) => `${category} tại ${area} (${concerns} ý kiến, ${cases} vụ việc)`,
    recurringNone: 'Không có vấn đề phát sinh nhiều lần trên cùng địa bàn.',
    hotspots: (list: string) => `Điểm nóng phát sinh trong kỳ: ${list}.`,
    hotspotItem: (area: string, category: string, recent: string, active: boolean) =>
      `${category} tại ${area} (${recent} ý kiến trong 7 ngày; ${active ? 'đang diễn biến' : 'đã lắng xuống'})`,
    hotspotsNone: 'Trong kỳ không phát sinh điểm nóng.',
    moreShortcomings: 'Nội dung do cơ quan thường trực bổ sung: đánh giá thêm những hạn chế trong công tác phối hợp',
    s22: '2. Nguyên nhân',
    objective: 'Nguyên nhân khách quan: ',
    subjective: 'Nguyên nhân chủ quan: ',
    causesObjective: 'Nội dung do cơ quan thường trực bổ sung: nguyên nhân khách quan của các hạn chế nêu trên',
    causesSubjective: 'Nội dung do cơ quan thường trực bổ sung: nguyên nhân chủ quan, trách nhiệm của các cơ quan, đơn vị',
    s3: 'III. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI',
    carryOver: (open: string, overdue: string, asOf: string) =>
      `Đôn đốc các cơ quan, đơn vị giải quyết dứt điểm ${open} vụ việc đang giải quyết (tính đến ngày ${asOf}), trong đó ${overdue} vụ việc đã quá hạn.`,
    tasks: 'Nội dung do cơ quan thường trực bổ sung: nhiệm vụ, giải pháp trọng tâm thời gian tới',
    s4: 'IV. ĐỀ XUẤT, KIẾN NGHỊ',
    proposals: 'Nội dung do cơ quan thường trực bổ sung: đề xuất, kiến nghị với cấp ủy, HĐND, UBND và các cơ quan liên quan',
    closing: (review: string, phrase: string, issuer: string) =>
      `Trên đây là báo cáo ${review.toLowerCase()} công tác phối hợp tiếp nhận, giải quyết các vấn đề Nhân dân quan tâm ${phrase} của ${issuer}./.`,
    unit: { hours: (n: string) => `${n} giờ làm việc`, days: (n: string) => `${n} ngày làm việc`, none: 'chưa có số liệu' },
  },
  en: {
    review: { interim: 'Interim review', final: 'Final review' },
    subject: (review: string, phrase: string, programme: string | null) =>
      `${review} of the coordinated receipt and resolution of citizens' concerns, ${phrase}${programme ? `, coordination programme ${programme}` : ''}`,
    basis: (issuer: string, review: string, phrase: string, programme: { code: string; title: string } | null) =>
      `Under Decision 238-QĐ/TW of 30 September 2020 (Regulation 238)${programme ? ` and coordination programme ${programme.code} (${programme.title})` : ''}, ` +
      `${issuer} reports as follows (${review.toLowerCase()}, ${phrase}):`,
    s1: 'I. SITUATION AND RESULTS',
    s11: '1. Concerns received',
    received: (from: string, to: string, issuer: string, cases: string, concerns: string, people: string | null) =>
      `From ${from} to ${to}, ${issuer} received ${cases} cases gathered from ${concerns} concerns${people ? `, affecting ${people} people.` : '.'}`,
    byChannel: 'By channel',
    byCategory: 'By category',
    byArea: 'By area',
    cases: (n: string) => `${n} cases`,
    others: (n: string) => `others ${n} cases`,
    nothing: 'none',
    see: (list: string) => `(Details in ${list} of the annex.)`,
    sheets: (ns: number[]) => (ns.length === 1 ? `table ${ns[0]}` : `tables ${ns.slice(0, -1).join(', ')} and ${ns.at(-1)}`),
    s12: '2. Resolution',
    resolved: (resolved: string, closed: string) => `Agencies resolved ${resolved} cases; the standing body verified and closed ${closed}.`,
    onTime: (answered: string, onTime: string, share: string) => `Of ${answered} cases answered with a deadline, ${onTime} were on time (${share}).`,
    noAnswered: 'No case with a deadline was answered in the period: no on-time share yet.',
    resolveTime: (median: string, p90: string, mean: string) => `Time to resolve (receipt to resolution): median ${median}; 90% within ${p90}; mean ${mean}.`,
    ackTime: (median: string) => `Time for the lead agency to acknowledge: median ${median}.`,
    triage: (median: string, share: string) => `Triage by the standing body: median ${median}; on time ${share}.`,
    ranking: (min: string, list: string) => `Agencies ranked by on-time share (at least ${min} answered cases with a deadline): ${list}.`,
    noRanking: (min: string) => `No agency has ${min} answered cases with a deadline to be ranked.`,
    s13: '3. Coordination, directives and follow-up',
    directives: (issued: string, replied: string) => `Leaders issued ${issued} directives on cases; agencies replied to ${replied}.`,
    escalations: (total: string, cases: string, l1: string, l2: string, l3: string) =>
      `Overdue cases were escalated ${total} times (${cases} cases): to the agency's head ${l1}, to the People's Council and Committee ${l2}, to the leaders ${l3}.`,
    extensions: (asked: string, granted: string, denied: string) => `Agencies asked for more time ${asked} times; ${granted} granted, ${denied} denied.`,
    moves: (returned: string, delegated: string, info: string, merged: string, reopened: string) =>
      `Returned as misrouted ${returned}; delegated to a unit below ${delegated}; information requested ${info}; duplicates merged ${merged}; reopened ${reopened}.`,
    overdue: (n: string) => `Cases overdue in the period: ${n}.`,
    s2: 'II. SHORTCOMINGS AND CAUSES',
    s21: '1. Shortcomings',
    overdueList: (overdue: string, total: string) => `${overdue} cases went overdue in the period; ${total} were overdue or unresolved at its end, among them:`,
    overdueNone: 'No case went overdue in the period.',
    overdueCase: (code: string, title: string | null, agency: string | null, days: number | null) =>
      `${code}${title ? ` - ${title}` : ''} (${agency ?? 'no lead agency yet'}${days !== null ? `; ${days} days overdue` : ''}).`,
    restricted: 'restricted, see Concern Desk',
    moreCases: (n: string, sheet: number) => `and ${n} more (table ${sheet}).`,
    below: (share: string, list: string) => `Agencies below the overall on-time share (${share}): ${list}.`,
    belowNone: 'No agency is below the overall on-time share.',
    agencyShare: (name: string, share: string, onTime: string, answered: string) => `${name} (${share}; ${onTime}/${answered} cases)`,
    recurring: (list: string) => `Recurring issues: ${list}.`,
    recurringItem: (area: string, category: string, concerns: string, cases: string) => `${category} in ${area} (${concerns} concerns, ${cases} cases)`,
    recurringNone: 'No issue recurred in one area.',
    hotspots: (list: string) => `Hotspots in the period: ${list}.`,
    hotspotItem: (area: string, category: string, recent: string, active: boolean) =>
      `${category} in ${area} (${recent} concerns in 7 days; ${active ? 'active' : 'subsided'})`,
    hotspotsNone: 'No hotspot arose in the period.',
    moreShortcomings: 'To be written by the standing body: further shortcomings of the coordination',
    s22: '2. Causes',
    objective: 'Objective causes: ',
    subjective: 'Subjective causes: ',
    causesObjective: 'To be written by the standing body: objective causes',
    causesSubjective: 'To be written by the standing body: subjective causes and responsibilities',
    s3: 'III. TASKS AND SOLUTIONS FOR THE NEXT PERIOD',
    carryOver: (open: string, overdue: string, asOf: string) => `Follow up the ${open} open cases (as of ${asOf}), ${overdue} of them overdue, to resolution.`,
    tasks: 'To be written by the standing body: the main tasks and solutions',
    s4: 'IV. PROPOSALS',
    proposals: "To be written by the standing body: proposals to the Party Committee, the People's Council and Committee and the agencies",
    closing: (review: string, phrase: string, issuer: string) => `This is the ${review.toLowerCase()} of ${issuer}, ${phrase}./.`,
    unit: { hours: (n: string) => `${n} working hours`, days: (n: string) => `${n} working days`, none: 'no figures' },
  },
} as const;

export const reviewWord = (r: ReviewReport) => N[r.lang].review[r.period.review];

/** The document's subject line under "BÁO CÁO". */
export function reviewSubject(r: ReviewReport): string {
  return N[r.lang].subject(reviewWord(r), r.period.phrase, r.scope.programme?.code ?? null);
}

/** The body, from the basis paragraph to the closing sentence. `tables` are the annex's, to refer to by number. */
export function reviewNarrative(r: ReviewReport, tables: PrintTable[]): Block[] {
  const n = N[r.lang];
  const num = (x: number) => printNumber(x, r.lang);
  const pct = (share: number | null) => (share === null ? n.unit.none : `${printNumber(Math.round(share * 1000) / 10, r.lang)}%`);
  const hours = (d: Durations['median']) => (d === null ? n.unit.none : n.unit.hours(num(d)));
  const wdays = (d: Durations['median']) => (d === null ? n.unit.none : n.unit.days(num(Math.round((d / 24) * 10) / 10)));
  const sheet = (key: string) => tables.findIndex((t) => t.key === key) + 1;
  const see = (...keys: string[]) =>
    n.see(
      n.sheets(
        keys
          .map(sheet)
          .filter((i) => i > 0)
          .sort((a, b) => a - b),
      ),
    );
  const s = r.summary;
  const c = r.coordination;
  const out: Block[] = [];
  const section = (text: string) => out.push({ kind: 'section', pieces: [text] });
  const subsection = (text: string) => out.push({ kind: 'subsection', pieces: [text] });
  const paragraph = (...pieces: Piece[]) => out.push({ kind: 'paragraph', pieces });
  const item = (...pieces: Piece[]) => out.push({ kind: 'item', pieces });
  const placeholder = (text: string): Piece => ({ placeholder: `[${text}]` });
  // "Tiếp xúc cử tri 3 vụ việc; Đơn thư 2 vụ việc; các nội dung khác 4 vụ việc"
  const breakdown = (rows: FiguresRow[]) => {
    const counted = rows.filter((row) => row.received > 0).sort((a, b) => b.received - a.received || a.label.localeCompare(b.label, 'vi'));
    if (!counted.length) return n.nothing;
    const named = counted.slice(0, NAMED_ROWS_MAX).map((row) => `${row.label} ${n.cases(num(row.received))}`);
    const rest = counted.slice(NAMED_ROWS_MAX).reduce((sum, row) => sum + row.received, 0);
    return [...named, ...(rest ? [n.others(num(rest))] : [])].join('; ');
  };
  const issuer = r.issuer.fullName;
  const word = reviewWord(r);

  paragraph(n.basis(issuer, word, r.period.phrase, r.scope.programme));
  section(n.s1);
  subsection(n.s11);
  const from = formatCalendarDay(r.period.from, r.lang);
  const to = formatCalendarDay(r.period.to, r.lang);
  paragraph(n.received(from, to, issuer, num(s.received), num(r.intake.concerns), r.intake.peopleAffected ? num(r.intake.peopleAffected) : null));
  item(`- ${n.byChannel}: ${breakdown(r.byChannel)}.`);
  item(`- ${n.byCategory}: ${breakdown(r.byCategory)}.`);
  item(`- ${n.byArea}: ${breakdown(r.byArea)}.`);
  paragraph(see('summary', 'channel-counts', 'category-counts', 'area-counts'));

  subsection(n.s12);
  paragraph(n.resolved(num(s.resolved), num(s.closed)));
  paragraph(s.answered ? n.onTime(num(s.answered), num(s.onTime), pct(s.onTimeShare)) : n.noAnswered);
  // A measure nothing was timed for is left out rather than said to be missing.
  if (s.resolve.workingHours.median !== null) {
    item(`- ${n.resolveTime(wdays(s.resolve.workingHours.median), wdays(s.resolve.workingHours.p90), wdays(s.resolve.workingHours.mean))}`);
  }
  if (s.acknowledge.workingHours.median !== null) item(`- ${n.ackTime(hours(s.acknowledge.workingHours.median))}`);
  if (s.triage.count) item(`- ${n.triage(hours(s.triage.workingHours.median), pct(s.triage.onTimeShare))}`);
  const ranked = r.ranking.ranked.slice(0, NAMED_ROWS_MAX).map((a) => `${a.rank}. ${a.label} (${pct(a.onTimeShare)})`);
  item(`- ${ranked.length ? n.ranking(num(r.ranking.minAnswered), ranked.join('; ')) : n.noRanking(num(r.ranking.minAnswered))}`);
  paragraph(see('ranking', 'agency-counts', 'agency-times'));

  subsection(n.s13);
  item(`- ${n.directives(num(c.directivesIssued), num(c.directivesReplied))}`);
  const e = c.escalations;
  item(`- ${n.escalations(num(e.total), num(e.cases), num(e.byLevel['1']), num(e.byLevel['2']), num(e.byLevel['3']))}`);
  item(`- ${n.extensions(num(c.extensions.requested), num(c.extensions.granted), num(c.extensions.denied))}`);
  item(`- ${n.moves(num(c.returned), num(c.delegated), num(c.infoRequested), num(c.merged), num(c.reopened))}`);
  item(`- ${n.overdue(num(s.overdue))}`);

  section(n.s2);
  subsection(n.s21);
  if (s.overdue || r.overdueTotal) {
    item(`- ${n.overdueList(num(s.overdue), num(r.overdueTotal))}`);
    for (const x of r.overdueCases.slice(0, NAMED_CASES_MAX)) item(`+ ${n.overdueCase(x.code, x.title ?? n.restricted, x.agency, x.daysOverdue)}`);
    if (r.overdueTotal > NAMED_CASES_MAX) item(`+ ${n.moreCases(num(r.overdueTotal - NAMED_CASES_MAX), sheet('overdue'))}`);
  } else item(`- ${n.overdueNone}`);
  const below = r.byAgency
    .filter((a) => a.answered > 0 && a.onTimeShare !== null && s.onTimeShare !== null && a.onTimeShare < s.onTimeShare)
    .sort((a, b) => (a.onTimeShare ?? 0) - (b.onTimeShare ?? 0) || b.answered - a.answered);
  item(
    `- ${below.length ? n.below(pct(s.onTimeShare), below.map((a) => n.agencyShare(a.label, pct(a.onTimeShare), num(a.onTime), num(a.answered))).join('; ')) : n.belowNone}`,
  );
  const recurring = r.recurring.filter((x) => x.concerns > 1).slice(0, NAMED_ROWS_MAX);
  item(
    `- ${recurring.length ? n.recurring(recurring.map((x) => n.recurringItem(x.area, x.category, num(x.concerns), num(x.cases))).join('; ')) : n.recurringNone}`,
  );
  const spots = r.hotspots.map((h) => n.hotspotItem(h.area.label, h.category.label, num(h.recentCount), h.status === 'ACTIVE'));
  item(`- ${spots.length ? n.hotspots(spots.join('; ')) : n.hotspotsNone}`);
  item('- ', placeholder(n.moreShortcomings));
  subsection(n.s22);
  item('- ', n.objective, placeholder(n.causesObjective));
  item('- ', n.subjective, placeholder(n.causesSubjective));

  section(n.s3);
  item(`1. ${n.carryOver(num(r.open.totals.total), num(r.open.totals.overdue), formatDay(new Date(r.open.asOf), r.lang))}`);
  item('2. ', placeholder(n.tasks));
  section(n.s4);
  item('- ', placeholder(n.proposals));
  paragraph(n.closing(word, r.period.phrase, issuer));
  return out;
}
