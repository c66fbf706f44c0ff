import { execFileSync } from 'node:child_process';
import { Queue } from 'bullmq';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { type Harness, startHarness } from './helpers/harness.js';
import { startProcess, type Started, waitFor } from './helpers/processes.js';
import { settle } from './helpers/settle.js';
import { type Mail, startSmtp } from './helpers/smtp.js';
import { Desk } from './helpers/workflow.js';
import { TEST_REDIS_URL } from './setup/test-env.js';

/*
 * Need-to-know outside the case pages: every report, metric, hotspot and export route, asked by
 * every role, shows a case's words only to those who may open the case; exported spreadsheets
 * carry citizens' text as text, never as formulas; e-mails about RESTRICTED and CONFIDENTIAL cases
 * carry the code and the link only, and a CONFIDENTIAL case's notices reach named people only.
 *
 * "May open the case" is asked of the API itself (GET /cases/:id answers 200), so the reports are
 * held to whatever the visibility rule says, not to a copy of it in this file.
 */

/** Words that exist nowhere else: each names one sensitive case, its concern or its summary. */
const W = {
  confTitle: 'Zyxwquat',
  confConcern: 'Qorvanthex',
  confSummary: 'Wexlombar',
  restTitle: 'Plumbrivet',
  restConcern: 'Snarfidel',
  restSummary: 'Gribbletov',
  laterTitle: 'Vorpalquix',
  returnReason: 'Drumplewick',
  escTitle: 'Blorptangle',
};
const ALL_WORDS = Object.values(W);

/** Titles a citizen could type that a spreadsheet would run as formulas. */
const FORMULAS = ['=HYPERLINK("http://evil.example","bấm")', '+SUM(1,2)', '-2+3', '@SUM(1,2)', '\t=1+2', '\r=1+3'];

