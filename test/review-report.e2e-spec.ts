import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { type Harness, startHarness } from './helpers/harness.js';
import { startProcess, type Started, waitFor } from './helpers/processes.js';
import { startSmtp } from './helpers/smtp.js';
import { TEST_REDIS_URL } from './setup/test-env.js';

/*
 * The review meeting's report (báo cáo sơ kết, tổng kết): the DOCX read back with a DOCX reader
 * (mammoth for the text, the package's XML for the layout), the PDF annex measured word by word
 * with poppler (pdftotext -bbox-layout) and rendered to PNG pages (pdftoppm), the figures checked
 * against the JSON report, the confidential case's words kept from a reader who may not open it.
 */

/** Vietnam local time → instant. October 2026 has no public holiday: only weekends are off. */
const vn = (local: string) => new Date(`${local}+07:00`);
/** A word that exists nowhere else: the confidential case's title. */
const SECRET = 'Quorzibalt';
/** A title with one unbroken run of characters much wider than its column. */
const LONG_WORD = 'Khiếu-nại-về-việc-thu-hồi-đất-không-đúng-quy-định-tại-dự-án-khu-đô-thị-mới-phía-Nam';
const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'review-report');

interface Seeded {
  code: string;
  category: string;
  area?: string;
  channel?: string;
  agency?: string;
  received: string;
  assigned?: string;
  acknowledged?: string;
  resolved?: string;
  due?: string;
  status: string;
  people?: number;
  sensitivity?: string;
  title?: string;
}

/** Q4 2026: six cases through their agencies, by hand. */
const WORKLOAD: Seeded[] = [
  // NNMT: A on time, B late (Thu 15 due, answered Mon 19), F confidential, open past its deadline.
  {
    code: 'VV-R-A',
    category: 'LAND',
    agency: 'NNMT',
    status: 'RESOLVED',
    received: '2026-10-05T09:00:00',
    assigned: '2026-10-05T10:00:00',
    acknowledged: '2026-10-05T14:00:00',
    resolved: '2026-10-09T09:00:00',
    due: '2026-10-16T10:00:00',
    people: 40,
  },
  {
    code: 'VV-R-B',
    category: 'LAND',
    channel: 'PRESS',
    agency: 'NNMT',
    status: 'RESOLVED',
    received: '2026-10-09T09:00:00',
    assigned: '2026-10-09T10:00:00',
    acknowledged: '2026-10-12T10:00:00',
    resolved: '2026-10-19T09:00:00',
    due: '2026-10-15T09:00:00',
    title: LONG_WORD,
  },
  {
    code: 'VV-R-F',
    category: 'LAND',
    agency: 'NNMT',
    status: 'ASSIGNED',
    received: '2026-10-12T08:00:00',
    assigned: '2026-10-12T09:00:00',
    due: '2026-10-19T09:00:00',
    sensitivity: 'CONFIDENTIAL',
    title: `Tố cáo cán bộ ${SECRET} nhận tiền`,
  },
  // XD: C on time, D never acknowledged, open past its deadline.
  {
    code: 'VV-R-C',
    category: 'ENVIRONMENT',
    area: 'X02',
    agency: 'XD',
    status: 'RESOLVED',
    received: '2026-10-06T08:00:00',
    assigned: '2026-10-06T09:00:00',
    acknowledged: '2026-10-06T11:00:00',
    resolved: '2026-10-13T08:00:00',
    due: '2026-10-20T09:00:00',
  },
  {
    code: 'VV-R-D',
    category: 'ENVIRONMENT',
    area: 'X02',
    channel: 'SOCIAL_MEDIA',
    agency: 'XD',
    status: 'ASSIGNED',
    received: '2026-10-07T08:00:00',
    assigned: '2026-10-07T09:00:00',
    due: '2026-10-14T09:00:00',
  },
  { code: 'VV-R-E', category: 'LAND', status: 'NEW', received: '2026-10-08T10:00:00' },
];

