import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { concern, type Harness, startHarness } from './helpers/harness.js';
import { launchBrowser, Person } from './helpers/browser.js';
import { startProcess, type Started } from './helpers/processes.js';
import { settle } from './helpers/settle.js';
import { type Mail, startSmtp } from './helpers/smtp.js';
import { Desk } from './helpers/workflow.js';
import { TEST_REDIS_URL, TEST_STORAGE_DIR } from './setup/test-env.js';

/*
 * The forwarding letter (công văn chuyển) and the register of outgoing documents, through the
 * public surface: a routing issues a numbered letter in its own transaction; the DOCX and the PDF
 * carry every part Decree 30/2020/NĐ-CP asks of an official letter (read back with a DOCX reader and
 * pdftotext, page 1 rendered to an image); numbers stay unique and gap-free under 50 concurrent
 * routings and a rollback; need-to-know holds on the letters, the register and the e-mails.
 */

const SYMBOL = 'BTGDVTU-PAKN';
const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'letters');

/** The Vietnam day of an instant as Decree 30 writes it (independently of the code under test). */
function dateLineOf(place: string, at: Date | string): string {
  const [y, m, d] = new Date(new Date(at).getTime() + 7 * 3600_000).toISOString().slice(0, 10).split('-');
  return `${place}, ngày ${d} tháng ${Number(m) <= 2 ? m : String(Number(m))} năm ${y}`;
}
const vnDate = (at: string) => new Date(new Date(at).getTime() + 7 * 3600_000).toISOString().slice(0, 10).split('-').reverse().join('/');
const vnYear = () => Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));

/** The text of a DOCX as Word shows it: one line per paragraph, a table cell's paragraphs in order. */
async function docxText(content: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(content);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .split('</w:p>')
    .map((p) => p.replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, ''))
    .map((p) =>
      p
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"'),
    )
    .join('\n');
}
const squash = (s: string) => s.replace(/\s+/g, ' ');

/** The attachments of a received mail: name, type and decoded bytes (base64 parts). */
function attachmentsOf(mail: Mail): Array<{ filename: string; type: string; content: Buffer }> {
  const out: Array<{ filename: string; type: string; content: Buffer }> = [];
  for (const part of mail.raw.split(/\r?\n--/)) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const head = part.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
    const filename = /filename\*?=(?:"([^"]+)"|([^;\s]+))/i.exec(head);
    if (!/content-disposition:\s*attachment/i.test(head) || !filename) continue;
    const type = /content-type:\s*([^;\s]+)/i.exec(head)?.[1] ?? '';
    out.push({ filename: filename[1] ?? filename[2], type, content: Buffer.from(part.slice(split).replace(/\s+/g, ''), 'base64') });
  }
  return out;
}