/** YYYY-MM-DD in Vietnam, `plusDays` from today. */
const vnDay = (plusDays = 0) => new Date(Date.now() + 7 * 3600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
/** The current quarter in Vietnam, as the review report names it. */
const QUARTER = (() => {
  const [y, m] = vnDay().split('-').map(Number);
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
})();

const tally = { requests: 0, leaks: 0, serverErrors: 0, mails: 0, mailLeaks: 0 };
const leakLog: string[] = [];

describe('need-to-know on reports, exports and e-mails', () => {
  let h: Harness;
  let d: Desk;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let worker: Started;
  let reports: Queue;
  let notifications: Queue;
  let admin: string;
  const triager2 = { email: `triage2-out-${Date.now()}@demo.local`, password: 'Bao-mat-Tuyen-giao#2026', id: '' };
  /** The sensitive cases of the suite: id, code, and the words that must not leak. */
  const cases: Record<'conf' | 'rest', { id: string; code: string; words: string[] }> = {} as never;

  const codeOf = async (id: string) => (await h.sql(`SELECT code FROM cases WHERE id = $1`, [id]))[0].code as string;
  const unitAddresses = async (codes: string[]) =>
    (await h.sql(`SELECT unnest(emails || head_emails) AS e FROM org_unit WHERE code = ANY($1)`, [codes])).map((r) => String(r.e).toLowerCase());

  async function runJob(queue: Queue, name: string, data: object = {}) {
    const job = await queue.add(name, data);
    await waitFor(async () => ['completed', 'failed'].includes(await job.getState()), `${name} job`, worker, 30_000);
    expect(await job.getState()).toBe('completed');
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    h = await startHarness({ SMTP_URL: smtp.url });
    await h.reset();
    reports = new Queue('reports', { connection: { url: TEST_REDIS_URL }, prefix: 'cd' });
    notifications = new Queue('notifications', { connection: { url: TEST_REDIS_URL }, prefix: 'cd' });
    worker = startProcess('worker.js', {
      SMTP_URL: smtp.url,
      APP_BASE_URL: h.api.baseUrl,
      METRICS_REFRESH_MS: '200',
      HOTSPOT_SCAN_MS: '3600000',
      DEADLINE_SWEEP_MS: '500',
      NOTIFY_BACKOFF_BASE_MS: '200',
      NOTIFY_BACKOFF_MAX_MS: '1000',
      LOG_LEVEL: 'info',
    });
    await waitFor(async () => worker.output().includes('worker started') && (await reports.getWorkersCount()) > 0, 'worker start', worker);
    d = new Desk(h);
    admin = await d.as('admin@demo.local');
    for (let i = 0; i < 3; i++) {
      await h.api.request('PUT', `/api/v1/admin/calendar/${vnDay(i)}`, { kind: 'WORKING_DAY', note: 'test run' }, { token: admin });
    }
    // A second triager of the standing body, who never touches the suite's cases.
    const created = await h.api.post(
      '/api/v1/admin/users',
      { email: triager2.email, password: triager2.password, fullName: 'Trần Văn Bình (thường trực)', role: 'triager', orgUnitCode: 'BTG' },
      { token: admin },
    );
    expect(created.status).toBe(201);
    triager2.id = created.body.id;

    // Eight concerns on one area × category within minutes: a hotspot, whose evidence names them all.
    const hot = { areaCode: 'X03', categoryCode: 'LAND' };
    const conf = await d.newCase({ ...hot, title: `Tố cáo cán bộ địa chính ${W.confTitle} nhận tiền`, description: `Cử tri nêu tên ${W.confConcern}.` });
    const rest = await d.newCase({ ...hot, title: `Phản ánh ${W.restTitle} về đất`, description: `Nội dung ${W.restConcern}.` });
    const open: string[] = [];
    for (let i = 0; i < FORMULAS.length; i++) open.push(await d.newCase({ ...hot, title: `Chậm cấp sổ đỏ, hộ số ${i + 1}` }));
    expect(
      (await d.triage(conf, { sensitivity: 'CONFIDENTIAL', leadAgency: 'NNMT', supportingAgencies: [], summary: `Tóm tắt ${W.confSummary}` })).status,
    ).toBe(200);
    expect((await d.triage(rest, { sensitivity: 'RESTRICTED', leadAgency: 'XD', supportingAgencies: [], summary: `Tóm tắt ${W.restSummary}` })).status).toBe(
      200,
    );
    cases.conf = { id: conf, code: await codeOf(conf), words: [W.confTitle, W.confConcern, W.confSummary] };
    cases.rest = { id: rest, code: await codeOf(rest), words: [W.restTitle, W.restConcern, W.restSummary] };
    // Citizens' words that look like formulas (written straight in: the intake may trim them).
    for (let i = 0; i < FORMULAS.length; i++) await h.sql(`UPDATE cases SET title = $2 WHERE id = $1`, [open[i], FORMULAS[i]]);

    await runJob(reports, 'hotspot-scan');
    const leader = await d.as('leader@demo.local');
    await waitFor(
      async () => {
        const r = await h.api.get(`/api/v1/reports/review?period=${QUARTER}`, { token: leader });
        return r.status === 200 && r.body.overdueCases.some((c: { code: string }) => c.code === cases.conf.code);
      },
      'the review report lists the cases',
      worker,
    );
  });

  afterAll(async () => {
    console.log(
      `security-reports-mail totals: ${tally.requests} report requests, ${tally.leaks} leaks, ${tally.serverErrors} 5xx; ` +
        `${tally.mails} e-mails read, ${tally.mailLeaks} carrying a sensitive case's words${leakLog.length ? `\n${leakLog.join('\n')}` : ''}`,
    );
    if (triager2.id && admin) await h.api.patch(`/api/v1/admin/users/${triager2.id}`, { active: false }, { token: admin });
    await worker?.stop();
    await reports?.close();
    await notifications?.close();
    await h?.close();
    await smtp?.close();
  });

  /** The response as text: spreadsheets are read back cell by cell, everything else as it came. */
  async function fetchAs(token: string, path: string): Promise<{ status: number; type: string; text: string; buffer: Buffer }> {
    const res = await fetch(`${h.api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const buffer = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    let text = buffer.toString('utf8');
    if (type.includes('spreadsheetml')) text = await xlsxText(buffer);
    if (type.includes('wordprocessingml')) text = await docxText(buffer);
    if (type.startsWith('application/pdf')) text = pdfText(buffer);
    return { status: res.status, type, text, buffer };
  }

  const ROUTES = [
    '/api/v1/metrics/resolution-times',
    '/api/v1/metrics/resolution-times?groupBy=agency',
    '/api/v1/metrics/resolution-times?groupBy=category,month',
    '/api/v1/metrics/resolution-times?groupBy=area&lang=en',
    '/api/v1/metrics/open-cases',
    '/api/v1/metrics/open-cases?groupBy=agency',
    '/api/v1/metrics/open-cases?groupBy=area',
    '/api/v1/metrics/agency-ranking',
    '/api/v1/metrics/agency-ranking?minAnswered=1&lang=en',
    '/api/v1/hotspots',
    '/api/v1/hotspots?status=ALL&lang=en',
    `/api/v1/reports/review?period=${QUARTER}`,
    `/api/v1/reports/review?period=${QUARTER}&lang=en`,
    `/api/v1/reports/review?period=${QUARTER}&format=csv`,
    `/api/v1/reports/review?period=${QUARTER}&format=xlsx`,
    `/api/v1/reports/review?period=${QUARTER}&format=xlsx&lang=en`,
    `/api/v1/reports/review?period=${QUARTER}&format=pdf`,
    `/api/v1/reports/review?period=${QUARTER}&format=docx`,
    `/api/v1/reports/review?period=${QUARTER}&format=docx&lang=en`,
  ];
  /** Who may call what (403 for everyone else). */
  const ALLOWED: Record<string, RegExp> = {
    officer: /^$/,
    admin: /^$/,
    agency: /\/metrics\//,
    triager: /./,
    leader: /./,
  };

  it('(a) no report, metric, hotspot or export shows a case its caller may not open: counted per route × role', async () => {
    const users = [
      ['officer@demo.local', 'officer'],
      ['admin@demo.local', 'admin'],
      ['nnmt@demo.local', 'agency'],
      ['xd@demo.local', 'agency'],
      ['hdnd@demo.local', 'agency'],
      ['triage@demo.local', 'triager'],
      [triager2.email, 'triager'],
      ['leader@demo.local', 'leader'],
    ] as const;
    const hidden = new Map<string, string[]>();
    for (const [email, role] of users) {
      const token = email === triager2.email ? await h.api.login(email, triager2.password) : await d.as(email);
      // What the rule lets this user open: the oracle for what the reports may show them.
      const mayNotOpen: Array<(typeof cases)['conf']> = [];
      for (const c of Object.values(cases)) if ((await h.api.get(`/api/v1/cases/${c.id}`, { token })).status !== 200) mayNotOpen.push(c);
      hidden.set(
        email,
        mayNotOpen.map((c) => c.code),
      );
      for (const route of ROUTES) {
        const r = await fetchAs(token, route);
        tally.requests++;
        if (r.status >= 500) tally.serverErrors++;
        expect([route, role, r.status]).toEqual([route, role, ALLOWED[role].test(route) ? 200 : 403]);
        for (const c of mayNotOpen) {
          for (const word of [...c.words, c.code, c.id]) {
            if (r.text.includes(word)) {
              tally.leaks++;
              leakLog.push(`LEAK ${email} ${route}: ${word}`);
            }
          }
        }
      }
    }
    // The oracle is not empty: these may never open the confidential case.
    for (const email of ['officer@demo.local', 'admin@demo.local', 'xd@demo.local', 'hdnd@demo.local']) expect(hidden.get(email)).toContain(cases.conf.code);
    expect(hidden.get('leader@demo.local')).toEqual([]);
    // And the words are there for a caller who may see them: a leak would have been seen.
    const leader = await d.as('leader@demo.local');
    const before = (await h.sql(`SELECT count(*)::int AS n FROM access_log WHERE action = 'EXPORT' AND case_id = $1`, [cases.conf.id]))[0].n as number;
    const review = await fetchAs(leader, `/api/v1/reports/review?period=${QUARTER}&format=xlsx`);
    expect(review.text).toContain(W.confTitle);
    // The file took the confidential case's words out of the system: the access log says who.
    const exported = await h.sql(
      `SELECT u.email FROM access_log l JOIN app_user u ON u.id = l.user_id WHERE l.action = 'EXPORT' AND l.case_id = $1 ORDER BY l.id`,
      [cases.conf.id],
    );
    expect(exported.length).toBe(before + 1);
    expect(exported.at(-1)!.email).toBe('leader@demo.local');
    for (const format of ['docx', 'pdf'])
      expect((await fetchAs(leader, `/api/v1/reports/review?period=${QUARTER}&format=${format}`)).text).toContain(W.confTitle);
    const hotspots = await h.api.get('/api/v1/hotspots', { token: leader });
    expect(JSON.stringify(hotspots.body)).toContain(W.confTitle);
    expect(tally.leaks).toBe(0);
    expect(tally.serverErrors).toBe(0);
  });

  it('(b) formula-like titles reach XLSX as text cells (read back with exceljs) and CSV with a leading apostrophe', async () => {
    const leader = await d.as('leader@demo.local');
    const res = await fetch(`${h.api.baseUrl}/api/v1/reports/review?period=${QUARTER}&format=xlsx`, { headers: { authorization: `Bearer ${leader}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    // XML keeps neither a lone CR nor, always, leading whitespace: titles are matched without their white space.
    const bare = (s: string) => s.replace(/\s/g, '');
    const wanted = new Map(FORMULAS.map((f) => [bare(f), f]));
    const found = new Map<string, ExcelJS.Cell>();
    let formulas = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula || cell.formula) formulas++;
          if (typeof cell.value === 'string' && wanted.has(bare(cell.value))) found.set(wanted.get(bare(cell.value))!, cell);
        }),
      ),
    );
    expect(formulas).toBe(0);
    expect([...found.keys()].sort()).toEqual([...FORMULAS].sort());
    for (const cell of found.values()) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // Text format: editing the cell in Excel keeps it text.
      expect(cell.numFmt).toBe('@');
    }

    const csv = await (
      await fetch(`${h.api.baseUrl}/api/v1/reports/review?period=${QUARTER}&format=csv`, { headers: { authorization: `Bearer ${leader}` } })
    ).text();
    const cells = parseCsv(csv.replace(/^\uFEFF/, ''));
    for (const f of FORMULAS) expect(cells).toContain(`'${f}`);
    // No cell starts as a formula would, bar negative numbers.
    expect(cells.filter((c) => /^[=+\-@\t\r\uFF1D]/.test(c) && !/^-\d+(\.\d+)?$/.test(c))).toEqual([]);

    const pdf = await fetch(`${h.api.baseUrl}/api/v1/reports/review?period=${QUARTER}&format=pdf`, { headers: { authorization: `Bearer ${leader}` } });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  /** Every word of `words` absent from the subject, the text and the HTML; counted. */
  function expectClean(mails: Mail[], words = ALL_WORDS) {
    for (const m of mails) {
      tally.mails++;
      const all = `${m.subject}\n${m.text}\n${m.html}`;
      const leaked = words.filter((w) => all.includes(w));
      if (leaked.length) {
        tally.mailLeaks++;
        leakLog.push(`MAIL LEAK to ${m.to.join(',')} "${m.subject}": ${leaked.join(', ')}`);
      }
      expect([m.subject, leaked]).toEqual([m.subject, []]);
    }
  }

  it('(c) assignment notices of RESTRICTED and CONFIDENTIAL cases carry the code and the link, not the title, summary or concern', async () => {
    const [nnmt] = await unitAddresses(['NNMT']);
    const [xd] = await unitAddresses(['XD']);
    for (const [c, to] of [
      [cases.conf, nnmt],
      [cases.rest, xd],
    ] as const) {
      await waitFor(async () => smtp.to(to).some((m) => m.subject.includes(c.code)), `notice of ${c.code}`, worker);
      const mails = smtp.to(to).filter((m) => m.subject.includes(c.code));
      expectClean(mails);
      for (const m of mails) {
        expect(m.text).toContain(`${h.api.baseUrl}/#/cases/${c.id}`);
        expect(m.html).toContain(`${h.api.baseUrl}/#/cases/${c.id}`);
      }
    }
  });

  it('(c) a notice recorded while the case was PUBLIC is sent without its title once the case is made confidential', async () => {
    smtp.refuseFor(600_000);
    const id = await d.newCase({ title: `Ô nhiễm ${W.laterTitle} ven sông` });
    expect((await d.triage(id, { sensitivity: 'PUBLIC', leadAgency: 'YT', supportingAgencies: [] })).status).toBe(200);
    await waitFor(
      async () => (await h.sql(`SELECT 1 FROM notification WHERE case_id = $1 AND attempts >= 1 AND status = 'QUEUED'`, [id])).length > 0,
      'first attempt refused',
      worker,
    );
    await h.sql(`UPDATE cases SET sensitivity = 'CONFIDENTIAL' WHERE id = $1`, [id]);
    smtp.reset();
    const code = await codeOf(id);
    await waitFor(async () => smtp.received.some((m) => m.subject.includes(code)), 'notice sent after the change', worker, 30_000);
    expectClean(smtp.received.filter((m) => m.subject.includes(code)));
  });

  it('(c) a confidential case returned by its agency: the standing body hears through named triagers on the case, not its shared mailbox', async () => {
    const id = await d.newCase({ title: `Khiếu nại ${W.escTitle} về y tế` });
    expect((await d.triage(id, { sensitivity: 'CONFIDENTIAL', leadAgency: 'YT', supportingAgencies: [] })).status).toBe(200);
    const yt = await d.assignment('yt@demo.local', id);
    expect((await d.agency('yt@demo.local', yt, 'return', { reason: `Không thuộc thẩm quyền ${W.returnReason}` })).status).toBe(200);
    await settle(h, TEST_REDIS_URL, { started: worker });
    const rows = await h.sql(`SELECT recipient FROM notification WHERE case_id = $1 AND template = 'case-returned'`, [id]);
    const to = rows.map((r) => r.recipient as string);
    const btgMailbox = await unitAddresses(['BTG']);
    expect(to).toContain('triage@demo.local');
    expect(to.filter((r) => btgMailbox.includes(r))).toEqual([]);
    // Every recipient may open the case.
    for (const r of to) {
      const token = r === triager2.email ? await h.api.login(r, triager2.password) : await d.as(r);
      expect([r, (await h.api.get(`/api/v1/cases/${id}`, { token })).status]).toEqual([r, 200]);
    }
    const code = await codeOf(id);
    const mails = smtp.received.filter((m) => m.subject.includes(code));
    expect(mails.length).toBeGreaterThan(0);
    expectClean(mails);
  });

  it('(c) escalation of a confidential case: level 2 reaches no unassigned HĐND/UBND mailbox; nobody gets its words', async () => {
    await h.api.post(
      '/api/v1/admin/deadline-policies',
      { priority: 'URGENT', acknowledgeDays: 0.00003, resolveDays: 0.0003, reminderFractions: [0.5], remindDayBefore: false, escalationStepDays: 0.00003 },
      { token: admin },
    );
    const id = await d.newCase({ title: `Tố giác ${W.escTitle} tại trường học`, description: `Chi tiết ${W.confConcern}` });
    expect((await d.triage(id, { sensitivity: 'CONFIDENTIAL', priority: 'URGENT', leadAgency: 'GDDT', supportingAgencies: [] })).status).toBe(200);
    await waitFor(
      async () => (await h.sql(`SELECT 1 FROM case_event WHERE case_id = $1 AND type = 'ESCALATED' AND payload->>'level' = '3'`, [id])).length > 0,
      'level 3',
      worker,
      30_000,
    );
    await settle(h, TEST_REDIS_URL, { started: worker });
    const bodies = await unitAddresses(['HDND', 'UBND']);
    expect(bodies.length).toBeGreaterThan(0);
    const rows = await h.sql(`SELECT recipient, template, vars->>'level' AS level, status FROM notification WHERE case_id = $1`, [id]);
    expect(rows.filter((r) => bodies.includes(r.recipient))).toEqual([]);
    const level2 = rows.filter((r) => r.template === 'escalation' && r.level === '2');
    expect(level2.length).toBeGreaterThan(0);
    expect(level2.map((r) => r.recipient)).toEqual(['leader@demo.local']);
    expect(rows.filter((r) => r.status !== 'SENT')).toEqual([]);
    const code = await codeOf(id);
    const mails = smtp.received.filter((m) => m.subject.includes(code));
    expect(mails.filter((m) => m.to.some((t) => bodies.includes(t)))).toEqual([]);
    expectClean(mails);
  });

  it('(c) digests, the hotspot warning and the e-mailed review report name sensitive cases by code only', async () => {
    await runJob(notifications, 'agency-digest');
    await runJob(notifications, 'leader-digest');
    await runJob(reports, 'review-report', { period: QUARTER });
    await settle(h, TEST_REDIS_URL, { started: worker });
    const [nnmt] = await unitAddresses(['NNMT']);
    const digest = smtp.to(nnmt).find((m) => /Tổng hợp ngày/.test(m.subject));
    expect(digest?.text).toContain(cases.conf.code);
    const hotspot = smtp.to('leader@demo.local').find((m) => /điểm nóng/i.test(m.subject));
    expect(hotspot?.text).toContain(cases.conf.code);
    const review = smtp.to('leader@demo.local').find((m) => m.subject.includes('Báo cáo sơ kết'));
    expect(review).toBeDefined();
    const cells = await xlsxText(attachment(review!.raw, `bao-cao-so-ket-${QUARTER}.xlsx`));
    expect(cells).toContain(cases.conf.code);
    for (const w of ALL_WORDS) expect([w, cells.includes(w)]).toEqual([w, false]);
    // The report to edit and sign names the cases by code too, and none of their words.
    const docx = await docxText(attachment(review!.raw, `bao-cao-so-ket-${QUARTER}.docx`));
    expect(docx).toContain(cases.conf.code);
    for (const w of ALL_WORDS) expect([w, docx.includes(w)]).toEqual([w, false]);

    // Every e-mail of the suite, whatever it was about.
    expectClean(smtp.received);
    expect(tally.mailLeaks).toBe(0);
  });
});

/** The text of a DOCX as a reader shows it, and its XML (where a word could hide outside the text). */
async function docxText(buffer: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
  return `${(await mammoth.extractRawText({ buffer })).value}\n${xml}`;
}

/** The text of a PDF (its streams are compressed: the bytes say nothing). */
function pdfText(buffer: Buffer): string {
  return execFileSync('pdftotext', ['-', '-'], { input: buffer, encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Every cell of every sheet, one per line. */
async function xlsxText(buffer: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as any);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push(cell.text ?? String(cell.value)))));
  return out.join('\n');
}

/** The cells of an RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes). */
function parseCsv(text: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '\n') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  if (cell) cells.push(cell);
  return cells;
}

/** The decoded content of a base64 MIME attachment, found by its file name in the raw message. */
function attachment(raw: string, filename: string): Buffer {
  const at = raw.indexOf(`filename=${filename}`) >= 0 ? raw.indexOf(`filename=${filename}`) : raw.indexOf(`filename="${filename}"`);
  if (at < 0) throw new Error(`no attachment ${filename}`);
  const body = raw.slice(at).split(/\r?\n\r?\n/)[1];
  return Buffer.from(body.split(/\r?\n--/)[0].replace(/\s+/g, ''), 'base64');
}