async function seedCase(h: Harness, c: Seeded): Promise<string> {
  const [row] = await h.sql(
    `INSERT INTO cases (code, status, title, category_id, area_id, priority, sensitivity, concern_count, people_affected, created_at, updated_at)
     SELECT $1::text, $2, $7, (SELECT id FROM category WHERE code = $3), (SELECT id FROM area WHERE code = $4), 'NORMAL', $8, 1, $6::int, $5, $5
     RETURNING id, area_id, category_id`,
    [c.code, c.status, c.category, c.area ?? 'X01', vn(c.received), c.people ?? null, c.title ?? `Vụ việc ${c.code}`, c.sensitivity ?? 'PUBLIC'],
  );
  await h.sql(
    `INSERT INTO concern (case_id, channel, area_id, category_id, title, description, received_at, created_at, people_affected)
     VALUES ($1, $2, $3, $4, 'Ý kiến cử tri', 'Nội dung', $5, $5, $6)`,
    [row.id, c.channel ?? 'VOTER_MEETING', row.area_id, row.category_id, vn(c.received), c.people ?? null],
  );
  await event(h, row.id, 'CREATED', null, 'NEW', c.received, { channel: c.channel ?? 'VOTER_MEETING' });
  if (c.agency && c.assigned) {
    const [a] = await h.sql(
      `INSERT INTO assignment (case_id, org_unit_id, role, status, acknowledged_at, resolved_at, resolve_due_at, created_at, updated_at)
       SELECT $1::uuid, id, 'LEAD', $3, $4::timestamptz, $5::timestamptz, $6::timestamptz, $7::timestamptz, $7::timestamptz FROM org_unit WHERE code = $2 RETURNING id`,
      [
        row.id,
        c.agency,
        c.resolved ? 'RESOLVED' : c.acknowledged ? 'ACKNOWLEDGED' : 'ASSIGNED',
        c.acknowledged ? vn(c.acknowledged) : null,
        c.resolved ? vn(c.resolved) : null,
        c.due ? vn(c.due) : null,
        vn(c.assigned),
      ],
    );
    await event(h, row.id, 'ASSIGNED', 'NEW', 'ASSIGNED', c.assigned, { assignmentId: a.id, role: 'LEAD' });
    if (c.acknowledged) await event(h, row.id, 'ACKNOWLEDGED', 'ASSIGNED', 'ACKNOWLEDGED', c.acknowledged, { assignmentId: a.id });
    if (c.resolved) {
      await event(h, row.id, 'ASSIGNMENT_RESOLVED', null, null, c.resolved, { assignmentId: a.id });
      await event(h, row.id, 'RESOLVED', 'ACKNOWLEDGED', 'RESOLVED', c.resolved);
    }
  }
  return row.id;
}

