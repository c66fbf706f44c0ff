import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import {
  docx,
  filesUnder,
  JPEG,
  lyingDocx,
  minimalPdf,
  odt,
  PNG,
  renamedExe,
  traversalDocx,
  upload,
  vietnamesePdf,
  xlsx,
  zipBombDocx,
} from './helpers/attachments.js';
import { count, type Harness, startHarness } from './helpers/harness.js';
import { freePort, startProcess, type Started, waitFor } from './helpers/processes.js';
import { Desk, RESOLUTION } from './helpers/workflow.js';
import { TEST_STORAGE_DIR } from './setup/test-env.js';

/**
 * Attachments (issue 14) through the API, on both storage backends: the local disk, and an
 * S3-compatible object store (s3rver, started here, through the official AWS SDK). The same suite
 * runs against each: every allowed type accepted by its content and given back byte for byte;
 * renamed executables, oversized files, zip bombs and paths refused with nothing stored (no row, no
 * object, no scratch file); need-to-know on lists, metadata and downloads; downloads in the access
 * log; merges carrying attachments; resolutions needing their signed document; and the case search
 * finding words of a DOCX or a PDF without diacritics.
 */

const MAX_BYTES = 1024 * 1024;
const MAX_PER_CASE = 12;
const MAX_CASE_BYTES = 3 * 1024 * 1024;
const BUCKET = 'concern-desk-test';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const DOCX_MEDIA = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_MEDIA = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ODT_MEDIA = 'application/vnd.oasis.opendocument.text';

