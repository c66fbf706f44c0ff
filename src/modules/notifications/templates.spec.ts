import { redactVars } from './redaction.js';
import { LOCALES, MissingTemplateVarsError, render, requiredVars, type StoredVars, TEMPLATE_NAMES, type TemplateName, type TemplateVars } from './templates.js';

const CASE = { caseCode: 'VV-2026-000123', caseTitle: 'Chậm bồi thường giải phóng mặt bằng dự án đường trục phía Nam', caseUrl: 'http://desk.test/cases/c1' };
const AGENCY = { vi: 'Sở Nông nghiệp và Môi trường', en: 'Department of Agriculture and Environment' };
const DUE = '2026-12-04T10:00:00Z'; // 17:00 on 04/12/2026 in Vietnam
const NEW_DUE = '2026-12-18T10:00:00Z';

/** Every variable of every template, typed as that template's Vars: a template without fixture does not compile. */
const FIXTURES: { [T in TemplateName]: TemplateVars[T] } = {
  'assignment-received': {
    ...CASE,
    agencyName: AGENCY,
    role: 'SUPPORT',
    delegatedByName: { vi: 'UBND tỉnh', en: "Provincial People's Committee" },
    summary: 'Người dân chưa nhận tiền bồi thường sau 2 năm.',
    areaName: 'Phường Cam Đường',
    categoryName: 'Đất đai, bồi thường',
    priority: 'HIGH',
    acknowledgeDueAt: '2026-11-27T10:00:00Z',
    resolveDueAt: DUE,
  },
  'deadline-reminder': { ...CASE, agencyName: AGENCY, kind: 'acknowledge', dueAt: DUE },
  escalation: { ...CASE, level: 2, agencyName: AGENCY, overdueSince: DUE, kind: 'resolve', daysOverdue: 3 },
  'step-deadline': { ...CASE, step: 'DIRECTIVE_REPLY', dueAt: DUE, level: 1, agencyName: AGENCY },
  'letter-issued': {
    ...CASE,
    agencyName: AGENCY,
    role: 'LEAD',
    letterId: 'f1b0c7d2-7a51-4c47-9a51-0d3f3c1f5e11',
    letterNumber: '125/BTGDVTU-PAKN',
    resolveDueAt: DUE,
  },
  'case-returned': { ...CASE, agencyName: AGENCY, reason: 'Không thuộc thẩm quyền' },
  'info-requested': { ...CASE, agencyName: AGENCY, question: 'Đề nghị cung cấp bản đồ địa chính' },
  'officer-info-requested': { ...CASE, question: 'Đề nghị cho biết số hộ bị ảnh hưởng' },
  'delegate-answered': {
    ...CASE,
    agencyName: { vi: 'UBND tỉnh', en: "Provincial People's Committee" },
    delegateName: AGENCY,
    outcome: 'RESOLVED',
    resolutionSummary: 'Đã chi trả đủ tiền bồi thường.',
    documentRef: { number: '45/UBND', date: '2026-12-01', issuer: 'Chủ tịch UBND xã' },
    resolveDueAt: DUE,
  },
  'delegate-answer-returned': {
    ...CASE,
    agencyName: AGENCY,
    reviewerName: { vi: 'UBND tỉnh', en: "Provincial People's Committee" },
    reason: 'Chưa kèm biên bản làm việc với các hộ dân',
    resolveDueAt: DUE,
  },
  'assignment-resolved': {
    ...CASE,
    agencyName: AGENCY,
    outcome: 'PARTIALLY_RESOLVED',
    resolutionSummary: 'Đã chi trả 60% tiền bồi thường.',
    documentRef: { number: '123/SNNMT', date: '2026-12-01', issuer: 'Giám đốc Sở' },
    remaining: 1,
  },
  'case-resolved': { ...CASE, agencies: [{ name: AGENCY, outcome: 'RESOLVED', documentNumber: '45/UBND' }] },
  'case-reopened': { ...CASE, agencyName: AGENCY, reason: 'Vấn đề tái diễn', resolveDueAt: DUE },
  'note-mention': {
    ...CASE,
    authorName: 'Nguyễn Thị Lan',
    authorUnitName: { vi: 'Ban Tuyên giáo và Dân vận Tỉnh ủy', en: 'Propaganda and Mass Mobilisation Commission' },
    mentionedName: 'Trần Văn Bình',
    text: 'Đề nghị phối hợp kiểm tra hiện trường trước ngày 10/12.',
  },
  'directive-issued': { ...CASE, agencyName: AGENCY, authorName: 'Nguyễn Văn A', text: 'Khẩn trương giải quyết dứt điểm', dueAt: '2026-12-10' },
  'extension-requested': { ...CASE, agencyName: AGENCY, days: 10, reason: 'Chờ kết quả đo đạc', currentDueAt: DUE },
  'extension-decided': { ...CASE, agencyName: AGENCY, decision: 'GRANTED', days: 10, resolveDueAt: NEW_DUE, note: 'Đồng ý' },
  'agency-digest': {
    agencyName: AGENCY,
    date: '2026-12-05',
    openCount: 2,
    overdueCount: 1,
    items: [
      {
        n: 1,
        caseCode: 'VV-2026-000900',
        caseTitle: 'Sạt lở bờ sông',
        role: 'LEAD',
        status: 'IN_PROGRESS',
        resolveDueAt: new Date(DUE),
        overdue: true,
        caseUrl: 'http://desk.test/cases/c9',
      },
      {
        n: 2,
        caseCode: 'VV-2026-000901',
        caseTitle: 'Ô nhiễm khói bụi',
        role: 'SUPPORT',
        status: 'ASSIGNED',
        resolveDueAt: null,
        overdue: false,
        caseUrl: 'http://desk.test/cases/c10',
      },
    ],
    more: 0,
    inboxUrl: 'http://desk.test',
  },
  'leader-digest': {
    week: '2026-W49',
    from: '2026-11-28',
    to: '2026-12-05',
    received: 12,
    resolved: 7,
    overdue: 1,
    items: [
      {
        n: 1,
        caseCode: 'VV-2026-000900',
        caseTitle: 'Sạt lở bờ sông',
        agencyName: AGENCY,
        resolveDueAt: DUE,
        daysOverdue: 1,
        caseUrl: 'http://desk.test/cases/c9',
      },
    ],
    more: 0,
    dashboardUrl: 'http://desk.test',
  },
  'hotspot-detected': {
    areaName: { vi: 'Xã Bảo Thắng', en: 'Bao Thang commune' },
    categoryName: { vi: 'Môi trường', en: 'Environment' },
    recentCount: 9,
    baselineWeeklyMean: 0.5,
    score: 6.2,
    days: 7,
    peopleAffected: 120,
    sensitive: true,
    cases: [{ caseCode: 'VV-2026-000901', caseTitle: 'Ô nhiễm khói bụi', caseUrl: 'http://desk.test/cases/c10' }],
    hotspotsUrl: 'http://desk.test/#/leader',
  },
  'review-report': {
    period: '2026-Q3',
    programme: null,
    periodLabel: 'Quý III năm 2026',
    scopeName: 'Toàn Ban',
    received: 40,
    resolved: 30,
    overdue: 2,
    onTimePercent: 0,
    files: ['bao-cao-2026-Q3.xlsx', 'bao-cao-2026-Q3.pdf'],
  },
};