async function event(h: Harness, caseId: string, type: string, from: string | null, to: string | null, at: string, payload: object = {}): Promise<string> {
  const [e] = await h.sql(`INSERT INTO case_event (case_id, type, from_status, to_status, payload, occurred_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, [
    caseId,
    type,
    from,
    to,
    JSON.stringify(payload),
    vn(at),
  ]);
  return String(e.id);
}

/** The words of a PDF with their boxes, page by page, as poppler lays them out. */
function pdfWords(
  pdf: Buffer,
): Array<{ width: number; height: number; words: Array<{ text: string; xMin: number; xMax: number; yMin: number; yMax: number }> }> {
  const dir = mkdtempSync(join(tmpdir(), 'review-pdf-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const html = execFileSync('pdftotext', ['-bbox-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    return html
      .split('<page ')
      .slice(1)
      .map((page) => {
        const [, width, height] = /^width="([\d.]+)" height="([\d.]+)"/.exec(page)!;
        const words = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
          xMin: Number(m[1]),
          yMin: Number(m[2]),
          xMax: Number(m[3]),
          yMax: Number(m[4]),
          text: m[5],
        }));
        return { width: Number(width), height: Number(height), words };
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** PNG pages of a PDF at 50 dpi, kept in test-artifacts/ to look at. */
function renderPages(pdf: Buffer, name: string): string[] {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(file, pdf);
  for (const f of readdirSync(ARTIFACTS)) if (f.startsWith(`${name}-`) && f.endsWith('.png')) rmSync(join(ARTIFACTS, f));
  execFileSync('pdftoppm', ['-png', '-r', '50', file, join(ARTIFACTS, name)]);
  return readdirSync(ARTIFACTS)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .map((f) => join(ARTIFACTS, f));
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The width and height a PNG's IHDR gives. */
const pngSize = (file: string) => {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
};

const vnNumber = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
const vnPercent = (share: number) => `${vnNumber(Math.round(share * 1000) / 10)}%`;
/** The day of issue as Decree 30 writes it, in Vietnam time. */
function dateLine(place: string, at = new Date()): string {
  const [y, m, d] = new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10).split('-').map(Number);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${place}, ngày ${two(d)} tháng ${m <= 2 ? two(m) : m} năm ${y}`;
}

describe('the review meeting report: DOCX with numbered sections, PDF annex that fits A4', () => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let worker: Started;
  let reports: Queue;
  let leader: string;
  let triager: string;
  const ids: Record<string, string> = {};
  const PROGRAMME = 'PH-R/BTGDVTU-XD';

  const fetchAs = async (token: string, path: string) => {
    const res = await fetch(`${h.api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      disposition: res.headers.get('content-disposition') ?? '',
      body: Buffer.from(await res.arrayBuffer()),
    };
  };
  const docxText = async (buffer: Buffer) => (await mammoth.extractRawText({ buffer })).value;
  const json = async (query: string, token = leader) => {
    const res = await h.api.get(`/api/v1/reports/review?${query}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    h = await startHarness({ SMTP_URL: smtp.url });
    await h.reset();
    reports = new Queue('reports', { connection: { url: TEST_REDIS_URL }, prefix: 'cd' });
    // The deadline sweeper would escalate the seeded late work (answers never verified, a case never
    // triaged) at its next run while the test reads the quarter's figures: an earlier suite's schedule
    // is dropped, and this worker's sweeps once at its start, before the cases exist, then not within the hour.
    const deadlines = new Queue('deadlines', { connection: { url: TEST_REDIS_URL }, prefix: 'cd' });
    await deadlines.removeJobScheduler('deadline-sweeper');
    worker = startProcess('worker.js', { SMTP_URL: smtp.url, METRICS_REFRESH_MS: '200', HOTSPOT_SCAN_MS: '3600000', DEADLINE_SWEEP_MS: '3600000' });
    await waitFor(async () => (await reports.getWorkersCount()) > 0, 'worker consuming the reports queue', worker);
    await waitFor(
      async () => {
        const counts = await deadlines.getJobCounts('waiting', 'active');
        return (await deadlines.getJobSchedulers()).length > 0 && counts.waiting + counts.active === 0;
      },
      'the first sweep done',
      worker,
    );
    await deadlines.close();
    leader = await h.api.login('leader@demo.local');
    triager = await h.api.login('triage@demo.local');
    for (const c of WORKLOAD) ids[c.code] = await seedCase(h, c);
    // The coordination of the quarter: a directive on D and its reply, D escalated twice, B's extension asked and denied.
    const directive = await event(h, ids['VV-R-D'], 'DIRECTIVE_ISSUED', null, null, '2026-10-16T08:00:00', { text: 'Đề nghị giải quyết dứt điểm' });
    await event(h, ids['VV-R-D'], 'DIRECTIVE_REPLIED', null, null, '2026-10-17T08:00:00', { directiveEventId: directive, text: 'Đang xử lý' });
    await event(h, ids['VV-R-D'], 'ESCALATED', null, null, '2026-10-15T08:00:00', { level: 1, overdueSince: vn('2026-10-14T09:00:00') });
    await event(h, ids['VV-R-D'], 'ESCALATED', null, null, '2026-10-22T08:00:00', { level: 2, overdueSince: vn('2026-10-14T09:00:00') });
    await event(h, ids['VV-R-B'], 'EXTENSION_REQUESTED', null, null, '2026-10-13T08:00:00', { days: 3, reason: 'Cần xác minh' });
    await event(h, ids['VV-R-B'], 'EXTENSION_DENIED', null, null, '2026-10-14T08:00:00', { days: 3, note: null, resolveDueAt: null });
    await waitFor(async () => (await json('period=2026-Q4')).summary.received === WORKLOAD.length, 'facts refreshed', worker);
    const admin = await h.api.login('admin@demo.local');
    const created = await h.api.post(
      '/api/v1/admin/programmes',
      {
        code: PROGRAMME,
        titleVi: 'Chương trình phối hợp với Sở Xây dựng về môi trường',
        titleEn: 'Programme with the Department of Construction on the environment',
        periodStart: '2026-01-01',
        periodEnd: '2027-12-31',
        partyCodes: ['XD'],
        categoryCodes: ['ENVIRONMENT'],
      },
      { token: admin },
    );
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await worker?.stop();
    await reports?.close();
    await h?.close();
    await smtp?.close();
  });

  it('names periods the Vietnamese way: quarter, half-year, year, a term, and days from/to', async () => {
    expect((await json('period=2026-Q4')).period).toMatchObject({ label: 'Quý IV năm 2026', phrase: 'Quý IV năm 2026', review: 'interim' });
    expect((await json('period=2026-H1')).period).toMatchObject({ label: '6 tháng đầu năm 2026', from: '2026-01-01', to: '2026-06-30' });
    expect((await json('period=2026-H2')).period.label).toBe('6 tháng cuối năm 2026');
    expect((await json('period=2026')).period).toMatchObject({ label: 'Năm 2026', phrase: 'năm 2026', review: 'final' });
    expect((await json('period=2021-2025')).period).toMatchObject({ phrase: 'giai đoạn 2021 - 2025', from: '2021-01-01', to: '2025-12-31', review: 'final' });
    expect((await json('from=2026-01-01&to=2026-09-30')).period).toMatchObject({ code: '2026-01-01..2026-09-30', label: '9 tháng đầu năm 2026' });
    const days = await json('from=2026-10-05&to=2026-10-09');
    expect(days.period.phrase).toBe('từ ngày 05/10/2026 đến ngày 09/10/2026');
    expect(days.summary.received).toBe(5); // A, C, D, E and B were received that week; F on the Monday after
    expect((await json('period=2026-Q4&lang=en')).period.label).toBe('Q4 2026');
  });

  it('refuses a bad period with a 400 that says why, and writes nothing', async () => {
    const logged = async () => (await h.sql(`SELECT count(*)::int AS n FROM access_log`))[0].n as number;
    const before = await logged();
    const future = `${new Date().getUTCFullYear() + 2}-Q1`;
    const cases: Array<[string, string, RegExp]> = [
      ['period=2026-Q5', 'period', /quarter/],
      ['period=2026-H3', 'period', /half-year/],
      ['period=1999', 'period', /out of range/],
      [`period=${future}&format=docx`, 'period', /not begun/],
      ['period=2026-2020', 'period', /term/],
      ['period=2010-2026', 'period', /at most 10 years/],
      ['format=docx', 'period', /required/],
      ['period=2026-Q4&from=2026-10-01&to=2026-10-31&format=docx', 'period', /not both/],
      ['from=2026-10-01&format=docx', 'to', /required with from/],
      ['from=2026-10-31&to=2026-10-01&format=pdf', 'period', /after it ends/],
      ['from=2026-02-30&to=2026-03-31', 'from', /YYYY-MM-DD/],
      ['period=2026-Q4&format=odt', 'format', /one of the following values: docx/],
    ];
    for (const [query, field, message] of cases) {
      // The reasons as English words (Accept-Language: en); in Vietnamese the same reasons name the field by its label.
      const res = await h.api.get(`/api/v1/reports/review?${query}`, { token: leader, headers: { 'accept-language': 'en' } });
      expect([query, res.status, res.headers.get('content-type')?.split(';')[0], res.body.code]).toEqual([
        query,
        400,
        'application/problem+json',
        'VALIDATION_FAILED',
      ]);
      const error = res.body.errors.find((e: { field: string }) => e.field === field);
      expect([query, error?.message]).toEqual([query, expect.stringMatching(message)]);
    }
    expect(await logged()).toBe(before);
  });

  it('writes the quarter as a DOCX: Decree 30 header, title, numbered sections with the JSON figures, placeholders, signing block, annex', async () => {
    const report = await json('period=2026-Q4&minAnswered=1');
    const res = await fetchAs(leader, '/api/v1/reports/review?period=2026-Q4&format=docx&minAnswered=1');
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.disposition).toContain('bao-cao-so-ket-2026-Q4.docx');
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'quarter.docx'), res.body);
    const text = await docxText(res.body);
    const lines = text.split('\n').map((l) => l.trim());

    // The header: superior body, issuing body, the number left blank for the register, the motto, place and date in full.
    for (const part of ['TỈNH ỦY LÀO CAI', 'BAN TUYÊN GIÁO VÀ DÂN VẬN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'])
      expect(lines).toContain(part);
    expect(lines).toContainEqual(expect.stringMatching(/^Số:\s+\/BC-BTGDVTU$/));
    expect(lines).toContain(dateLine('Lào Cai'));
    expect(report.issuer).toMatchObject({ superior: 'TỈNH ỦY LÀO CAI', name: 'BAN TUYÊN GIÁO VÀ DÂN VẬN', symbol: 'BTGDVTU', place: 'Lào Cai' });
    // The title, the period named in Vietnamese.
    expect(lines).toContain('BÁO CÁO');
    expect(lines).toContain('Sơ kết công tác phối hợp tiếp nhận, giải quyết các vấn đề Nhân dân quan tâm Quý IV năm 2026');
    // Every numbered section, in order.
    const headings = [
      'I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN',
      '1. Công tác tiếp nhận, tổng hợp ý kiến, kiến nghị của Nhân dân',
      '2. Kết quả giải quyết',
      '3. Công tác phối hợp, chỉ đạo, đôn đốc',
      'II. HẠN CHẾ, NGUYÊN NHÂN',
      '1. Hạn chế',
      '2. Nguyên nhân',
      'III. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI',
      'IV. ĐỀ XUẤT, KIẾN NGHỊ',
      'PHỤ LỤC',
    ];
    const at = headings.map((heading) => lines.indexOf(heading));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);

    // The figures are the JSON report's: received 6 (6 concerns, 40 people), resolved 3 (2 on time of 3), overdue 3 (B, D, F).
    const s = report.summary;
    expect([s.received, s.resolved, s.answered, s.onTime, s.overdue]).toEqual([6, 3, 3, 2, 3]);
    expect(text).toContain(
      `đã tiếp nhận, tổng hợp ${s.received} vụ việc từ ${report.intake.concerns} ý kiến, kiến nghị, phản ánh của Nhân dân, liên quan đến 40 người.`,
    );
    expect(text).toContain('Theo kênh tiếp nhận: Tiếp xúc cử tri 4 vụ việc; Báo chí 1 vụ việc; Mạng xã hội, internet 1 vụ việc.');
    // The body refers to the annex's tables by their numbers.
    expect(text).toContain('(Chi tiết tại các Biểu 1, 5, 7 và 9 của Phụ lục kèm theo.)');
    expect(text).toContain(`đã giải quyết, trả lời ${s.resolved} vụ việc`);
    expect(text).toContain(
      `Trong ${s.answered} vụ việc đã trả lời có thời hạn giải quyết, ${s.onTime} vụ việc được giải quyết đúng hạn, đạt tỷ lệ ${vnPercent(s.onTimeShare)}.`,
    );
    expect(vnPercent(s.onTimeShare)).toBe('66,7%');
    expect(text).toContain(`trung vị ${vnNumber(s.resolve.workingHours.median / 24)} ngày làm việc`);
    expect(text).toContain(`1. ${report.ranking.ranked[0].label} (${vnPercent(report.ranking.ranked[0].onTimeShare)})`);
    // The coordination, from the timeline.
    expect(report.coordination).toMatchObject({
      directivesIssued: 1,
      directivesReplied: 1,
      escalations: { total: 2, cases: 1, byLevel: { '1': 1, '2': 1, '3': 0 } },
      extensions: { requested: 1, granted: 0, denied: 1 },
    });
    expect(text).toContain('Lãnh đạo đã có 1 ý kiến chỉ đạo đối với các vụ việc; các cơ quan, đơn vị đã báo cáo, trả lời 1 ý kiến chỉ đạo.');
    expect(text).toContain(
      'báo cáo vượt cấp 2 lượt (1 vụ việc): đến thủ trưởng cơ quan chủ trì 1 lượt, đến Thường trực HĐND, UBND 1 lượt, đến lãnh đạo 0 lượt.',
    );
    expect(text).toContain('đề nghị gia hạn giải quyết 1 lượt; cơ quan thường trực đồng ý 0 lượt, không đồng ý 1 lượt.');
    expect(text).toContain(`Số vụ việc quá hạn giải quyết trong kỳ: ${s.overdue} vụ việc.`);
    // The shortcomings the figures show: the overdue cases by code, agencies below the overall rate, recurring issues.
    expect(text).toContain(`Còn ${s.overdue} vụ việc quá hạn giải quyết trong kỳ; đến hết kỳ còn ${report.overdueTotal} vụ việc`);
    for (const c of report.overdueCases) expect(text).toContain(c.code);
    expect(text).toContain(`thấp hơn tỷ lệ chung (66,7%): Sở Nông nghiệp và Môi trường (50%; 1/2 vụ việc)`);
    expect(text).toContain('Vấn đề phát sinh nhiều lần: Đất đai');
    // The leader may open the confidential case: it is named to them.
    expect(text).toContain(SECRET);

    // The placeholders, each in a highlighted run the officer replaces in Word.
    const placeholders = text.match(/\[Nội dung do cơ quan thường trực bổ sung: [^\]]+\]/g) ?? [];
    expect(placeholders.length).toBe(5);
    const xml = await (await JSZip.loadAsync(res.body)).file('word/document.xml')!.async('string');
    const highlighted = [...xml.matchAll(/<w:r>(?:(?!<\/w:r>).)*?<w:highlight w:val="yellow"\/>(?:(?!<\/w:r>).)*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(highlighted.sort()).toEqual([...placeholders].sort());

    // The signing block beside "Nơi nhận:": the standing body's default signer, from their signing profile.
    for (const part of ['Nơi nhận:', 'KT. TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN', 'Trần Quốc Hưng', '- Thường trực Tỉnh ủy (để báo cáo);', '- Lưu: VT.'])
      expect(lines).toContain(part);
    expect(lines).toContain(
      'Trên đây là báo cáo sơ kết công tác phối hợp tiếp nhận, giải quyết các vấn đề Nhân dân quan tâm Quý IV năm 2026 của Ban Tuyên giáo và Dân vận Tỉnh ủy./.',
    );

    // The annex on landscape pages: the existing tables, none wider than the page, header rows repeated.
    const annex = text.slice(text.indexOf('PHỤ LỤC'));
    for (const title of [
      'Biểu 1. Tổng hợp',
      'Xếp hạng đơn vị theo tỷ lệ đúng hạn',
      'Theo cơ quan chủ trì (số lượng, tỷ lệ)',
      'Theo cơ quan chủ trì (thời gian)',
      'Vụ việc quá hạn, chưa giải quyết',
      'Vấn đề phát sinh nhiều lần',
      'Điểm nóng trong kỳ',
    ]) {
      expect([title, annex.includes(title)]).toEqual([title, true]);
    }
    const sections = [...xml.matchAll(/<w:pgSz ([^>]*)\/>/g)].map((m) => m[1]);
    expect(sections).toHaveLength(2);
    expect(sections[0]).toMatch(/w:w="11906" w:h="16838"/);
    expect(sections[1]).toMatch(/w:w="16838" w:h="11906" w:orient="landscape"/);
    const annexXml = xml.slice(xml.indexOf('PHỤ LỤC'));
    const grids = [...annexXml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((m) => [...m[1].matchAll(/w:w="(\d+)"/g)].map((w) => Number(w[1])));
    expect(grids.length).toBeGreaterThan(10);
    const [, left, right] = /<w:pgMar[^>]*w:right="(\d+)"[^>]*w:left="(\d+)"/.exec(annexXml) ?? [];
    const annexWidth = 16838 - Number(left) - Number(right);
    for (const cols of grids) {
      expect(cols.length).toBeLessThanOrEqual(10);
      expect(cols.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(annexWidth);
    }
    expect((annexXml.match(/<w:tblHeader\/>/g) ?? []).length).toBe(grids.length);
  });

  it('writes a programme’s report: its scope, its figures, its party units among the recipients', async () => {
    const report = await json(`period=2026-Q4&programme=${encodeURIComponent(PROGRAMME)}`);
    // XD's cases (C, D) and the environment's (the same two).
    expect(report.summary).toMatchObject({ received: 2, resolved: 1, overdue: 1 });
    const res = await fetchAs(leader, `/api/v1/reports/review?period=2026-Q4&format=docx&programme=${encodeURIComponent(PROGRAMME)}`);
    expect(res.status).toBe(200);
    expect(res.disposition).toContain('bao-cao-so-ket-2026-Q4-PH-R_BTGDVTU-XD.docx');
    const text = await docxText(res.body);
    expect(text).toContain(
      `Sơ kết công tác phối hợp tiếp nhận, giải quyết các vấn đề Nhân dân quan tâm Quý IV năm 2026 theo Chương trình phối hợp số ${PROGRAMME}`,
    );
    expect(text).toContain(`và Chương trình phối hợp số ${PROGRAMME} (Chương trình phối hợp với Sở Xây dựng về môi trường)`);
    expect(text).toContain('đã tiếp nhận, tổng hợp 2 vụ việc từ 2 ý kiến');
    expect(text).toContain('- Sở Xây dựng;');
    expect(text).toContain('VV-R-D');
    expect(text).not.toContain('VV-R-B');
    // A year is a final review (tổng kết), named so.
    const year = await fetchAs(leader, `/api/v1/reports/review?period=2026&format=docx&programme=${encodeURIComponent(PROGRAMME)}`);
    expect(year.disposition).toContain('bao-cao-tong-ket-2026-PH-R_BTGDVTU-XD.docx');
    expect(await docxText(year.body)).toContain(
      'Tổng kết công tác phối hợp tiếp nhận, giải quyết các vấn đề Nhân dân quan tâm năm 2026 theo Chương trình phối hợp số',
    );
    const en = await docxText((await fetchAs(leader, '/api/v1/reports/review?period=2026-Q4&format=docx&lang=en')).body);
    expect(en).toContain('REPORT');
    expect(en).toContain("Interim review of the coordinated receipt and resolution of citizens' concerns, Q4 2026");
    expect(en).toContain('I. SITUATION AND RESULTS');
    // The header is the Decree's, in Vietnamese, whatever the language of the body.
    expect(en).toContain('BAN TUYÊN GIÁO VÀ DÂN VẬN');
    expect(en).toMatch(/Số:\s+\/BC-BTGDVTU/);
  });

  it('keeps a confidential case’s words out of the DOCX and PDF of a reader who may not open it', async () => {
    expect((await h.api.get(`/api/v1/cases/${ids['VV-R-F']}`, { token: triager })).status).toBe(404);
    expect((await h.api.get(`/api/v1/cases/${ids['VV-R-F']}`, { token: leader })).status).toBe(200);
    const docx = await fetchAs(triager, '/api/v1/reports/review?period=2026-Q4&format=docx');
    expect(docx.status).toBe(200);
    const text = await docxText(docx.body);
    const xml = await (await JSZip.loadAsync(docx.body)).file('word/document.xml')!.async('string');
    const pdf = await fetchAs(triager, '/api/v1/reports/review?period=2026-Q4&format=pdf');
    const pdfText = pdfWords(pdf.body)
      .flatMap((p) => p.words.map((w) => w.text))
      .join(' ');
    for (const seen of [text, xml, pdfText]) {
      for (const word of [SECRET, 'VV-R-F', ids['VV-R-F']]) expect([word, seen.includes(word)]).toEqual([word, false]);
      // The cases the triager may open are named.
      expect(seen).toContain('VV-R-D');
    }
    // The figures still count it: a count names no one.
    expect(text).toContain('đã tiếp nhận, tổng hợp 6 vụ việc');
    // The leader's copy names it (so the check above could fail).
    expect(pdfWords((await fetchAs(leader, '/api/v1/reports/review?period=2026-Q4&format=pdf')).body).flatMap((p) => p.words.map((w) => w.text))).toContain(
      SECRET,
    );
  });

  it('prints the PDF annex on A4 landscape: every word inside the margins on every page, tables at 8 pt or more, pages that render', async () => {
    // Many cases, so that tables run over several pages.
    for (let i = 0; i < 60; i++) {
      await seedCase(h, {
        code: `VV-R-M${String(i).padStart(2, '0')}`,
        category: i % 2 ? 'LAND' : 'ENVIRONMENT',
        area: `X0${(i % 8) + 1}`,
        agency: i % 3 ? 'NNMT' : 'XD',
        status: 'ASSIGNED',
        received: `2026-11-${String((i % 20) + 2).padStart(2, '0')}T09:00:00`,
        assigned: `2026-11-${String((i % 20) + 2).padStart(2, '0')}T10:00:00`,
        due: '2026-11-25T09:00:00',
        title: `Phản ánh số ${i + 1} về ô nhiễm và lấn chiếm đất công tại khu dân cư, đề nghị các cơ quan kiểm tra, xử lý dứt điểm`,
      });
    }
    await waitFor(async () => (await json('period=2026-Q4')).summary.received === WORKLOAD.length + 60, 'facts refreshed', worker);
    const res = await fetchAs(leader, '/api/v1/reports/review?period=2026-Q4&format=pdf&minAnswered=1');
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    const pages = pdfWords(res.body);
    expect(pages.length).toBeGreaterThan(3);
    const MARGIN = 36;
    const outside: string[] = [];
    let smallest = Infinity;
    for (const [n, page] of pages.entries()) {
      // A4 landscape in points.
      expect([n, Math.round(page.width), Math.round(page.height)]).toEqual([n, 842, 595]);
      for (const w of page.words) {
        if (w.xMin < MARGIN - 0.5 || w.xMax > page.width - MARGIN + 0.5) outside.push(`page ${n + 1}: ${w.text} ${w.xMin}–${w.xMax}`);
        smallest = Math.min(smallest, w.yMax - w.yMin);
      }
    }
    expect(outside).toEqual([]);
    // Poppler's word box is the font's ascent to descent: about 1.17 × the size for Roboto, so 8 pt is 9.4.
    expect(smallest).toBeGreaterThanOrEqual(9);
    const words = pages.flatMap((p) => p.words.map((w) => w.text)).join(' ');
    // The table that runs onto a next page repeats its header row there.
    const overduePages = pages.filter((p) => p.words.some((w) => w.text.startsWith('VV-R-M')));
    expect(overduePages.length).toBeGreaterThan(1);
    for (const p of overduePages) expect(p.words.some((w) => w.text === 'Mã')).toBe(true);
    expect(words).toContain('PHỤ LỤC');
    expect(words).toContain('Biểu 1.');
    for (const file of renderPages(res.body, 'annex')) {
      const size = pngSize(file);
      // 50 dpi A4 landscape: 585 × 413 pixels.
      expect([Math.abs(size.width - 585) <= 2, Math.abs(size.height - 413) <= 2]).toEqual([true, true]);
    }
  });

  it('e-mails the review report with the DOCX attached, the confidential title withheld', async () => {
    await reports.add('review-report', { period: '2026-Q4' });
    await waitFor(async () => smtp.to('leader@demo.local').some((m) => m.subject.includes('Quý IV năm 2026')), 'review report e-mailed', worker, 60_000);
    const mail = smtp.to('leader@demo.local').find((m) => m.subject.includes('Quý IV năm 2026'))!;
    expect(mail.text).toContain('bao-cao-so-ket-2026-Q4.docx');
    const text = await docxText(attachment(mail.raw, 'bao-cao-so-ket-2026-Q4.docx'));
    expect(text).toContain('Sơ kết công tác phối hợp tiếp nhận, giải quyết các vấn đề Nhân dân quan tâm Quý IV năm 2026');
    expect(text).toContain('VV-R-F');
    expect(text).not.toContain(SECRET);
    expect(attachment(mail.raw, 'bao-cao-so-ket-2026-Q4.pdf').subarray(0, 5).toString()).toBe('%PDF-');
  });
});

/** The decoded content of a base64 MIME attachment, found by its file name in the raw message. */
function attachment(raw: string, filename: string): Buffer {
  const at = raw.indexOf(`filename=${filename}`) >= 0 ? raw.indexOf(`filename=${filename}`) : raw.indexOf(`filename="${filename}"`);
  if (at < 0) throw new Error(`no attachment ${filename}`);
  const body = raw.slice(at).split(/\r?\n\r?\n/)[1];
  return Buffer.from(body.split(/\r?\n--/)[0].replace(/\s+/g, ''), 'base64');
}
