import { type Harness, startHarness } from './helpers/harness.js';

describe('organisation: pickers and administration', () => {
  let h: Harness;
  let admin: string;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.sql(`DELETE FROM org_unit WHERE code LIKE 'T-%'`);
    await h.sql(`DELETE FROM category WHERE code LIKE 'T_%'`);
    await h.sql(`DELETE FROM area WHERE code LIKE 'TX%'`);
    await h.close();
  });
  beforeEach(async () => {
    await h.reset();
    admin = await h.api.login('admin@demo.local');
  });

  it('lists areas, categories and org units for pickers, with Vietnamese and English names', async () => {
    const officer = await h.api.login('officer@demo.local');
    const areas = await h.api.get('/api/v1/areas?level=COMMUNE', { token: officer });
    expect(areas.status).toBe(200);
    expect(areas.body.length).toBeGreaterThanOrEqual(6);
    expect(areas.body[0]).toMatchObject({ code: 'X01', parentCode: 'T01', level: 'COMMUNE', nameVi: expect.any(String), nameEn: expect.any(String) });
    const categories = await h.api.get('/api/v1/categories', { token: officer });
    expect(categories.body.find((c: { code: string }) => c.code === 'RELIGION')).toMatchObject({
      sensitive: true,
      labelVi: expect.stringMatching(/[Tt]ôn giáo/),
    });
    const units = await h.api.get('/api/v1/org-units?kind=DEPARTMENT', { token: officer });
    expect(units.body.map((u: { code: string }) => u.code).sort()).toEqual(['DTTG', 'GDDT', 'NNMT', 'NV', 'XD', 'YT']);
    expect(units.body.every((u: { parentCode: string }) => u.parentCode === 'UBND')).toBe(true);
  });

  it('an admin creates and updates an org unit, each change audited; the unit is usable at once', async () => {
    const created = await h.api.post(
      '/api/v1/admin/org-units',
      {
        code: 'T-X09-UBND',
        parentCode: 'UBND',
        kind: 'PEOPLES_COMMITTEE',
        level: 'COMMUNE',
        nameVi: 'UBND xã Thử Nghiệm',
        nameEn: 'Test Commune PC',
        emails: ['VanThu@Demo.Local'],
      },
      { token: admin },
    );
    expect(created.status).toBe(201);
    expect(created.body.emails).toEqual(['vanthu@demo.local']);
    const updated = await h.api.patch(
      '/api/v1/admin/org-units/T-X09-UBND',
      { nameEn: 'Test Commune People’s Committee', active: false, headEmails: ['ChuTich@Demo.Local'] },
      { token: admin },
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ nameEn: 'Test Commune People’s Committee', active: false, headEmails: ['chutich@demo.local'] });
    const audit = await h.sql(`SELECT action, changes FROM audit_log WHERE entity_id = $1 ORDER BY id`, [created.body.id]);
    expect(audit.map((a) => a.action)).toEqual(['ORG_UNIT_CREATED', 'ORG_UNIT_UPDATED']);
    expect(audit[1].changes.before.nameEn).toBe('Test Commune PC');
  });

  it('refuses bad org unit changes with clear errors and writes nothing', async () => {
    const before = await h.sql(`SELECT count(*)::int AS n FROM org_unit`);
    const dup = await h.api.post(
      '/api/v1/admin/org-units',
      { code: 'UBND', kind: 'PEOPLES_COMMITTEE', level: 'PROVINCE', nameVi: 'x', nameEn: 'x' },
      { token: admin },
    );
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('CODE_TAKEN');
    const badParent = await h.api.post(
      '/api/v1/admin/org-units',
      { code: 'T-ORPHAN', parentCode: 'NOPE', kind: 'OTHER', level: 'COMMUNE', nameVi: 'x', nameEn: 'x' },
      { token: admin },
    );
    expect(badParent.status).toBe(400);
    expect(badParent.body.errors).toEqual([{ field: 'parentCode', message: 'Đơn vị cấp trên: không có mã NOPE (hoặc đã ngừng dùng)' }]);
    const badKind = await h.api.post(
      '/api/v1/admin/org-units',
      { code: 't lower', kind: 'CHURCH', level: 'CITY', nameVi: '', nameEn: 'x', emails: ['nope'] },
      { token: admin },
    );
    expect(badKind.status).toBe(400);
    expect(badKind.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['code', 'emails', 'kind', 'level', 'nameVi']);
    const cycle = await h.api.patch('/api/v1/admin/org-units/UBND', { parentCode: 'NNMT' }, { token: admin });
    expect(cycle.status).toBe(400);
    expect((await h.api.patch('/api/v1/admin/org-units/NOPE', { nameVi: 'x' }, { token: admin })).status).toBe(404);
    expect(await h.sql(`SELECT count(*)::int AS n FROM org_unit`)).toEqual(before);
    expect(await h.sql(`SELECT * FROM audit_log`)).toEqual([]);
  });

  it('a category created by an admin is accepted by intake straight away', async () => {
    const res = await h.api.post('/api/v1/admin/categories', { code: 'T_DROUGHT', labelVi: 'Hạn hán', labelEn: 'Drought' }, { token: admin });
    expect(res.status).toBe(201);
    const area = await h.api.post(
      '/api/v1/admin/areas',
      { code: 'TX10', parentCode: 'T01', level: 'COMMUNE', nameVi: 'Xã Thử', nameEn: 'Test Commune' },
      { token: admin },
    );
    expect(area.status).toBe(201);
    const officer = await h.api.login('officer@demo.local');
    const logged = await h.api.post(
      '/api/v1/concerns',
      { channel: 'FIELD', areaCode: 'TX10', categoryCode: 'T_DROUGHT', title: 'Thiếu nước tưới lúa vụ đông', description: 'Hồ chứa cạn.' },
      { token: officer },
    );
    expect(logged.status).toBe(201);
    await h.reset();
  });
});
