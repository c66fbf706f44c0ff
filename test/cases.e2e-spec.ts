import { concern, type Harness, startHarness } from './helpers/harness.js';

describe('reading cases: search, filters, pagination and who sees what', () => {
  let h: Harness;
  let officer: string;
  let triage: string;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.reset();
    officer = await h.api.login('officer@demo.local');
    triage = await h.api.login('triage@demo.local');
  });

  async function log(overrides: Record<string, unknown>, token = officer): Promise<{ id: string; caseId: string }> {
    const res = await h.api.post('/api/v1/concerns', concern(overrides), { token });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function assign(caseId: string, unitCode: string) {
    await h.sql(`INSERT INTO assignment (case_id, org_unit_id, role) SELECT $1, id, 'LEAD' FROM org_unit WHERE code = $2`, [caseId, unitCode]);
  }

  const titles = (res: { body: { items: Array<{ title: string }> } }) => res.body.items.map((i) => i.title).sort();

  it('finds Vietnamese text typed with or without diacritics, in any word order', async () => {
    await log({ title: 'Chậm bồi thường đất dự án đường tránh', description: 'Người dân chưa nhận tiền.' });
    await log({ title: 'Ô nhiễm khói bụi nhà máy hóa chất', description: 'Mùi hắc vào ban đêm.', categoryCode: 'ENVIRONMENT' });
    await log({ title: 'Đường liên xã xuống cấp', description: 'Ổ gà, mùa mưa lầy lội.', categoryCode: 'INFRASTRUCTURE' });

    for (const q of ['boi thuong', 'BỒI THƯỜNG', 'thuong boi', 'bồi thuong']) {
      const res = await h.api.get(`/api/v1/cases?q=${encodeURIComponent(q)}`, { token: triage });
      expect(res.status).toBe(200);
      expect(titles(res)).toEqual(['Chậm bồi thường đất dự án đường tránh']);
    }
    // đ folds to d; the description is searched too.
    expect(titles(await h.api.get(`/api/v1/cases?q=${encodeURIComponent('duong lien xa')}`, { token: triage }))).toEqual(['Đường liên xã xuống cấp']);
    expect(titles(await h.api.get(`/api/v1/cases?q=${encodeURIComponent('mui hac')}`, { token: triage }))).toEqual(['Ô nhiễm khói bụi nhà máy hóa chất']);
    expect((await h.api.get(`/api/v1/cases?q=${encodeURIComponent('100%_')}`, { token: triage })).body.items).toEqual([]);
  });

  it('filters by status, category, area, priority and assigned agency', async () => {
    const land = await log({ areaCode: 'X02' });
    await log({ areaCode: 'X03', categoryCode: 'HEALTH', title: 'Trạm y tế thiếu thuốc' });
    await assign(land.caseId, 'NNMT');
    await h.sql(`UPDATE cases SET priority = 'URGENT' WHERE id = $1`, [land.caseId]);

    const get = (qs: string) => h.api.get(`/api/v1/cases?${qs}`, { token: triage });
    expect((await get('category=HEALTH')).body.items.map((i: { title: string }) => i.title)).toEqual(['Trạm y tế thiếu thuốc']);
    expect((await get('area=X02')).body.items.map((i: { id: string }) => i.id)).toEqual([land.caseId]);
    expect((await get('area=T01')).body.items).toHaveLength(2); // the province includes its communes
    expect((await get('agency=NNMT')).body.items.map((i: { id: string }) => i.id)).toEqual([land.caseId]);
    expect((await get('priority=URGENT')).body.items.map((i: { id: string }) => i.id)).toEqual([land.caseId]);
    expect((await get('status=NEW,RETURNED')).body.items).toHaveLength(2);
    expect((await get('status=CLOSED')).body.items).toHaveLength(0);

    const bad = await get('status=DONE&priority=SOON&limit=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'priority', 'status']);
    expect((await get('unknown=1')).status).toBe(400);
  });

  it('pages through every case exactly once with the cursor', async () => {
    const res = await h.api.post(
      '/api/v1/concerns/batch',
      { concerns: Array.from({ length: 25 }, (_, i) => concern({ title: `Phản ánh số ${i}` })) },
      { token: officer },
    );
    expect(res.status).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: any = await h.api.get(`/api/v1/cases?limit=10${cursor ? `&cursor=${cursor}` : ''}`, { token: triage });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect((await h.api.get('/api/v1/cases?cursor=garbage', { token: triage })).status).toBe(400);
  });

  describe('agency scoping', () => {
    it('an agency sees only cases assigned to its unit; another agency gets an empty list and 404', async () => {
      const mine = await log({ title: 'Tranh chấp ranh giới đất' });
      const other = await log({ title: 'Học sinh thiếu phòng học', categoryCode: 'EDUCATION' });
      await assign(mine.caseId, 'NNMT');
      await assign(other.caseId, 'GDDT');
      const nnmt = await h.api.login('nnmt@demo.local');
      const xd = await h.api.login('xd@demo.local');

      const list = await h.api.get('/api/v1/cases', { token: nnmt });
      expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([mine.caseId]);
      const page = await h.api.get(`/api/v1/cases/${mine.caseId}`, { token: nnmt });
      expect(page.status).toBe(200);
      expect((await h.api.get(`/api/v1/cases/${other.caseId}`, { token: nnmt })).status).toBe(404);

      expect((await h.api.get('/api/v1/cases', { token: xd })).body.items).toEqual([]);
      const hidden = await h.api.get(`/api/v1/cases/${mine.caseId}`, { token: xd });
      expect(hidden.status).toBe(404);
      expect(hidden.body.code).toBe('NOT_FOUND');
      // Filtering by another agency does not widen what an agency sees.
      expect((await h.api.get('/api/v1/cases?agency=GDDT', { token: nnmt })).body.items).toEqual([]);
    });

    it('never shows reporters’ personal data to agencies; the standing body sees it', async () => {
      const c = await log({});
      await assign(c.caseId, 'NNMT');
      const nnmt = await h.api.login('nnmt@demo.local');
      const asAgency = await h.api.get(`/api/v1/cases/${c.caseId}`, { token: nnmt });
      expect(asAgency.body.concerns[0].reporter).toBeUndefined();
      expect(JSON.stringify(asAgency.body)).not.toMatch(/0912345678|hoa@example\.vn|Nguyễn Thị Hoa/);
      const asTriage = await h.api.get(`/api/v1/cases/${c.caseId}`, { token: triage });
      expect(asTriage.body.concerns[0].reporter).toEqual({ name: 'Nguyễn Thị Hoa', phone: '0912345678', email: 'hoa@example.vn' });
    });
  });

  it('an officer follows the public and restricted cases of the concerns they logged, not others’', async () => {
    const own = await log({ title: 'Của tôi' });
    const restricted = await log({ title: 'Vấn đề tôn giáo', categoryCode: 'RELIGION' });
    const others = await log({ title: 'Của thường trực', categoryCode: 'RELIGION' }, triage);
    const list = await h.api.get('/api/v1/cases', { token: officer });
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([restricted.caseId, own.caseId]);
    expect((await h.api.get(`/api/v1/cases/${restricted.caseId}`, { token: officer })).status).toBe(200);
    expect((await h.api.get(`/api/v1/cases/${others.caseId}`, { token: officer })).status).toBe(404);
    const leader = await h.api.login('leader@demo.local');
    expect((await h.api.get(`/api/v1/cases/${restricted.caseId}`, { token: leader })).status).toBe(200);
  });

  it('answers 404 for an unknown or malformed case id', async () => {
    expect((await h.api.get('/api/v1/cases/00000000-0000-4000-8000-000000000000', { token: triage })).status).toBe(404);
    expect((await h.api.get('/api/v1/cases/not-an-id', { token: triage })).status).toBe(404);
  });
});
