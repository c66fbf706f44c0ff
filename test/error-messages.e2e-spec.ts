import { ERROR_MESSAGES } from '../src/infrastructure/http/error-messages.js';
import { concern, count, type Harness, startHarness } from './helpers/harness.js';
import { Desk } from './helpers/workflow.js';

/**
 * The API's messages for people: each refusal's `detail` in the language the request asks for
 * (Accept-Language, Vietnamese by default), fields named by their label, codes and extra fields
 * the same in both; and an agency's stale action (If-Match with an old version) refused with 412.
 */
describe('error messages in the reader’s language', () => {
  let h: Harness;
  let d: Desk;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.reset();
    d = new Desk(h);
  });

  /** A case routed to UBND (lead), acknowledged and resolved by it: any further progress report is refused. */
  async function answeredCase() {
    const caseId = await d.newCase();
    await d.triage(caseId, { supportingAgencies: [] });
    const id = await d.assignment('ubnd@demo.local', caseId);
    await d.agency('ubnd@demo.local', id, 'acknowledge');
    const resolved = await d.agency('ubnd@demo.local', id, 'resolve', await d.resolution('ubnd@demo.local', caseId, id));
    expect(resolved.status).toBe(200);
    return { caseId, id };
  }

  it('every code has a Vietnamese and an English message', () => {
    for (const [code, m] of Object.entries(ERROR_MESSAGES) as Array<[string, { vi: string; en: string }]>) {
      expect({ code, vi: m.vi.length > 0, en: m.en.length > 0, differ: m.vi !== m.en }).toEqual({ code, vi: true, en: true, differ: true });
    }
  });

  it('the same refusal reads in English with Accept-Language en and in Vietnamese otherwise, code and extra unchanged', async () => {
    const { id } = await answeredCase();
    const token = await d.as('ubnd@demo.local');
    const send = (headers: Record<string, string>) => h.api.post(`/api/v1/assignments/${id}/progress`, { note: 'Thêm tiến độ' }, { token, headers });

    const vi = await send({});
    const viExplicit = await send({ 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.5' });
    const en = await send({ 'accept-language': 'en-US,en;q=0.9' });
    for (const res of [vi, viExplicit, en]) {
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', action: 'PROGRESS_REPORTED', assignmentStatus: 'RESOLVED' });
    }
    expect(vi.body.detail).toBe(viExplicit.body.detail);
    expect([vi.headers.get('content-language'), en.headers.get('content-language')]).toEqual(['vi', 'en']);
    expect(vi.body.detail).toMatch(/^Không thể báo cáo tiến độ khi vụ việc đang ở trạng thái “Đã có kết quả”/);
    expect(vi.body.title).toBe('Xung đột dữ liệu');
    expect(en.body.detail).toMatch(/^You cannot report progress while the case is “Resolved” \(your unit’s work: “Resolved”\)/);
    expect(en.body.title).toBe('Conflict');
    // People read words, never the raw codes or an empty value.
    for (const detail of [vi.body.detail, en.body.detail]) expect(detail).not.toMatch(/PROGRESS_REPORTED|RESOLVED|null|undefined/);
  });

  it('a validation error names the field by its label in each language, the path kept in field', async () => {
    const token = await d.as('officer@demo.local');
    const bad = concern({ title: 'x'.repeat(400), peopleAffected: 'many' });
    const vi = await h.api.post('/api/v1/concerns', bad, { token, headers: { 'idempotency-key': 'msg-vi-1' } });
    const en = await h.api.post('/api/v1/concerns', bad, { token, headers: { 'idempotency-key': 'msg-en-1', 'accept-language': 'en' } });
    expect(vi.status).toBe(400);
    expect(en.status).toBe(400);
    expect(vi.body.code).toBe('VALIDATION_FAILED');
    expect(vi.body.detail).toBe('Một số thông tin chưa hợp lệ.');
    expect(en.body.detail).toBe('Some of the information is not valid.');
    const messages = (res: typeof vi, field: string) =>
      res.body.errors.filter((e: { field: string }) => e.field === field).map((e: { message: string }) => e.message);
    expect(messages(vi, 'title')).toContain('Tiêu đề: không được dài quá 300 ký tự');
    expect(messages(en, 'title')).toEqual(expect.arrayContaining([expect.stringMatching(/^Title: must be shorter than or equal to 300 characters/)]));
    expect(messages(vi, 'peopleAffected').join(' ')).toMatch(/^Số người liên quan: /);
    expect(messages(en, 'peopleAffected').join(' ')).toMatch(/^People affected: /);
    // Only field and message are sent.
    for (const e of [...vi.body.errors, ...en.body.errors]) expect(Object.keys(e).sort()).toEqual(['field', 'message']);
    expect(await count(h, 'concern')).toBe(0);
  });

  it('an agency action with a stale If-Match answers 412 STALE_CASE and writes nothing', async () => {
    const caseId = await d.newCase();
    await d.triage(caseId, { supportingAgencies: [] });
    const token = await d.as('ubnd@demo.local');
    const seen = await h.api.get(`/api/v1/cases/${caseId}`, { token });
    const etag = seen.headers.get('etag')!;
    expect(etag).toBe(`"${seen.body.version}"`);
    const id = await d.assignment('ubnd@demo.local', caseId);

    // With the version it saw, the agency acknowledges; the case moves on to a new version.
    const ack = await h.api.post(`/api/v1/assignments/${id}/acknowledge`, {}, { token, headers: { 'if-match': etag } });
    expect(ack.status).toBe(200);
    const events = await count(h, 'case_event');
    const outbox = await count(h, 'outbox_message');

    // A second tab still showing the old version reports progress: refused, nothing written.
    const stale = await h.api.post(`/api/v1/assignments/${id}/progress`, { note: 'Đã họp dân' }, { token, headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'STALE_CASE', currentStatus: 'ACKNOWLEDGED', currentVersion: seen.body.version + 1 });
    expect(stale.body.detail).toMatch(/^Vụ việc vừa được người khác cập nhật \(hiện ở trạng thái “Cơ quan đã nhận xử lý”\)/);
    expect(await count(h, 'case_event')).toBe(events);
    expect(await count(h, 'outbox_message')).toBe(outbox);
    const [a] = await h.sql(`SELECT status FROM assignment WHERE id = $1`, [id]);
    expect(a.status).toBe('ACKNOWLEDGED');

    // With the current version the same report goes through.
    const fresh = await h.api.get(`/api/v1/cases/${caseId}`, { token });
    const ok = await h.api.post(`/api/v1/assignments/${id}/progress`, { note: 'Đã họp dân' }, { token, headers: { 'if-match': fresh.headers.get('etag')! } });
    expect(ok.status).toBe(200);
    // A malformed If-Match is bad input, named in the reader's language.
    const malformed = await h.api.post(`/api/v1/assignments/${id}/progress`, { note: 'x' }, { token, headers: { 'if-match': 'abc', 'accept-language': 'en' } });
    expect(malformed).toMatchObject({ status: 400, body: { code: 'BAD_IF_MATCH' } });
    expect(malformed.body.detail).toMatch(/^The case version sent with the request is not valid/);
  });

  it('a route that does not exist and a refused login answer in the reader’s language', async () => {
    const missing = await h.api.get('/assets/nope.js', { headers: { 'accept-language': 'en' } });
    expect(missing).toMatchObject({ status: 404, body: { code: 'NOT_FOUND', detail: ERROR_MESSAGES.NOT_FOUND.en } });
    const login = await h.api.post('/api/v1/auth/login', { email: 'officer@demo.local', password: 'wrong-password-123' });
    expect(login).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS', detail: ERROR_MESSAGES.INVALID_CREDENTIALS.vi } });
  });
});