describe.each(['disk', 's3'] as const)('attachments on %s storage', (backend) => {
  let h: Harness;
  let d: Desk;
  let worker: Started;
  let s3: S3rver | null = null;
  let s3Dir = '';
  let bucket: S3Client | null = null;

  beforeAll(async () => {
    const env: Record<string, string> = {
      ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
      ATTACHMENT_MAX_PER_CASE: String(MAX_PER_CASE),
      ATTACHMENT_MAX_CASE_BYTES: String(MAX_CASE_BYTES),
      RECONCILE_MS: '500',
      RECONCILE_STALE_MS: '1500',
    };
    if (backend === 's3') {
      const port = await freePort();
      s3Dir = mkdtempSync(join(tmpdir(), 's3rver-'));
      s3 = new S3rver({ address: '127.0.0.1', port, silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET }] });
      await s3.run();
      const endpoint = `http://127.0.0.1:${port}`;
      Object.assign(env, { S3_BUCKET: BUCKET, S3_ENDPOINT: endpoint, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_FORCE_PATH_STYLE: 'true' });
      bucket = new S3Client({
        region: 'us-east-1',
        endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
    }
    h = await startHarness(env);
    worker = startProcess('worker.js', env);
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await h?.close();
    bucket?.destroy();
    await s3?.close();
    if (s3Dir) rmSync(s3Dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await h.reset();
    d = new Desk(h);
    if (bucket) {
      const keys = await objectKeys();
      if (keys.length) await bucket.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: keys.map((Key) => ({ Key })) } }));
    }
  });

  async function objectKeys(): Promise<string[]> {
    if (!bucket) return [];
    const out = await bucket.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    return (out.Contents ?? []).map((o) => o.Key!);
  }

  /** Everything stored: the bucket's objects, and every file under STORAGE_DIR (the disk store and the uploads' scratch files). */
  async function stored(): Promise<string[]> {
    return [...(await objectKeys()).map((k) => `s3:${k}`), ...filesUnder(TEST_STORAGE_DIR)];
  }

  async function caseUpload(caseId: string, email: string, file: { bytes: Buffer; name: string; type?: string }, fields: Record<string, string>) {
    return upload(h.api, `/api/v1/cases/${caseId}/attachments`, await d.as(email), file, fields);
  }

  async function download(id: string, email: string) {
    const res = await fetch(`${h.api.baseUrl}/api/v1/attachments/${id}/content`, { headers: { authorization: `Bearer ${await d.as(email)}` } });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  /** A case routed to UBND (lead) and NNMT (supporting). */
  async function routedCase(overrides: Record<string, unknown> = {}, triage: Record<string, unknown> = {}) {
    const caseId = await d.newCase(overrides);
    expect((await d.triage(caseId, triage)).status).toBe(200);
    return caseId;
  }

  it('accepts every allowed type by its content, names it safely, records its SHA-256 and gives back the same bytes', async () => {
    const caseId = await d.newCase();
    const files = [
      { bytes: PNG, name: 'anh-hien-truong.jpg', type: 'image/jpeg', media: 'image/png', filename: 'anh-hien-truong.png' },
      { bytes: JPEG, name: 'ảnh chụp.JPG', type: 'application/x-evil', media: 'image/jpeg', filename: 'ảnh chụp.jpg' },
      { bytes: await vietnamesePdf(['Công văn số 12']), name: 'Công văn số 12.PDF', media: 'application/pdf', filename: 'Công văn số 12.pdf' },
      { bytes: await docx('Biên bản làm việc'), name: 'bien-ban.doc', media: DOCX_MEDIA, filename: 'bien-ban.docx' },
      { bytes: await xlsx(), name: 'danh-sach.xlsx', media: XLSX_MEDIA, filename: 'danh-sach.xlsx' },
      { bytes: await odt(), name: 'to-trinh', media: ODT_MEDIA, filename: 'to-trinh.odt' },
    ];
    const ids: string[] = [];
    for (const f of files) {
      const res = await caseUpload(caseId, 'triage@demo.local', f, { purpose: 'EVIDENCE' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        caseId,
        purpose: 'EVIDENCE',
        mediaType: f.media,
        filename: f.filename,
        sizeBytes: f.bytes.length,
        sha256: sha256(f.bytes),
      });
      ids.push(res.body.id);
    }
    // The officer attaches the petition to the concern they logged.
    const [concern] = await h.sql(`SELECT id FROM concern WHERE case_id = $1`, [caseId]);
    const petition = await upload(h.api, `/api/v1/concerns/${concern.id}/attachments`, await d.as('officer@demo.local'), {
      bytes: minimalPdf('Don kien nghi'),
      name: 'don.pdf',
    });
    expect(petition.status).toBe(201);
    expect(petition.body).toMatchObject({ purpose: 'PETITION', concernId: concern.id, textState: 'PENDING' });

    for (const [i, f] of files.entries()) {
      const { res, bytes } = await download(ids[i], 'triage@demo.local');
      expect(res.status).toBe(200);
      expect(bytes.equals(f.bytes)).toBe(true);
      expect(res.headers.get('content-type')).toBe(f.media);
      expect(res.headers.get('content-length')).toBe(String(f.bytes.length));
      expect(res.headers.get('etag')).toBe(`"${sha256(f.bytes)}"`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(f.filename)}`);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    const list = await h.api.get(`/api/v1/cases/${caseId}/attachments`, { token: await d.as('triage@demo.local') });
    expect(list.body.items.map((a: any) => a.filename)).toEqual([...files.map((f) => f.filename), 'don.pdf']);
    // The case page lists them too.
    const page = await d.caseAs('triage@demo.local', caseId);
    expect(page.body.attachments).toHaveLength(7);
    expect(page.body.attachments[0]).toMatchObject({
      id: ids[0],
      filename: 'anh-hien-truong.png',
      purpose: 'EVIDENCE',
      mediaType: 'image/png',
      uploaderUnitCode: 'BTG',
    });
    // One object per file, in the configured backend only (and no scratch file left).
    const objects = (await stored()).filter((s) => !s.includes('.incoming'));
    expect(objects).toHaveLength(7);
    expect(objects.every((s) => s.startsWith('s3:') === (backend === 's3'))).toBe(true);
    expect(filesUnder(join(TEST_STORAGE_DIR, '.incoming'))).toEqual([]);
    // Each upload is audited with its hash.
    expect(await count(h, `audit_log WHERE action = 'ATTACHMENT_UPLOADED'`)).toBe(7);
  });

  it('refuses renamed executables, oversized files, zip bombs, unsafe zips and other types with a 4xx, storing nothing', async () => {
    const caseId = await d.newCase();
    const token = await d.as('triage@demo.local');
    const before = await stored();
    const cases: Array<[string, { bytes: Buffer; name: string; type?: string }, number, string]> = [
      ['a renamed executable', { bytes: renamedExe(), name: 'cong-van.pdf', type: 'application/pdf' }, 415, 'UNSUPPORTED_FILE_TYPE'],
      ['a file one byte over the limit', { bytes: Buffer.concat([JPEG, Buffer.alloc(MAX_BYTES + 1 - JPEG.length)]), name: 'lon.jpg' }, 413, 'FILE_TOO_LARGE'],
      ['a file far over the limit', { bytes: Buffer.concat([JPEG, randomBytes(3 * MAX_BYTES)]), name: 'rat-lon.jpg' }, 413, 'FILE_TOO_LARGE'],
      ['a zip-bomb DOCX (30 MiB of zeros deflated)', { bytes: await zipBombDocx(30), name: 'bom.docx' }, 400, 'UNSAFE_DOCUMENT'],
      ['a DOCX whose directory claims 4 GiB', { bytes: await lyingDocx(), name: 'noi-doi.docx' }, 400, 'UNSAFE_DOCUMENT'],
      ['a zip entry climbing out of its folder', { bytes: await traversalDocx(), name: 'leo.docx' }, 400, 'UNSAFE_DOCUMENT'],
      ['a plain zip', { bytes: await plainZip(), name: 'nen.docx' }, 415, 'UNSUPPORTED_FILE_TYPE'],
      ['plain text', { bytes: Buffer.from('Chỉ là văn bản thường\n'), name: 'ghi-chu.pdf' }, 415, 'UNSUPPORTED_FILE_TYPE'],
      ['an HTML page', { bytes: Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), name: 'trang.png' }, 415, 'UNSUPPORTED_FILE_TYPE'],
      ['an empty file', { bytes: Buffer.alloc(0), name: 'rong.pdf' }, 415, 'UNSUPPORTED_FILE_TYPE'],
    ];
    for (const [what, file, status, code] of cases) {
      const res = await upload(h.api, `/api/v1/cases/${caseId}/attachments`, token, file, { purpose: 'EVIDENCE' });
      expect({ what, status: res.status, code: res.body?.code }).toEqual({ what, status, code });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    // Bad forms: no file, an unknown field, a bad purpose, two files, a JSON body; admins attach nothing.
    const form = async (build: (f: FormData) => void, who = token) => {
      const f = new FormData();
      build(f);
      const res = await fetch(`${h.api.baseUrl}/api/v1/cases/${caseId}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${who}` }, body: f });
      return { status: res.status, body: await res.json() };
    };
    const png = () => new Blob([new Uint8Array(PNG)]);
    expect(await form((f) => f.append('purpose', 'EVIDENCE'))).toMatchObject({ status: 400, body: { errors: [{ field: 'file' }] } });
    expect(await form((f) => (f.append('purpose', 'EVIDENCE'), f.append('x', '1'), f.append('file', png(), 'a.png')))).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'x' }] },
    });
    expect(await form((f) => (f.append('purpose', 'SECRET'), f.append('file', png(), 'a.png')))).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'purpose' }] },
    });
    expect(await form((f) => f.append('file', png(), 'a.png'))).toMatchObject({ status: 400, body: { errors: [{ field: 'purpose' }] } });
    expect(await form((f) => (f.append('purpose', 'EVIDENCE'), f.append('file', png(), 'a.png'), f.append('file', png(), 'b.png')))).toMatchObject({
      status: 400,
    });
    expect(await form((f) => (f.append('purpose', 'EVIDENCE\u0000'), f.append('file', png(), 'a.png')))).toMatchObject({ status: 400 });
    expect(await form((f) => (f.append('purpose', 'EVIDENCE'), f.append('file', png(), 'a.png')), await d.as('admin@demo.local'))).toMatchObject({
      status: 403,
    });
    // The officer may attach a petition or evidence, not a decision; a leader only decisions.
    expect(await form((f) => (f.append('purpose', 'DECISION'), f.append('file', png(), 'a.png')), await d.as('officer@demo.local'))).toMatchObject({
      status: 403,
      body: { code: 'PURPOSE_NOT_ALLOWED' },
    });
    expect(await form((f) => (f.append('purpose', 'EVIDENCE'), f.append('file', png(), 'a.png')), await d.as('leader@demo.local'))).toMatchObject({
      status: 403,
    });
    const json = await h.api.post(`/api/v1/cases/${caseId}/attachments`, { purpose: 'EVIDENCE' }, { token });
    expect(json).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    // Multipart stays refused everywhere else (the JSON-only rule).
    const f = new FormData();
    f.append('title', 'x');
    const elsewhere = await fetch(`${h.api.baseUrl}/api/v1/concerns`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: f });
    expect(elsewhere.status).toBe(415);

    expect(await count(h, 'attachment')).toBe(0);
    expect(await count(h, `audit_log WHERE action = 'ATTACHMENT_UPLOADED'`)).toBe(0);
    expect(await count(h, `outbox_message WHERE job_name = 'attachment-text'`)).toBe(0);
    expect(await stored()).toEqual(before);
    // The API kept serving on the same connections.
    expect((await h.api.get('/health')).status).toBe(200);
  });

  it('keeps only the last part of a file name with a path, keeps Vietnamese letters (NFC) and bounds the length', async () => {
    const caseId = await d.newCase();
    // (null: only the general rules are checked)
    const names: Array<[string, string | null]> = [
      ['../../etc/passwd.pdf', 'passwd.pdf'],
      ['C:\\x\\y.pdf', 'y.pdf'],
      ['Công văn số 12'.normalize('NFD') + '.pdf', 'Công văn số 12.pdf'],
      ['.htaccess', 'htaccess.pdf'],
      ['a<b>:"|?*.pdf', null],
      [`${'dài '.repeat(100)}.pdf`, null],
      ['con\u0007trol\u202e.exe', null],
    ];
    for (const [name, expected] of names) {
      const res = await caseUpload(caseId, 'triage@demo.local', { bytes: minimalPdf(name.slice(0, 20)), name }, { purpose: 'OTHER' });
      expect(res.status).toBe(201);
      const filename: string = res.body.filename;
      expect(filename.length).toBeLessThanOrEqual(200);
      expect(filename).not.toMatch(/[/\\<>:"|?*\p{Cc}\p{Cf}]/u);
      expect(filename.endsWith('.pdf')).toBe(true);
      expect(filename).toBe(filename.normalize('NFC'));
      if (expected) expect(filename).toBe(expected);
    }
  });

  it('shows a case’s attachments only to whoever sees the case: 404 on list, metadata and download otherwise; petitions never to agencies; downloads logged', async () => {
    // YT leads with NNMT, returns it; the re-route to UBND cancels NNMT's work: both lose their view.
    const caseId = await routedCase({}, { sensitivity: 'RESTRICTED', leadAgency: 'YT', supportingAgencies: ['NNMT'] });
    const ytAssignment = await d.assignment('yt@demo.local', caseId);
    expect((await d.agency('yt@demo.local', ytAssignment, 'return', { reason: 'Không thuộc thẩm quyền' })).status).toBe(200);
    expect((await d.triage(caseId, { sensitivity: 'RESTRICTED', leadAgency: 'UBND', supportingAgencies: [] })).status).toBe(200);
    const [concern] = await h.sql(`SELECT id FROM concern WHERE case_id = $1`, [caseId]);
    const petition = await upload(h.api, `/api/v1/concerns/${concern.id}/attachments`, await d.as('officer@demo.local'), {
      bytes: minimalPdf('Don cua cong dan'),
      name: 'don.pdf',
    });
    expect(petition.status).toBe(201);
    const evidence = await caseUpload(caseId, 'triage@demo.local', { bytes: PNG, name: 'anh.png' }, { purpose: 'EVIDENCE' });
    expect(evidence.status).toBe(201);
    const ids = { petition: petition.body.id, evidence: evidence.body.id };
    // Without need-to-know: an unrelated agency, the agency that returned it, NNMT (re-routed away), the admin (RESTRICTED case).
    for (const email of ['gddt@demo.local', 'yt@demo.local', 'nnmt@demo.local', 'admin@demo.local']) {
      const token = await d.as(email);
      expect({ email, status: (await h.api.get(`/api/v1/cases/${caseId}/attachments`, { token })).status }).toEqual({ email, status: 404 });
      for (const id of Object.values(ids)) {
        expect({ email, status: (await h.api.get(`/api/v1/attachments/${id}`, { token })).status }).toEqual({ email, status: 404 });
        expect({ email, status: (await download(id, email)).res.status }).toEqual({ email, status: 404 });
      }
    }
    // UBND still holds work on it: it sees the evidence, not the citizen's petition.
    const ubnd = await h.api.get(`/api/v1/cases/${caseId}/attachments`, { token: await d.as('ubnd@demo.local') });
    expect(ubnd.body.items.map((a: any) => a.id)).toEqual([ids.evidence]);
    expect((await d.caseAs('ubnd@demo.local', caseId)).body.attachments.map((a: any) => a.id)).toEqual([ids.evidence]);
    expect((await download(ids.petition, 'ubnd@demo.local')).res.status).toBe(404);
    expect((await download(ids.evidence, 'ubnd@demo.local')).res.status).toBe(200);
    // The standing body, the leader and the officer who logged the concern read both.
    for (const email of ['triage@demo.local', 'leader@demo.local', 'officer@demo.local']) {
      expect((await h.api.get(`/api/v1/cases/${caseId}/attachments`, { token: await d.as(email) })).body.items).toHaveLength(2);
    }
    expect((await download(ids.petition, 'triage@demo.local')).res.status).toBe(200);
    // Ids that are not UUIDs, and unknown ones, answer like a hidden one.
    expect((await h.api.get(`/api/v1/attachments/not-a-uuid/content`, { token: await d.as('triage@demo.local') })).status).toBe(404);
    expect((await download('00000000-0000-4000-8000-000000000000', 'triage@demo.local')).res.status).toBe(404);

    // Each download is in the access log (a petition is reporter data too); refused ones are not.
    const log = await h.api.get(`/api/v1/admin/access-log?caseId=${caseId}&limit=100`, { token: await d.as('admin@demo.local') });
    const reads = log.body.items.filter((e: any) => e.action === 'ATTACHMENT_READ').map((e: any) => e.userEmail);
    expect(reads.sort()).toEqual(['triage@demo.local', 'ubnd@demo.local']);
    expect(log.body.items.filter((e: any) => e.action === 'REPORTER_READ' && e.userEmail === 'triage@demo.local').length).toBeGreaterThanOrEqual(1);
  });

  it('a merge carries the merged case’s attachments to the survivor, under its need-to-know', async () => {
    const source = await d.newCase();
    const survivor = await routedCase({ title: 'Ô nhiễm nguồn nước kênh N2' });
    const a = await caseUpload(source, 'triage@demo.local', { bytes: PNG, name: 'anh.png' }, { purpose: 'EVIDENCE' });
    expect(a.status).toBe(201);
    // Before the merge UBND (on the survivor only) cannot read it.
    expect((await download(a.body.id, 'ubnd@demo.local')).res.status).toBe(404);
    expect((await d.desk(source, 'merge', { intoCaseId: survivor })).status).toBe(200);
    const list = await h.api.get(`/api/v1/cases/${survivor}/attachments`, { token: await d.as('ubnd@demo.local') });
    expect(list.body.items.map((x: any) => [x.id, x.caseId])).toEqual([[a.body.id, survivor]]);
    expect((await download(a.body.id, 'ubnd@demo.local')).bytes.equals(PNG)).toBe(true);
    expect((await h.api.get(`/api/v1/cases/${source}/attachments`, { token: await d.as('triage@demo.local') })).body.items).toEqual([]);
    // A merged (final) case takes no more.
    const late = await caseUpload(source, 'triage@demo.local', { bytes: JPEG, name: 'muon.jpg' }, { purpose: 'EVIDENCE' });
    expect(late).toMatchObject({ status: 409, body: { code: 'CASE_NOT_OPEN' } });
  });

  it('a resolution (RESOLVED, PARTIALLY_RESOLVED) needs its signed answer document; without a usable one nothing is written', async () => {
    const caseId = await routedCase({}, { supportingAgencies: [] });
    const ubnd = await d.assignment('ubnd@demo.local', caseId);
    expect((await d.agency('ubnd@demo.local', ubnd, 'acknowledge')).status).toBe(200);
    const eventsBefore = await count(h, `case_event WHERE case_id = '${caseId}'`);
    const unchanged = async () => {
      const [a] = await h.sql(`SELECT status, outcome, document_ref FROM assignment WHERE id = $1`, [ubnd]);
      expect(a).toEqual({ status: 'ACKNOWLEDGED', outcome: null, document_ref: null });
      expect(await count(h, `case_event WHERE case_id = '${caseId}'`)).toBe(eventsBefore);
    };

    for (const outcome of ['RESOLVED', 'PARTIALLY_RESOLVED']) {
      const res = await d.agency('ubnd@demo.local', ubnd, 'resolve', { ...RESOLUTION, outcome });
      expect(res).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: [{ field: 'documentRef.attachmentId' }] } });
      await unchanged();
    }
    // Not usable: evidence rather than the answer, the standing body's file, a spreadsheet, another case's document.
    const evidence = await caseUpload(caseId, 'ubnd@demo.local', { bytes: minimalPdf('Bang chung'), name: 'bc.pdf' }, { purpose: 'EVIDENCE' });
    const desk = await caseUpload(caseId, 'triage@demo.local', { bytes: minimalPdf('Cua ban'), name: 'ban.pdf' }, { purpose: 'OTHER' });
    const sheet = await caseUpload(caseId, 'ubnd@demo.local', { bytes: await xlsx(), name: 'bang.xlsx' }, { purpose: 'ANSWER_DOCUMENT' });
    const other = await routedCase({ title: 'Vụ việc khác về đường giao thông' }, { supportingAgencies: [] });
    const elsewhere = await caseUpload(other, 'ubnd@demo.local', { bytes: minimalPdf('Vu khac'), name: 'khac.pdf' }, { purpose: 'ANSWER_DOCUMENT' });
    for (const att of [evidence, desk, sheet, elsewhere]) {
      expect(att.status).toBe(201);
      const res = await d.agency('ubnd@demo.local', ubnd, 'resolve', { ...RESOLUTION, documentRef: { ...RESOLUTION.documentRef, attachmentId: att.body.id } });
      expect(res).toMatchObject({ status: 422, body: { code: 'ATTACHMENT_NOT_USABLE', errors: [{ field: 'documentRef.attachmentId' }] } });
      await unchanged();
    }
    // An agency attaches only to its own open work.
    expect((await caseUpload(caseId, 'gddt@demo.local', { bytes: PNG, name: 'a.png' }, { purpose: 'EVIDENCE' })).status).toBe(404);
    expect(
      (await caseUpload(caseId, 'ubnd@demo.local', { bytes: PNG, name: 'a.png' }, { purpose: 'ANSWER_DOCUMENT', assignmentId: elsewhere.body.assignmentId }))
        .status,
    ).toBe(404);

    // With its signed document (and a progress report's file linked on the way) it resolves.
    const note = await caseUpload(caseId, 'ubnd@demo.local', { bytes: PNG, name: 'tien-do.png' }, { purpose: 'PROGRESS' });
    const progress = await d.agency('ubnd@demo.local', ubnd, 'progress', { note: 'Đã họp dân', attachmentIds: [note.body.id] });
    expect(progress.status).toBe(200);
    const body = await d.resolution('ubnd@demo.local', caseId, ubnd);
    const resolved = await d.agency('ubnd@demo.local', ubnd, 'resolve', { ...body, attachmentIds: [evidence.body.id] });
    expect(resolved).toMatchObject({ status: 200, body: { caseStatus: 'RESOLVED' } });
    const page = await d.caseAs('triage@demo.local', caseId);
    expect(page.body.assignments[0].documentRef).toEqual({ ...RESOLUTION.documentRef, attachmentId: body.documentRef.attachmentId });
    const byType = (t: string) => page.body.events.find((e: any) => e.type === t);
    const linked = Object.fromEntries(page.body.attachments.map((a: any) => [a.id, a.eventId]));
    expect(linked[note.body.id]).toBe(String(byType('PROGRESS_REPORTED').id));
    expect(linked[body.documentRef.attachmentId]).toBe(String(byType('ASSIGNMENT_RESOLVED').id));
    expect(linked[evidence.body.id]).toBe(String(byType('ASSIGNMENT_RESOLVED').id));
    expect(byType('ASSIGNMENT_RESOLVED').payload).toMatchObject({
      attachmentIds: [evidence.body.id],
      documentRef: { attachmentId: body.documentRef.attachmentId },
    });

    // The standing body closes with its decision attached; an attachment already used cannot be used again.
    const decision = await caseUpload(caseId, 'triage@demo.local', { bytes: minimalPdf('Ket luan'), name: 'ket-luan.pdf' }, { purpose: 'DECISION' });
    const reused = await d.desk(caseId, 'close', { note: 'Đạt', attachmentIds: [decision.body.id, note.body.id] });
    expect(reused).toMatchObject({ status: 422, body: { code: 'ATTACHMENT_NOT_USABLE', errors: [{ field: 'attachmentIds[1]' }] } });
    expect(await d.status(caseId)).toBe('RESOLVED');
    expect((await d.desk(caseId, 'close', { note: 'Đạt', attachmentIds: [decision.body.id] })).status).toBe(200);
    // A closed case takes no more attachments.
    expect(await caseUpload(caseId, 'triage@demo.local', { bytes: JPEG, name: 'sau.jpg' }, { purpose: 'OTHER' })).toMatchObject({
      status: 409,
      body: { code: 'CASE_NOT_OPEN' },
    });

    // The other outcomes keep the reference alone; a leader's directive carries its decision.
    const directive = await caseUpload(other, 'leader@demo.local', { bytes: minimalPdf('Chi dao'), name: 'chi-dao.pdf' }, { purpose: 'DECISION' });
    const issued = await h.api.post(
      `/api/v1/cases/${other}/directives`,
      { text: 'Đề nghị giải quyết dứt điểm', attachmentIds: [directive.body.id] },
      { token: await d.as('leader@demo.local') },
    );
    expect(issued.status).toBe(201);
    const otherAssignment = await d.assignment('ubnd@demo.local', other);
    await d.agency('ubnd@demo.local', otherAssignment, 'acknowledge');
    expect((await d.agency('ubnd@demo.local', otherAssignment, 'resolve', { ...RESOLUTION, outcome: 'NOT_RESOLVABLE' })).status).toBe(200);
  });

  it('bounds attachments per case by number and total size; the same bytes are stored once', async () => {
    const caseId = await d.newCase();
    for (let i = 0; i < MAX_PER_CASE; i++) {
      expect((await caseUpload(caseId, 'triage@demo.local', { bytes: PNG, name: `anh-${i}.png` }, { purpose: 'EVIDENCE' })).status).toBe(201);
    }
    expect((await stored()).filter((s) => !s.includes('.incoming'))).toHaveLength(1);
    const before = await stored();
    const over = await caseUpload(caseId, 'triage@demo.local', { bytes: JPEG, name: 'them.jpg' }, { purpose: 'EVIDENCE' });
    expect(over).toMatchObject({ status: 409, body: { code: 'TOO_MANY_ATTACHMENTS' } });
    expect(await count(h, 'attachment')).toBe(MAX_PER_CASE);
    expect(await stored()).toEqual(before);

    const other = await d.newCase({ title: 'Chợ tạm lấn chiếm lòng đường' });
    const big = () => Buffer.concat([JPEG, randomBytes(MAX_BYTES - 1024 - JPEG.length)]);
    for (let i = 0; i < 3; i++)
      expect((await caseUpload(other, 'triage@demo.local', { bytes: big(), name: `lon-${i}.jpg` }, { purpose: 'EVIDENCE' })).status).toBe(201);
    const full = await stored();
    expect(await caseUpload(other, 'triage@demo.local', { bytes: big(), name: 'tran.jpg' }, { purpose: 'EVIDENCE' })).toMatchObject({
      status: 413,
      body: { code: 'CASE_ATTACHMENTS_TOO_LARGE' },
    });
    expect(await stored()).toEqual(full);
  });

  it('finds a case by words of its DOCX or PDF, without diacritics, among the cases the caller sees; a petition’s words not for agencies', async () => {
    const land = await routedCase({ title: 'Tranh chấp đất đai', description: 'Hai hộ tranh chấp.' }, { supportingAgencies: [] });
    const canal = await routedCase({ title: 'Kiến nghị về thủy lợi', description: 'Nông dân kiến nghị.' }, { supportingAgencies: [], leadAgency: 'NNMT' });
    const a = await caseUpload(
      land,
      'triage@demo.local',
      { bytes: await docx('Biên bản hòa giải ranh giới thửa đất thôn Đông Xuân'), name: 'bien-ban.docx' },
      { purpose: 'EVIDENCE' },
    );
    const b = await caseUpload(
      canal,
      'nnmt@demo.local',
      { bytes: await vietnamesePdf(['Công văn về việc nạo vét kênh mương nội đồng, tưới ruộng']), name: 'cv.pdf' },
      { purpose: 'PROGRESS' },
    );
    const [concern] = await h.sql(`SELECT id FROM concern WHERE case_id = $1`, [land]);
    const c = await upload(h.api, `/api/v1/concerns/${concern.id}/attachments`, await d.as('officer@demo.local'), {
      bytes: await docx('Đơn của bà Lường Thị Kxpetitionq'),
      name: 'don.docx',
    });
    for (const id of [a.body.id, b.body.id, c.body.id]) {
      await waitFor(
        async () => (await h.api.get(`/api/v1/attachments/${id}`, { token: await d.as('triage@demo.local') })).body.textState === 'DONE',
        `text of ${id} extracted`,
        worker,
      );
    }
    const search = async (email: string, q: string) =>
      (await h.api.get(`/api/v1/cases?q=${encodeURIComponent(q)}`, { token: await d.as(email) })).body.items.map((i: any) => i.id);
    expect(await search('triage@demo.local', 'hoa giai ranh gioi')).toEqual([land]);
    expect(await search('triage@demo.local', 'Hòa Giải')).toEqual([land]);
    expect(await search('triage@demo.local', 'nao vet kenh muong')).toEqual([canal]);
    // A word of the case's own text and one of its document together.
    expect(await search('triage@demo.local', 'thuy loi kenh')).toEqual([canal]);
    // The case list's rule still decides which cases come back: UBND holds the land case only.
    expect(await search('ubnd@demo.local', 'nao vet')).toEqual([]);
    expect(await search('nnmt@demo.local', 'nao vet')).toEqual([canal]);
    // The petition's words find the case for the standing body, not for the agency.
    expect(await search('triage@demo.local', 'kxpetitionq')).toEqual([land]);
    expect(await search('ubnd@demo.local', 'kxpetitionq')).toEqual([]);
    // A word in a thousand attachments or more is checked case by case rather than listed: the same answers.
    const filler = await d.newCase({ title: 'Hồ sơ lưu trữ', description: 'Nhiều văn bản.' });
    await h.sql(
      `INSERT INTO attachment (case_id, purpose, filename, media_type, size_bytes, sha256, storage_key, uploaded_by, text_state, text_content, text_folded)
       SELECT $1, 'OTHER', 'luu-tru.pdf', 'application/pdf', 1, md5(g::text) || md5(g::text), 'xx/luu-tru', (SELECT id FROM app_user WHERE email = 'triage@demo.local'),
              'DONE', 'ruộng', 'ruong' FROM generate_series(1, 1000) g`,
      [filler],
    );
    expect(await search('triage@demo.local', 'ruong')).toEqual([filler, canal]);
    expect(await search('nnmt@demo.local', 'ruong kenh')).toEqual([canal]);
    expect(await search('ubnd@demo.local', 'ruong')).toEqual([]);
    const [row] = await h.sql(`SELECT text_content, text_folded FROM attachment WHERE id = $1`, [a.body.id]);
    expect(row.text_content).toContain('Biên bản hòa giải');
    expect(row.text_folded).toContain('bien ban hoa giai');
  });

  it('extracts again the text of a row left PENDING with no job on its way (the reconciler)', async () => {
    const caseId = await d.newCase();
    const a = await caseUpload(
      caseId,
      'triage@demo.local',
      { bytes: await docx('Tờ trình phương án tái định cư'), name: 'to-trinh.docx' },
      { purpose: 'EVIDENCE' },
    );
    const state = async () => (await h.sql(`SELECT text_state FROM attachment WHERE id = $1`, [a.body.id]))[0].text_state;
    await waitFor(async () => (await state()) === 'DONE', 'text extracted', worker);
    // As after a restore: the row waits for its text, and neither the outbox nor Redis knows.
    await h.sql(`UPDATE attachment SET text_state = 'PENDING', text_content = NULL, text_folded = NULL WHERE id = $1`, [a.body.id]);
    await h.redis.flushdb();
    await waitFor(async () => (await state()) === 'DONE', 'text extracted again', worker);
    const jobs = await h.sql(`SELECT job_id FROM outbox_message WHERE job_name = 'attachment-text' ORDER BY id`);
    expect(jobs.map((j) => j.job_id)).toEqual([`attachment-text.${a.body.id}`, expect.stringMatching(new RegExp(`^attachment-text\\.${a.body.id}\\.s\\d+$`))]);
    expect((await h.api.get(`/api/v1/cases?q=tai dinh cu`, { token: await d.as('triage@demo.local') })).body.items.map((i: any) => i.id)).toEqual([caseId]);
  });
});

async function plainZip(): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  zip.file('readme.txt', 'xin chào');
  return zip.generateAsync({ type: 'nodebuffer' });
}