// A value that leaked through a template unformatted, or a variable the template read but was not given.
const LEAKS = /undefined|null|NaN|Invalid Date|\[object Object\]/;

describe('e-mail templates', () => {
  describe.each(TEMPLATE_NAMES.flatMap((t) => LOCALES.map((l) => [t, l] as const)))('%s (%s)', (template, locale) => {
    it('renders its fixture without leaking an absent or unformatted value', () => {
      expect(FIXTURES[template]).toBeDefined();
      const r = render(template, locale, FIXTURES[template]);
      for (const part of [r.subject, r.text, r.html!]) {
        expect(part).not.toMatch(LEAKS);
        expect(part.trim()).not.toBe('');
      }
      expect(r.subject).not.toMatch(/\n/);
      // The locale picked one side of every name pair.
      const other = locale === 'vi' ? AGENCY.en : AGENCY.vi;
      expect(r.text).not.toContain(other);
    });

    it('throws, naming it, when a required variable is missing', () => {
      for (const k of requiredVars(template)) {
        const vars = { ...FIXTURES[template] } as unknown as StoredVars;
        delete vars[k];
        expect(() => render(template, locale, vars as unknown as TemplateVars[typeof template])).toThrow(MissingTemplateVarsError);
        expect(() => render(template, locale, vars as unknown as TemplateVars[typeof template])).toThrow(new RegExp(`\\b${k}\\b`));
      }
    });
  });

  it('every template requires something of its caller', () => {
    for (const t of TEMPLATE_NAMES) expect(requiredVars(t).length).toBeGreaterThan(0);
  });

  it('names the new deadline in the extension-granted mail, from the resolveDueAt its caller sends', () => {
    const vi = render('extension-decided', 'vi', FIXTURES['extension-decided']);
    expect(vi.subject).toBe(`[${CASE.caseCode}] Đồng ý gia hạn giải quyết: ${CASE.caseTitle}`);
    expect(vi.text).toContain('Thời hạn giải quyết mới: 17:00 ngày 18/12/2026');
    const en = render('extension-decided', 'en', FIXTURES['extension-decided']);
    expect(en.text).toContain('New deadline: 18 Dec 2026, 17:00 (Vietnam time)');

    // As the routing consumer stores it today: the assignment's vars and `granted`.
    const stored = { ...CASE, agencyVi: AGENCY.vi, agencyEn: AGENCY.en, granted: true, days: 10, resolveDueAt: NEW_DUE, note: null };
    const fromStore = render('extension-decided', 'vi', stored as unknown as TemplateVars['extension-decided']);
    expect(fromStore.text).toContain('Kính gửi: Sở Nông nghiệp và Môi trường');
    expect(fromStore.text).toContain('Thời hạn giải quyết mới: 17:00 ngày 18/12/2026');

    const denied = render('extension-decided', 'vi', { ...FIXTURES['extension-decided'], decision: 'DENIED', resolveDueAt: DUE });
    expect(denied.subject).toContain('Không đồng ý gia hạn');
    expect(denied.text).toContain('Thời hạn giải quyết: 17:00 ngày 04/12/2026');
    expect(denied.text).not.toContain('mới:');
  });

  it('writes the Vietnamese notices as the agencies expect them', () => {
    const received = render('assignment-received', 'vi', { ...FIXTURES['assignment-received'], role: 'LEAD', delegatedByName: null });
    expect(received.subject).toBe(`[${CASE.caseCode}] Đề nghị giải quyết: ${CASE.caseTitle}`);
    expect(received.text).toContain('Kính gửi: Sở Nông nghiệp và Môi trường');
    expect(received.text).toContain('Độ khẩn: Cao');
    expect(received.text).toContain('Vai trò: Chủ trì');
    expect(received.text).toContain('Hạn nhận xử lý: 17:00 ngày 27/11/2026');
    expect(received.text).toContain('Hạn giải quyết: 17:00 ngày 04/12/2026');

    const reminder = render('deadline-reminder', 'vi', FIXTURES['deadline-reminder']);
    expect(reminder.subject).toBe(`[${CASE.caseCode}] Nhắc hạn nhận xử lý (đến hạn ngày 04/12/2026): ${CASE.caseTitle}`);

    const escalation = render('escalation', 'vi', FIXTURES.escalation);
    expect(escalation.text).toContain('quá hạn từ 17:00 ngày 04/12/2026 (3 ngày)');
    expect(escalation.text).toContain('vụ việc được báo cáo Thường trực HĐND và lãnh đạo UBND');

    const resolved = render('assignment-resolved', 'vi', FIXTURES['assignment-resolved']);
    expect(resolved.text).toContain('Văn bản trả lời: số 123/SNNMT ngày 01/12/2026 của Giám đốc Sở');

    const directive = render('directive-issued', 'vi', FIXTURES['directive-issued']);
    expect(directive.text).toContain('Thời hạn thực hiện: ngày 10/12/2026');

    const digest = render('agency-digest', 'vi', FIXTURES['agency-digest']);
    expect(digest.subject).toBe('[Tổng hợp ngày 05/12/2026] Sở Nông nghiệp và Môi trường: 2 vụ việc đang giải quyết, 1 quá hạn');
    expect(digest.text).toContain('1. [VV-2026-000900] Sạt lở bờ sông – QUÁ HẠN');
    expect(digest.text).toContain('Phối hợp; Chờ nhận xử lý; hạn giải quyết: chưa xác định');

    const leader = render('leader-digest', 'vi', FIXTURES['leader-digest']);
    expect(leader.subject).toBe('[Báo cáo tuần 28/11/2026 - 05/12/2026] Tiếp nhận 12, giải quyết 7, quá hạn 1 vụ việc');
  });

  it('says the forwarding letter is attached to a public case’s notice, and only names it on any other', () => {
    const letter = { letterId: 'f1b0c7d2-7a51-4c47-9a51-0d3f3c1f5e11', letterNumber: '125/BTGDVTU-PAKN' };
    const open = render('assignment-received', 'vi', { ...FIXTURES['assignment-received'], ...letter, sensitivity: 'PUBLIC' });
    expect(open.text).toContain('Kèm theo thư này: Công văn số 125/BTGDVTU-PAKN của cơ quan thường trực (tệp PDF).');
    for (const sensitivity of ['RESTRICTED', 'CONFIDENTIAL'] as const) {
      const closed = render('assignment-received', 'vi', { ...FIXTURES['assignment-received'], ...letter, sensitivity });
      expect(closed.text).not.toContain('Kèm theo thư này');
      expect(closed.text).toContain('Công văn số 125/BTGDVTU-PAKN của cơ quan thường trực về vụ việc này có nội dung hạn chế, không gửi kèm thư');
    }
    expect(render('assignment-received', 'vi', FIXTURES['assignment-received']).text).not.toContain('Công văn số');
    const issued = render('letter-issued', 'vi', { ...FIXTURES['letter-issued'], sensitivity: 'PUBLIC' });
    expect(issued.subject).toBe(`[${CASE.caseCode}] Công văn số 125/BTGDVTU-PAKN của cơ quan thường trực: ${CASE.caseTitle}`);
    expect(issued.text).toContain('Kèm theo thư này: Công văn số 125/BTGDVTU-PAKN');
    expect(render('letter-issued', 'en', { ...FIXTURES['letter-issued'], sensitivity: 'RESTRICTED' }).text).toContain('is restricted and not attached');
  });

  it('shows a 0% on-time share rather than leaving the line out', () => {
    expect(render('review-report', 'vi', FIXTURES['review-report']).text).toContain('- Tỷ lệ giải quyết đúng hạn: 0%');
    expect(render('review-report', 'vi', { ...FIXTURES['review-report'], onTimePercent: null }).text).not.toContain('đúng hạn');
  });

  it("reads a resolution's answer from the agency, never from the case summary", () => {
    // As the routing consumer stores it: the case's summary as caseSummary, the agency's as summary.
    const stored = { ...CASE, agencyVi: AGENCY.vi, caseSummary: 'Tóm tắt của vụ việc', outcome: 'RESOLVED', summary: 'Trả lời của cơ quan' };
    const asStored = (v: object) => v as unknown as TemplateVars['assignment-resolved'];
    expect(render('assignment-resolved', 'vi', asStored(stored)).text).toContain('Nội dung trả lời: Trả lời của cơ quan');
    const withoutAnswer = render('assignment-resolved', 'vi', asStored({ ...stored, summary: undefined }));
    expect(withoutAnswer.text).not.toContain('Nội dung trả lời');
  });

  it('formats dates in Vietnam time across the day boundary, and in English', () => {
    const at = (dueAt: string, locale: 'vi' | 'en') => render('deadline-reminder', locale, { ...CASE, dueAt }).text;
    expect(at('2026-12-31T16:59:00Z', 'vi')).toContain('thời hạn là 23:59 ngày 31/12/2026');
    expect(at('2026-12-31T17:00:00Z', 'vi')).toContain('thời hạn là 00:00 ngày 01/01/2027');
    expect(at('2026-09-03T02:05:00Z', 'en')).toContain('is due on 3 Sep 2026, 09:05 (Vietnam time)');
    // Already formatted by a caller: shown as given.
    expect(at('04/12/2026', 'vi')).toContain('thời hạn là 04/12/2026');
  });

  describe('a case that is not PUBLIC: code and link only, never its words', () => {
    /** The words each fixture carries: titles, summaries, questions, reasons, answers, directive text, notes. */
    const words = (v: Record<string, unknown>): string[] => {
      const own = ['caseTitle', 'summary', 'question', 'text', 'reason', 'resolutionSummary', 'note']
        .map((k) => v[k])
        .filter((x): x is string => typeof x === 'string');
      const listed = ['items', 'cases'].flatMap((l) => (Array.isArray(v[l]) ? (v[l] as Array<Record<string, unknown>>).map((i) => String(i.caseTitle)) : []));
      return [...own, ...listed];
    };
    const stamp = (v: Record<string, unknown>, sensitivity: string) => {
      const out: Record<string, unknown> = 'caseCode' in v ? { ...v, sensitivity } : { ...v };
      for (const l of ['items', 'cases']) if (Array.isArray(v[l])) out[l] = (v[l] as object[]).map((i) => ({ ...i, sensitivity }));
      return out;
    };
    const cases = TEMPLATE_NAMES.flatMap((t) => LOCALES.flatMap((l) => (['RESTRICTED', 'CONFIDENTIAL'] as const).map((s) => [t, l, s] as const)));

    it.each(cases)('%s (%s, %s)', (template, locale, sensitivity) => {
      // The fixture's note "Đồng ý" is also the template's own wording: a note of its own here.
      const fixture = { ...FIXTURES[template], ...(template === 'extension-decided' ? { note: 'Đồng ý, ghi chú của Ban' } : {}) } as Record<string, unknown>;
      const r = render(template, locale, stamp(fixture, sensitivity) as unknown as TemplateVars[typeof template]);
      for (const part of [r.subject, r.text, r.html!]) {
        for (const w of words(fixture)) expect(part).not.toContain(w);
        expect(part).not.toMatch(LEAKS);
      }
      if (typeof fixture.caseCode === 'string') {
        expect(r.subject).toContain(fixture.caseCode);
        expect(r.text).toContain(String(fixture.caseUrl));
        expect(r.subject).toContain(locale === 'vi' ? 'nội dung hạn chế' : 'Restricted case');
      }
      for (const l of ['items', 'cases']) {
        for (const i of (fixture[l] as Array<Record<string, unknown>> | undefined) ?? []) {
          expect(r.text).toContain(String(i.caseCode));
          expect(r.text).toContain(String(i.caseUrl));
        }
      }
    });

    it('a PUBLIC stamp changes nothing, and the old spellings of stored notices are withheld too', () => {
      expect(render('escalation', 'vi', { ...FIXTURES.escalation, sensitivity: 'PUBLIC' })).toEqual(render('escalation', 'vi', FIXTURES.escalation));
      const stored = {
        ...CASE,
        sensitivity: 'CONFIDENTIAL',
        agencyVi: AGENCY.vi,
        caseSummary: 'Tóm tắt mật',
        caseTitleVi: 'Tiêu đề mật',
        outcome: 'RESOLVED',
        summary: 'Trả lời mật',
      };
      const r = render('assignment-resolved', 'vi', stored as unknown as TemplateVars['assignment-resolved']);
      for (const w of ['Tóm tắt mật', 'Tiêu đề mật', 'Trả lời mật', CASE.caseTitle]) expect(r.subject + r.text + r.html).not.toContain(w);
      // An unknown sensitivity withholds as well.
      expect(redactVars({ ...CASE, sensitivity: 'SECRET' }).caseTitle).not.toBe(CASE.caseTitle);
      // Mixed lists: only the items that are not public lose their title.
      const digest = render('agency-digest', 'vi', {
        ...FIXTURES['agency-digest'],
        items: FIXTURES['agency-digest'].items.map((i, k) => ({ ...i, sensitivity: k === 0 ? 'CONFIDENTIAL' : 'PUBLIC' })),
      } as unknown as TemplateVars['agency-digest']);
      expect(digest.text).not.toContain('Sạt lở bờ sông');
      expect(digest.text).toContain('Ô nhiễm khói bụi');
    });
  });
});