describe('forwarding letters and the register of outgoing documents', () => {
  let h: Harness;
  let d: Desk;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let worker: Started;

  /** A file download: status, headers and the bytes (the harness client reads text). */
  async function download(path: string, email: string) {
    const token = tokens.get(email) ?? (await d.as(email));
    const res = await fetch(`${h.api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, headers: res.headers, content: Buffer.from(await res.arrayBuffer()) };
  }
  /** Tokens of users made by the tests (their own passwords); demo users log in through the Desk. */
  const tokens = new Map<string, string>();
  const tokenOf = async (email: string) => tokens.get(email) ?? (await d.as(email));
  const register = async (email = 'triage@demo.local', query = '') => h.api.get(`/api/v1/letters/register${query}`, { token: await tokenOf(email) });
  const counter = async () => (await h.sql(`SELECT coalesce(max(last_number), 0)::int AS n FROM outgoing_document_counter`))[0].n as number;

  /** Logs `n` concerns at once; returns their case ids. */
  async function newCases(n: number, title = 'Phản ánh thử nghiệm'): Promise<string[]> {
    const res = await h.api.post(
      '/api/v1/concerns/batch',
      { concerns: Array.from({ length: n }, (_, i) => concern({ title: `${title} số ${i + 1}`, reporter: undefined })) },
      { token: await d.as('officer@demo.local') },
    );
    expect(res.status).toBe(201);
    return res.body.items.map((x: { caseId: string }) => x.caseId);
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    smtp = await startSmtp();
    h = await startHarness({ SMTP_URL: smtp.url });
    await h.reset();
    worker = startProcess('worker.js', { SMTP_URL: smtp.url, APP_BASE_URL: h.api.baseUrl, RECONCILE_MS: '500' });
    d = new Desk(h);
  });
  afterAll(async () => {
    await worker?.stop();
    await h?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    await settle(h, TEST_REDIS_URL, { started: worker });
    await h.reset();
    smtp.reset();
    smtp.received.length = 0;
  });

  it('issues letter 1 with the routing: the register, the case and its timeline name it; the DOCX and the PDF carry every part of a Decree 30 letter', async () => {
    const caseId = await d.newCase({ title: 'Chậm chi trả bồi thường dự án đường trục phía Nam, tổ dân phố 12', peopleAffected: 35 });
    const routed = await d.triage(caseId, { leadAgency: 'UBND', supportingAgencies: ['NNMT'], summary: 'Chậm bồi thường, 35 hộ' });
    expect(routed.status).toBe(200);
    const year = vnYear();

    const reg = await register();
    expect(reg.status).toBe(200);
    expect(reg.body).toMatchObject({ year, unit: { code: 'BTG' }, nextCursor: null });
    expect(reg.body.items).toHaveLength(1);
    const [entry] = reg.body.items;
    expect(entry).toMatchObject({
      number: 1,
      numberText: `1/${SYMBOL}`,
      year,
      kind: 'FORWARDING_LETTER',
      withheld: false,
      case: { id: caseId, code: routed.body.code },
      signer: { name: 'Trần Quốc Hưng', title: 'Phó Trưởng ban', authority: 'KT. TRƯỞNG BAN' },
      recipients: [
        { code: 'UBND', role: 'LEAD' },
        { code: 'NNMT', role: 'SUPPORT' },
      ],
    });
    expect(entry.subject).toMatch(/^V\/v /);

    const listed = await h.api.get(`/api/v1/cases/${caseId}/letters`, { token: await d.as('triage@demo.local') });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((l: { id: string }) => l.id)).toEqual([entry.id]);

    const assigned = routed.body.events.find((e: { type: string }) => e.type === 'ASSIGNED');
    expect(assigned.payload).toMatchObject({ letterId: entry.id, letterNumber: `1/${SYMBOL}` });

    // What the letter must state, from the API's own answers.
    const lead = routed.body.assignments.find((a: { role: string }) => a.role === 'LEAD');
    const support = routed.body.assignments.find((a: { role: string }) => a.role === 'SUPPORT');
    const days = Math.round(lead.clock.allowedWorkingDays);
    expect(days).toBeGreaterThan(0);
    const parts = [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'TỈNH ỦY LÀO CAI',
      'BAN TUYÊN GIÁO VÀ DÂN VẬN',
      `Số: 1/${SYMBOL}`,
      dateLineOf('Lào Cai', entry.issuedAt),
      entry.subject,
      'Kính gửi:',
      lead.orgUnitVi,
      support.orgUnitVi,
      'Chậm chi trả bồi thường dự án đường trục phía Nam, tổ dân phố 12',
      'Phường Cam Đường',
      '35 người liên quan',
      'Tóm tắt nội dung: Chậm bồi thường, 35 hộ.',
      `trong thời hạn ${days} ngày làm việc, trước ngày ${vnDate(lead.resolveDueAt)}`,
      'KT. TRƯỞNG BAN',
      'PHÓ TRƯỞNG BAN',
      'Trần Quốc Hưng',
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT, PAKN.',
    ];

    const docx = await download(`/api/v1/letters/${entry.id}/content?format=docx`, 'triage@demo.local');
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers.get('content-disposition')).toBe(`attachment; filename="Cong-van-1-${SYMBOL}.docx"`);
    const text = await docxText(docx.content);
    for (const part of parts) expect({ part, found: text.includes(part) }).toEqual({ part, found: true });
    // The document is what Word opens: A4, Times New Roman, the core properties dated at issue.
    const zip = await JSZip.loadAsync(docx.content);
    expect(await zip.file('word/document.xml')!.async('string')).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(await zip.file('word/styles.xml')!.async('string')).toContain('Times New Roman');
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain(
      `<dcterms:created xsi:type="dcterms:W3CDTF">${entry.issuedAt.replace(/\.\d{3}Z$/, 'Z')}`,
    );

    const pdf = await download(`/api/v1/letters/${entry.id}/content?format=pdf`, 'triage@demo.local');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="Cong-van-1-${SYMBOL}.pdf"`);
    const pdfFile = join(ARTIFACTS, 'letter-1.pdf');
    writeFileSync(pdfFile, pdf.content);
    writeFileSync(join(ARTIFACTS, 'letter-1.docx'), docx.content);
    const pdfText = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' }));
    for (const part of parts) expect({ part, found: pdfText.includes(squash(part)) }).toEqual({ part, found: true });
    // One A4 page, rendered to an image (looked at by eye when the layout changes: test-artifacts/letters/).
    expect(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.2\d x 841\.8\d pts \(A4\)/);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', pdfFile, join(ARTIFACTS, 'letter-1')]);
    const png = readFileSync(join(ARTIFACTS, 'letter-1.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(Math.abs(height / width - 297 / 210)).toBeLessThan(0.01);
    expect(statSync(join(ARTIFACTS, 'letter-1.png')).size).toBeGreaterThan(5_000);

    // The first rendering is kept as the issued copy (one row per format, its bytes in the object storage)…
    const kept = await h.sql(`SELECT format, storage_key, sha256 FROM outgoing_document_file WHERE document_id = $1 ORDER BY format`, [entry.id]);
    expect(kept.map((k) => k.format)).toEqual(['docx', 'pdf']);
    expect(kept[1].sha256).toBe(createHash('sha256').update(pdf.content).digest('hex'));
    expect(readFileSync(join(TEST_STORAGE_DIR, kept[1].storage_key)).equals(pdf.content)).toBe(true);
    expect((await download(`/api/v1/letters/${entry.id}/content?format=docx`, 'triage@demo.local')).content.equals(docx.content)).toBe(true);
    // … and a copy lost from the storage is rendered again from the register row: the same bytes.
    for (const k of kept) rmSync(join(TEST_STORAGE_DIR, k.storage_key));
    expect((await download(`/api/v1/letters/${entry.id}/content?format=pdf`, 'triage@demo.local')).content.equals(pdf.content)).toBe(true);
    expect(readFileSync(join(TEST_STORAGE_DIR, kept[1].storage_key)).equals(pdf.content)).toBe(true);
    // Every download is in the access log.
    const reads = await h.sql(`SELECT action FROM access_log WHERE case_id = $1 AND action = 'LETTER_READ'`, [caseId]);
    expect(reads).toHaveLength(4);
  });

  it('numbers 50 concurrent routings 1..50, unique and gap-free; a routing that fails after taking its number, or is refused, leaves no gap', async () => {
    const ids = await newCases(52);
    const token = await d.as('triage@demo.local');
    const started = Date.now();
    const answers = await Promise.all(
      ids
        .slice(0, 50)
        .map((id, i) =>
          h.api.post(
            `/api/v1/cases/${id}/triage`,
            { categoryCode: 'LAND', priority: 'NORMAL', sensitivity: 'PUBLIC', leadAgency: i % 2 ? 'UBND' : 'NNMT' },
            { token },
          ),
        ),
    );
    const elapsed = Date.now() - started;
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    console.log(`50 concurrent routings with their letters: ${elapsed} ms`);

    const rows = await h.sql(`SELECT number, number_text, case_id FROM outgoing_document ORDER BY number`);
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.case_id)).size).toBe(50);
    // Each routing's event names the number its row has.
    const events = await h.sql(`SELECT case_id, payload->>'letterNumber' AS n FROM case_event WHERE type = 'ASSIGNED'`);
    const byCase = new Map(rows.map((r) => [r.case_id, r.number_text]));
    for (const e of events) expect(e.n).toBe(byCase.get(e.case_id));
    // The register lists every number, page by page.
    const seen: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await register('leader@demo.local', `?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((x: { number: number }) => x.number));
      cursor = page.body.nextCursor;
    }
    expect(seen).toEqual(rows.map((r) => r.number));

    // A fault after the number was taken (the register row cannot be written): the routing rolls back, number and all.
    const [failing, next] = ids.slice(50);
    await h.sql(`CREATE FUNCTION letters_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$`);
    await h.sql(
      `CREATE TRIGGER letters_test_fail BEFORE INSERT ON outgoing_document FOR EACH ROW WHEN (NEW.case_id = '${failing}') EXECUTE FUNCTION letters_test_fail()`,
    );
    try {
      const failed = await d.triage(failing);
      expect(failed.status).toBe(500);
      expect(await counter()).toBe(50);
      expect(await d.status(failing)).toBe('NEW');
      expect(await h.sql(`SELECT 1 FROM assignment WHERE case_id = $1`, [failing])).toHaveLength(0);
    } finally {
      await h.sql(`DROP TRIGGER letters_test_fail ON outgoing_document`);
      await h.sql(`DROP FUNCTION letters_test_fail()`);
    }
    // Bad input (a signer without a signing profile) is refused before a number is taken, and writes nothing.
    const officer = (await h.sql(`SELECT id FROM app_user WHERE email = 'officer@demo.local'`))[0].id;
    const refused = await d.triage(next, { signerId: officer });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'signerId' }] });
    expect(await d.status(next)).toBe('NEW');
    expect(await counter()).toBe(50);

    expect((await d.triage(next)).status).toBe(200);
    expect((await d.triage(failing)).status).toBe(200);
    const after = await h.sql(`SELECT number, case_id FROM outgoing_document WHERE number > 50 ORDER BY number`);
    expect(after).toEqual([
      { number: 51, case_id: next },
      { number: 52, case_id: failing },
    ]);
  });

  it('keeps letters behind their case: an agency not on the case gets 404, the register withholds a hidden case’s words, a restricted or confidential notice carries no letter', async () => {
    const [pub, rest, conf] = await newCases(3, 'Ý kiến cử tri');
    expect((await d.triage(pub, { sensitivity: 'PUBLIC', leadAgency: 'UBND', supportingAgencies: [] })).status).toBe(200);
    expect((await d.triage(rest, { sensitivity: 'RESTRICTED', leadAgency: 'UBND', supportingAgencies: [] })).status).toBe(200);
    expect((await d.triage(conf, { sensitivity: 'CONFIDENTIAL', leadAgency: 'UBND', supportingAgencies: [] })).status).toBe(200);
    const letterOf = async (caseId: string) => (await h.sql(`SELECT id, number_text FROM outgoing_document WHERE case_id = $1`, [caseId]))[0];
    const pubLetter = await letterOf(pub);

    // The assigned agency reads the letter; another agency (the Police, not on the case) is told nothing exists.
    expect((await download(`/api/v1/letters/${pubLetter.id}/content?format=pdf`, 'ubnd@demo.local')).status).toBe(200);
    expect((await h.api.get(`/api/v1/cases/${pub}/letters`, { token: await d.as('ubnd@demo.local') })).status).toBe(200);
    for (const format of ['pdf', 'docx']) {
      const res = await download(`/api/v1/letters/${pubLetter.id}/content?format=${format}`, 'ca@demo.local');
      expect(res.status).toBe(404);
    }
    expect((await h.api.get(`/api/v1/cases/${pub}/letters`, { token: await d.as('ca@demo.local') })).status).toBe(404);
    expect((await download(`/api/v1/letters/00000000-0000-4000-8000-000000000000/content`, 'ubnd@demo.local')).status).toBe(404);
    expect((await download(`/api/v1/letters/not-a-letter/content`, 'ubnd@demo.local')).status).toBe(404);
    expect((await register('ubnd@demo.local')).status).toBe(403);

    // A second triager, not on the confidential case: its row keeps its number, not its words.
    const admin = await d.as('admin@demo.local');
    const email = `triage-letters-${Date.now()}@demo.local`;
    const created = await h.api.post(
      '/api/v1/admin/users',
      { email, password: 'Cong-van-Tuyen-giao#2026', fullName: 'Phạm Minh Đức', role: 'triager', orgUnitCode: 'BTG' },
      { token: admin },
    );
    expect(created.status).toBe(201);
    tokens.set(email, await h.api.login(email, 'Cong-van-Tuyen-giao#2026'));
    const theirs = await register(email);
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.map((x: { number: number }) => x.number)).toEqual([1, 2, 3]);
    const hidden = theirs.body.items.find((x: { number: number }) => x.number === 3);
    expect(hidden).toMatchObject({ numberText: `3/${SYMBOL}`, subject: null, case: null, withheld: true, recipients: [{ code: 'UBND' }] });
    expect(theirs.body.items.filter((x: { withheld: boolean }) => !x.withheld).map((x: { case: { id: string } }) => x.case.id)).toEqual([pub, rest]);
    expect((await download(`/api/v1/letters/${(await letterOf(conf)).id}/content`, email)).status).toBe(404);
    expect((await h.api.get(`/api/v1/cases/${conf}/letters`, { token: await tokenOf(email) })).status).toBe(404);
    // The triager on the case and the leader see it all.
    for (const reader of ['triage@demo.local', 'leader@demo.local']) {
      expect((await register(reader)).body.items.map((x: { withheld: boolean }) => x.withheld)).toEqual([false, false, false]);
    }

    // The agency's notices: the public case's carries its letter as a PDF; the others say it is in the system.
    await settle(h, TEST_REDIS_URL, { started: worker });
    const ubnd = (await h.sql(`SELECT emails FROM org_unit WHERE code = 'UBND'`))[0].emails as string[];
    const code = async (id: string) => (await h.sql(`SELECT code FROM cases WHERE id = $1`, [id]))[0].code as string;
    const mailsOf = async (id: string) => {
      const c = await code(id);
      return smtp.received.filter((m) => m.raw.includes(`X-Concern-Desk-Case: ${c}`) && ubnd.some((a) => m.to.includes(a)));
    };
    const pubMails = await mailsOf(pub);
    expect(pubMails.length).toBe(ubnd.length);
    for (const mail of pubMails) {
      expect(mail.text).toContain(`Kèm theo thư này: Công văn số ${pubLetter.number_text}`);
      const files = attachmentsOf(mail);
      expect(files.map((f) => [f.filename, f.type])).toEqual([[`Cong-van-${pubLetter.number_text.replace('/', '-')}.pdf`, 'application/pdf']]);
      expect(files[0].content.subarray(0, 5).toString()).toBe('%PDF-');
      // The very file the download gives.
      expect(files[0].content.equals((await download(`/api/v1/letters/${pubLetter.id}/content?format=pdf`, 'ubnd@demo.local')).content)).toBe(true);
    }
    for (const id of [rest, conf]) {
      const mails = await mailsOf(id);
      expect(mails.length).toBeGreaterThan(0);
      for (const mail of mails) {
        expect(attachmentsOf(mail)).toEqual([]);
        expect(mail.raw).not.toMatch(/application\/pdf/);
        expect(mail.text).toContain(
          `Công văn số ${(await letterOf(id)).number_text} của cơ quan thường trực về vụ việc này có nội dung hạn chế, không gửi kèm thư`,
        );
        expect(mail.text).not.toContain('Ý kiến cử tri');
      }
    }
  });

  it('issues a letter on demand to the agencies still on the case, 409 when none is, and exports the whole year of the register, logged', async () => {
    const [a, b] = await newCases(2, 'Ô nhiễm bụi');
    expect((await d.triage(a, { leadAgency: 'UBND', supportingAgencies: ['NNMT'] })).status).toBe(200);
    const triager = await d.as('triage@demo.local');
    // A reminder in the triager's words, signed by the unit's default signer.
    const reminder = await h.api.post(
      `/api/v1/cases/${a}/letters`,
      { requestedAction: 'Đề nghị UBND tỉnh chỉ đạo kiểm tra, xử lý dứt điểm.' },
      { token: triager },
    );
    expect(reminder.status).toBe(201);
    expect(reminder.body).toMatchObject({ number: 2, numberText: `2/${SYMBOL}` });
    const text = await docxText((await download(`/api/v1/letters/${reminder.body.id}/content?format=docx`, 'ubnd@demo.local')).content);
    expect(text).toContain('Đề nghị UBND tỉnh chỉ đạo kiểm tra, xử lý dứt điểm.');
    expect(text).toContain('ngày làm việc, trước ngày');
    expect((await h.api.get(`/api/v1/cases/${a}/letters`, { token: triager })).body.items.map((l: { number: number }) => l.number)).toEqual([1, 2]);
    // The timeline names it, and both agencies receive it with its PDF.
    expect((await d.events(a)).at(-1)).toMatchObject({ type: 'LETTER_ISSUED', payload: { letterId: reminder.body.id, letterNumber: `2/${SYMBOL}` } });
    await settle(h, TEST_REDIS_URL, { started: worker });
    const sent = smtp.received.filter((m) => m.subject.includes(`Công văn số 2/${SYMBOL} của cơ quan thường trực`));
    const addresses: string[] = (await h.sql(`SELECT unnest(emails) AS e FROM org_unit WHERE code IN ('UBND', 'NNMT')`)).map((r) => r.e);
    expect(sent.flatMap((m) => m.to).sort((x, y) => x.localeCompare(y))).toEqual(addresses.sort((x, y) => x.localeCompare(y)));
    for (const mail of sent) expect(attachmentsOf(mail).map((f) => f.filename)).toEqual([`Cong-van-2-${SYMBOL}.pdf`]);

    // No agency on the case yet: nobody to write to. Not the triager's: 403. Bad input: 400, nothing taken.
    const none = await h.api.post(`/api/v1/cases/${b}/letters`, {}, { token: triager });
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('NO_LIVE_ASSIGNMENTS');
    expect((await h.api.post(`/api/v1/cases/${a}/letters`, {}, { token: await d.as('ubnd@demo.local') })).status).toBe(403);
    const bad = await h.api.post(`/api/v1/cases/${a}/letters`, { signerId: 'someone', requestedAction: ' ' }, { token: triager });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['requestedAction', 'signerId']);
    expect(await counter()).toBe(2);

    // Every row of the year, as XLSX and CSV; each export is in the access log for the cases it names.
    const xlsx = await download(`/api/v1/letters/register/export?format=xlsx`, 'leader@demo.local');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toBe(`attachment; filename="So-van-ban-di-BTG-${vnYear()}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.content as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const sheet = ws.getSheetValues().slice(1) as unknown[][];
    expect(String(sheet[0][1])).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    expect(sheet.slice(2).map((r) => r[1])).toEqual([`1/${SYMBOL}`, `2/${SYMBOL}`]);
    const csv = await download(`/api/v1/letters/register/export?format=csv&year=${vnYear()}`, 'triage@demo.local');
    expect(csv.status).toBe(200);
    const csvText = csv.content.toString('utf8');
    expect(csvText.startsWith('\uFEFF')).toBe(true);
    expect(csvText).toContain(`1/${SYMBOL}`);
    expect(csvText).toContain(`2/${SYMBOL}`);
    const exports = await h.sql(`SELECT role, case_id FROM access_log WHERE action = 'EXPORT' ORDER BY id`);
    expect(exports).toEqual([
      { role: 'leader', case_id: a },
      { role: 'triager', case_id: a },
    ]);
    expect((await download(`/api/v1/letters/register/export?format=pdf`, 'leader@demo.local')).status).toBe(400);
    expect((await register('leader@demo.local', '?year=1999')).status).toBe(400);
    expect((await register('leader@demo.local', '?cursor=zzz')).status).toBe(400);
    expect((await register('leader@demo.local', `?year=${vnYear() - 1}`)).body.items).toEqual([]);
  });

  it('shows the case’s letters with their files, lets the desk send a new one, and lists the register by year (web)', async () => {
    const caseId = await d.newCase({ title: 'Bụi và mùi hôi từ nhà máy hóa chất khu công nghiệp' });
    expect((await d.triage(caseId, { leadAgency: 'UBND', supportingAgencies: ['NNMT'] })).status).toBe(200);
    const browser = await launchBrowser();
    try {
      const desk = await Person.open(browser, h.api.baseUrl);
      await desk.login('triage@demo.local');
      await desk.goto(`#/cases/${caseId}`);
      const { page } = desk;
      const letters = page.getByTestId('letters');
      await letters.getByRole('heading', { name: 'Công văn chuyển' }).waitFor();
      expect(await letters.locator('tbody tr').count()).toBe(1);
      expect(await letters.textContent()).toContain(`1/${SYMBOL}`);
      expect(await page.getByTestId('timeline').textContent()).toContain(`Công văn số 1/${SYMBOL}`);
      const [file] = await Promise.all([page.waitForEvent('download'), letters.getByRole('button', { name: `Tải công văn 1/${SYMBOL} dạng PDF` }).click()]);
      expect(file.suggestedFilename()).toBe(`Cong-van-1-${SYMBOL}.pdf`);
      const saved = join(ARTIFACTS, 'from-browser.pdf');
      await file.saveAs(saved);
      expect(readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');

      await letters.getByRole('button', { name: 'Gửi công văn mới' }).click();
      await letters.getByLabel('Nội dung đề nghị (để trống: dùng câu đề nghị chuẩn)').fill('Đề nghị UBND tỉnh chỉ đạo kiểm tra, xử lý dứt điểm.');
      await letters.getByRole('button', { name: 'Ban hành và gửi' }).click();
      await page
        .getByTestId('flash')
        .filter({ hasText: `Đã ban hành Công văn số 2/${SYMBOL}` })
        .waitFor();
      await page.getByTestId('letters').locator('tbody tr').nth(1).waitFor();
      await desk.screenshot('letters-01-case-letters');

      await page.getByRole('link', { name: 'Sổ văn bản đi' }).click();
      const reg = page.getByTestId('register');
      await reg.locator('tbody tr').nth(1).waitFor();
      expect(await reg.locator('tbody tr th').allTextContents()).toEqual([`1/${SYMBOL}`, `2/${SYMBOL}`]);
      expect(await reg.textContent()).not.toContain('null');
      const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải XLSX' }).click()]);
      expect(sheet.suggestedFilename()).toBe(`So-van-ban-di-BTG-${vnYear()}.xlsx`);
      await desk.screenshot('letters-02-register');
      expect(desk.problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('keeps the issuing-unit and signing profiles as admin data, shown in /auth/me; a named signer signs', async () => {
    const admin = await d.as('admin@demo.local');
    const bad = await h.api.patch('/api/v1/admin/org-units/BTG', { documentSymbol: 'btg pakn' }, { token: admin });
    expect(bad.status).toBe(400);
    const ubndUser = (await h.sql(`SELECT id FROM app_user WHERE email = 'ubnd@demo.local'`))[0].id;
    const foreign = await h.api.patch('/api/v1/admin/org-units/BTG', { defaultSignerId: ubndUser }, { token: admin });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([{ field: 'defaultSignerId', message: expect.stringContaining('không phải người dùng đang hoạt động') }]);

    // The triager gets a signing profile and signs a letter in their own name.
    const me = (await h.sql(`SELECT id FROM app_user WHERE email = 'triage@demo.local'`))[0].id;
    const set = await h.api.patch(
      `/api/v1/admin/users/${me}`,
      { jobTitle: 'Trưởng phòng Dư luận xã hội', signingAuthority: 'TL. TRƯỞNG BAN' },
      { token: admin },
    );
    expect(set.status).toBe(200);
    try {
      const profile = await h.api.get('/api/v1/auth/me', { token: await d.as('triage@demo.local') });
      expect(profile.body).toMatchObject({ jobTitle: 'Trưởng phòng Dư luận xã hội', signingAuthority: 'TL. TRƯỞNG BAN', orgUnitCode: 'BTG' });
      const caseId = await d.newCase();
      expect((await d.triage(caseId, { signerId: me })).status).toBe(200);
      const [row] = await h.sql(`SELECT signer_name, signer_title, signer_authority FROM outgoing_document WHERE case_id = $1`, [caseId]);
      expect(row).toEqual({ signer_name: 'Nguyễn Thị Lan (thường trực)', signer_title: 'Trưởng phòng Dư luận xã hội', signer_authority: 'TL. TRƯỞNG BAN' });
    } finally {
      await h.api.patch(`/api/v1/admin/users/${me}`, { jobTitle: null, signingAuthority: null }, { token: admin });
    }
  });
});
