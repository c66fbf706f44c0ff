import { concern, count, type Harness, startHarness } from './helpers/harness.js';

describe('concern intake (POST /api/v1/concerns)', () => {
  let h: Harness;
  let officer: string;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.reset();
    officer = await h.api.login('officer@demo.local');
  });

  it('logs a concern: 201 with its id and a NEW case holding it and a CREATED event', async () => {
    const res = await h.api.post('/api/v1/concerns', concern({ occurredAt: '2026-11-01T08:00:00+07:00' }), { token: officer });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      caseId: expect.any(String),
      caseCode: expect.stringMatching(/^VV-\d{4}-000001$/),
      status: 'NEW',
      receivedAt: expect.any(String),
    });

    const triage = await h.api.login('triage@demo.local');
    const c = await h.api.get(`/api/v1/cases/${res.body.caseId}`, { token: triage });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({
      status: 'NEW',
      statusLabel: { vi: 'Mới tiếp nhận', en: 'New' },
      title: concern().title,
      concernCount: 1,
      peopleAffected: 35,
      sensitivity: 'PUBLIC',
      category: { code: 'LAND' },
      area: { code: 'X02' },
    });
    expect(c.body.concerns).toHaveLength(1);
    expect(c.body.concerns[0]).toMatchObject({
      id: res.body.id,
      channel: 'PETITION',
      reporter: { name: 'Nguyễn Thị Hoa', phone: '0912345678', email: 'hoa@example.vn' },
    });
    expect(new Date(c.body.concerns[0].occurredAt).toISOString()).toBe('2026-11-01T01:00:00.000Z');
    expect(c.body.events).toEqual([
      expect.objectContaining({
        type: 'CREATED',
        fromStatus: null,
        toStatus: 'NEW',
        actorRole: 'officer',
        payload: { concernId: res.body.id, channel: 'PETITION' },
      }),
    ]);
  });

  it('concerns arriving together are committed together, each answered with its own case', async () => {
    const titles = Array.from({ length: 40 }, (_, i) => `Phản ánh đồng thời số ${i}`);
    const answers = await Promise.all(titles.map((title) => h.api.post('/api/v1/concerns', concern({ title }), { token: officer })));
    expect(answers.map((a) => a.status)).toEqual(titles.map(() => 201));
    expect(new Set(answers.map((a) => a.body.caseCode)).size).toBe(40);
    const rows = await h.sql(`SELECT c.id, c.title, k.id AS concern_id FROM cases c JOIN concern k ON k.case_id = c.id`);
    const byCase = new Map(rows.map((r) => [r.id, r]));
    answers.forEach((a, i) => {
      expect(byCase.get(a.body.caseId)).toMatchObject({ title: titles[i], concern_id: a.body.id });
    });
    expect(await count(h, 'case_event')).toBe(40);
  });

  it('keeps every digit of the case code past the millionth case', async () => {
    await h.sql(`SELECT setval('case_code_seq', 999999, false)`);
    const codes: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await h.api.post('/api/v1/concerns', concern({ occurredAt: '2026-11-01T08:00:00+07:00' }), { token: officer });
      expect(res.status).toBe(201);
      codes.push((await h.sql(`SELECT code FROM cases WHERE id = $1`, [res.body.caseId]))[0].code);
    }
    expect(codes.map((c) => c.replace(/^VV-\d{4}-/, ''))).toEqual(['999999', '1000000']);
  });

  it('opens a RESTRICTED case when the suggested category is sensitive', async () => {
    const res = await h.api.post('/api/v1/concerns', concern({ categoryCode: 'RELIGION' }), { token: officer });
    expect(res.status).toBe(201);
    const [row] = await h.sql(`SELECT sensitivity FROM cases WHERE id = $1`, [res.body.caseId]);
    expect(row.sensitivity).toBe('RESTRICTED');
  });

  describe('Idempotency-Key', () => {
    it('returns the first answer to a re-sent form and writes nothing new', async () => {
      const headers = { 'idempotency-key': 'form-7f3a' };
      const first = await h.api.post('/api/v1/concerns', concern(), { token: officer, headers });
      const second = await h.api.post('/api/v1/concerns', concern(), { token: officer, headers });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(await count(h, 'concern')).toBe(1);
      expect(await count(h, 'cases')).toBe(1);
      expect(await count(h, 'case_event')).toBe(1);
    });

    it('writes once when the same key arrives concurrently', async () => {
      const headers = { 'idempotency-key': 'double-click' };
      const results = await Promise.all(Array.from({ length: 5 }, () => h.api.post('/api/v1/concerns', concern(), { token: officer, headers })));
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(await count(h, 'concern')).toBe(1);
    });

    it('refuses the same key with a different request (422) and writes nothing', async () => {
      const headers = { 'idempotency-key': 'reused' };
      await h.api.post('/api/v1/concerns', concern(), { token: officer, headers });
      const res = await h.api.post('/api/v1/concerns', concern({ title: 'Một phản ánh khác hẳn' }), { token: officer, headers });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await count(h, 'concern')).toBe(1);
    });

    it('keys are per user: another officer with the same key gets a concern of their own', async () => {
      const headers = { 'idempotency-key': 'shared-key' };
      const triage = await h.api.login('triage@demo.local');
      const a = await h.api.post('/api/v1/concerns', concern(), { token: officer, headers });
      const b = await h.api.post('/api/v1/concerns', concern(), { token: triage, headers });
      expect(b.body.id).not.toBe(a.body.id);
      expect(await count(h, 'concern')).toBe(2);
    });

    it('rejects a malformed key', async () => {
      const res = await h.api.post('/api/v1/concerns', concern(), { token: officer, headers: { 'idempotency-key': 'has spaces/and*stars' } });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
      expect(await count(h, 'concern')).toBe(0);
    });
  });

  describe('bad input: 400 problem+json naming each field, nothing written', () => {
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
      ['unknown field', { ...concern(), secretField: 1 }, ['secretField']],
      ['bad channel', concern({ channel: 'CARRIER_PIGEON' }), ['channel']],
      ['wrong types', concern({ title: 42, peopleAffected: 'many' }), ['title', 'peopleAffected']],
      ['title too long', concern({ title: 'x'.repeat(301) }), ['title']],
      ['description too long', concern({ description: 'x'.repeat(10_001) }), ['description']],
      ['negative people affected', concern({ peopleAffected: -1 }), ['peopleAffected']],
      ['bad reporter e-mail', concern({ reporter: { name: 'A', email: 'not-an-email' } }), ['reporter.email']],
      ['unknown field inside reporter', concern({ reporter: { name: 'A', address: 'x' } }), ['reporter.address']],
      ['bad date', concern({ occurredAt: '31/12/2026' }), ['occurredAt']],
      ['unknown area code', concern({ areaCode: 'X99' }), ['areaCode']],
      ['unknown category code', concern({ categoryCode: 'ALIENS' }), ['categoryCode']],
      ['missing fields', { channel: 'PRESS' }, ['areaCode', 'title', 'description']],
    ];

    it.each(cases)('%s', async (_name, body, fields) => {
      const res = await h.api.post('/api/v1/concerns', body, { token: officer });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      const named = new Set(res.body.errors.map((e: { field: string }) => e.field));
      for (const f of fields) expect(named).toContain(f);
      expect(await count(h, 'concern')).toBe(0);
      expect(await count(h, 'cases')).toBe(0);
    });

    it('malformed JSON', async () => {
      const res = await h.api.post('/api/v1/concerns', undefined, { token: officer, raw: '{"title": ' });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await count(h, 'concern')).toBe(0);
    });

    it('a body over the size limit: 413', async () => {
      const res = await h.api.postOversized('/api/v1/concerns', 9 * 1024 * 1024, officer);
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await count(h, 'concern')).toBe(0);
    });
  });

  describe('batch (POST /api/v1/concerns/batch)', () => {
    it('logs every concern of a voter meeting, each its own NEW case', async () => {
      const items = Array.from({ length: 3 }, (_, i) => concern({ channel: 'VOTER_MEETING', title: `Ý kiến cử tri số ${i + 1}` }));
      const res = await h.api.post('/api/v1/concerns/batch', { concerns: items }, { token: officer });
      expect(res.status).toBe(201);
      expect(res.body.count).toBe(3);
      expect(new Set(res.body.items.map((x: { caseId: string }) => x.caseId)).size).toBe(3);
      expect(await count(h, 'concern')).toBe(3);
      expect(await count(h, 'case_event')).toBe(3);
    });

    it('is all-or-nothing and names every bad item by index', async () => {
      const items = [concern(), concern({ areaCode: 'NOWHERE' }), concern(), concern({ channel: 'FAX' })];
      const res = await h.api.post('/api/v1/concerns/batch', { concerns: items }, { token: officer });
      expect(res.status).toBe(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toContain('concerns[3].channel');
      expect(await count(h, 'concern')).toBe(0);

      // Once the shape is right, unknown codes are reported per item too, and still nothing is written.
      const res2 = await h.api.post(
        '/api/v1/concerns/batch',
        { concerns: [concern(), concern({ areaCode: 'NOWHERE' }), concern({ categoryCode: 'NOPE' })] },
        { token: officer },
      );
      expect(res2.status).toBe(400);
      // Each message names the field and the concern in the reader's language (Vietnamese by default).
      expect(res2.body).toMatchObject({ code: 'VALIDATION_FAILED', detail: 'Một số thông tin chưa hợp lệ.' });
      expect(res2.body.errors).toEqual([
        { field: 'concerns[1].areaCode', message: 'Địa bàn (phản ánh thứ 2): không có mã NOWHERE (hoặc đã ngừng dùng)' },
        { field: 'concerns[2].categoryCode', message: 'Lĩnh vực (phản ánh thứ 3): không có mã NOPE (hoặc đã ngừng dùng)' },
      ]);
      expect(await count(h, 'concern')).toBe(0);
      expect(await count(h, 'cases')).toBe(0);
    });

    it('accepts 500 and refuses 501 concerns', async () => {
      const ok = await h.api.post('/api/v1/concerns/batch', { concerns: Array.from({ length: 500 }, () => concern()) }, { token: officer });
      expect(ok.status).toBe(201);
      expect(await count(h, 'concern')).toBe(500);
      const tooMany = await h.api.post('/api/v1/concerns/batch', { concerns: Array.from({ length: 501 }, () => concern()) }, { token: officer });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'concerns', message: expect.stringMatching(/500/) })]));
      expect(await count(h, 'concern')).toBe(500);
    });

    it('refuses an empty batch', async () => {
      const res = await h.api.post('/api/v1/concerns/batch', { concerns: [] }, { token: officer });
      expect(res.status).toBe(400);
    });

    it('replays a re-sent batch with the same Idempotency-Key', async () => {
      const headers = { 'idempotency-key': 'survey-2026-q4' };
      const body = { concerns: [concern(), concern({ channel: 'SURVEY' })] };
      const first = await h.api.post('/api/v1/concerns/batch', body, { token: officer, headers });
      const again = await h.api.post('/api/v1/concerns/batch', body, { token: officer, headers });
      expect(again.body).toEqual(first.body);
      expect(await count(h, 'concern')).toBe(2);
    });
  });
});
