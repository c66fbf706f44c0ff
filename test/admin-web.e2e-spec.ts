import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, Person } from './helpers/browser.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { Desk } from './helpers/workflow.js';

/**
 * The admin screens in headless Chromium against the real API: each record is created and edited
 * through its form (deactivated where that applies), the change is read back through the API, and
 * the record's history is checked on the screen and through GET /admin/audit-log. The queue
 * dashboard opens from the admin page with the admin's session. Screenshots: test-artifacts/screenshots/admin-*.png.
 */
describe('admin screens in a browser', () => {
  let h: Harness;
  let d: Desk;
  let browser: Browser;
  let admin: Person;
  let page: Page;
  let token: string;

  const STEP_MS = 60_000;
  // Reference data outlives h.reset(): codes of this run only, removed at the end.
  const RUN = String(Date.now()).slice(-6);
  const UNIT = `QTTEST-${RUN}`;
  const CATEGORY = `QTCAT-${RUN}`;
  const EMAIL = `qt-${RUN}@demo.local`;
  const PASSWORD = 'Song-Hong-chay-qua-Ha-Noi-42';
  const NEW_PASSWORD = 'Hoa-sen-no-tren-ho-Tay-2026';

  const editor = () => page.getByTestId('editor');
  // A label's whole text, with or without the asterisk of a required field.
  const field = (scope: Locator, name: string) => scope.getByLabel(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));
  const history = () => page.getByTestId('audit-history');
  const flash = () => page.getByTestId('flash');

  /** Clicks a form's button and waits for its notice and for the page drawn again after it (the old one gone). */
  async function save(scope: Locator, button: string, expected = /Đã (lưu|tạo)/) {
    const old = await page.locator('main > .view').elementHandle();
    await scope.getByRole('button', { name: button }).click();
    await flash().filter({ hasText: expected }).waitFor();
    await old?.waitForElementState('hidden');
    await page.locator('main > .view').waitFor();
  }

  /** The record's history through the API: its actions, newest first. */
  async function auditActions(entityType: string, entityId: string): Promise<string[]> {
    const res = await h.api.get(`/api/v1/admin/audit-log?entityType=${entityType}&entityId=${encodeURIComponent(entityId)}`, { token });
    expect(res.status).toBe(200);
    return res.body.items.map((i: { action: string }) => i.action);
  }

  /** The history on the screen (the `index`-th on the page): one entry per change, newest first. */
  async function expectHistory(expected: string[], index = 0) {
    const lists = page.getByTestId('audit-history');
    const read = async () =>
      (await lists.count()) > index
        ? lists
            .nth(index)
            .locator('li.audit-item')
            .evaluateAll((l) => l.map((li) => li.getAttribute('data-action')))
        : null;
    const until = Date.now() + 10_000;
    while (JSON.stringify(await read()) !== JSON.stringify(expected) && Date.now() < until) await page.waitForTimeout(100);
    expect(await read()).toEqual(expected);
  }

  async function accessible(name: string) {
    const result = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect({ name, violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`) }).toEqual({
      name,
      violations: [],
    });
  }

  beforeAll(async () => {
    h = await startHarness();
    await h.reset();
    d = new Desk(h);
    token = await d.as('admin@demo.local');
    browser = await launchBrowser();
    admin = await Person.open(browser, h.api.baseUrl);
    page = admin.page;
    await admin.login('admin@demo.local');
  }, STEP_MS);

  afterAll(async () => {
    await admin?.close().catch(() => undefined);
    await browser?.close();
    if (h) {
      await h.sql(`DELETE FROM app_user WHERE email = $1`, [EMAIL]);
      await h.sql(`DELETE FROM org_unit WHERE code = $1`, [UNIT]);
      await h.sql(`DELETE FROM category WHERE code = $1`, [CATEGORY]);
      await h.close();
    }
  }, STEP_MS);

  afterEach(() => {
    expect(admin.problems.filter((p) => !/status of 4\d\d/.test(p))).toEqual([]);
  });

  it(
    'the admin page lists every section and opens the queue dashboard with the admin session, no Basic prompt',
    async () => {
      await page.getByRole('link', { name: 'Quản trị', exact: true }).click();
      await page.getByRole('heading', { name: 'Quản trị hệ thống' }).waitFor();
      for (const name of [
        'Cơ quan, đơn vị',
        'Người dùng',
        'Lĩnh vực',
        'Quy tắc chuyển xử lý',
        'Chính sách thời hạn',
        'Lịch làm việc',
        'Chương trình phối hợp',
      ]) {
        await page.locator('main .link-list').getByRole('link', { name, exact: true }).waitFor();
      }
      await admin.screenshot('admin-home');
      await accessible('admin home');

      expect((await fetch(`${h.api.baseUrl}/admin/queues`)).status).toBe(401);
      const [response] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/admin/queues' && r.request().resourceType() === 'document'),
        page.getByTestId('open-queues').click(),
      ]);
      expect(response.status()).toBe(200);
      expect(response.request().headers().authorization).toBeUndefined();
      expect(await response.text()).toMatch(/<title>[^<]*<\/title>/);
      await page.waitForURL(/\/admin\/queues/);
      // bull-board's own page, its queues fetched with the cookie.
      await page.getByText('Concern Desk — hàng đợi').first().waitFor({ timeout: 15_000 });
      await admin.screenshot('admin-queues');
      // Still 401 without credentials, and the cookie is not readable by scripts (HttpOnly).
      expect((await fetch(`${h.api.baseUrl}/admin/queues`)).status).toBe(401);
      expect(await page.evaluate('document.cookie')).toBe('');
      await page.goBack();
      await page.getByRole('heading', { name: 'Quản trị hệ thống' }).waitFor();
      // bull-board's own page asks for web fonts this machine cannot reach: its errors are not ours.
      admin.problems.splice(0);
    },
    STEP_MS,
  );

  it(
    'org units: the tree; a unit created under UBND and edited (contacts, head, letterhead), its history on the screen and through the API',
    async () => {
      await admin.goto('#/admin/units');
      await page.getByRole('heading', { name: 'Cơ quan, đơn vị' }).waitFor();
      const tree = page.getByTestId('unit-tree');
      // Children sit in their parent's branch.
      await tree.locator('li[data-unit="UBND"] > ul li[data-unit="XD"]').waitFor();
      await page.getByTestId('new-record').click();
      // Our own checks first: nothing is sent.
      await editor().getByRole('button', { name: 'Tạo mới' }).click();
      await editor().locator('.form-errors').filter({ hasText: 'Mã đơn vị' }).waitFor();
      expect(await field(editor(), 'Mã đơn vị').getAttribute('aria-invalid')).toBe('true');

      await field(editor(), 'Mã đơn vị').fill(UNIT);
      await field(editor(), 'Đơn vị cấp trên').selectOption('UBND');
      await field(editor(), 'Loại cơ quan').selectOption('DEPARTMENT');
      await field(editor(), 'Cấp').selectOption('PROVINCE');
      await field(editor(), 'Tên tiếng Việt').fill('Sở Thử nghiệm');
      await field(editor(), 'Tên tiếng Anh').fill('Department of Trials');
      await field(editor(), 'Thư điện tử nhận thông báo').fill('thu-nghiem@demo.local\nvan-thu@demo.local');
      await save(editor(), 'Tạo mới');
      await tree.locator(`li[data-unit="UBND"] > ul li[data-unit="${UNIT}"]`).waitFor();

      // The API's 400 lands in the form (a symbol of lower-case letters).
      await field(editor(), 'Ký hiệu văn bản').fill('bad symbol');
      await editor().getByRole('button', { name: 'Lưu thay đổi' }).click();
      await editor().locator('.form-errors').filter({ hasText: 'Ký hiệu văn bản' }).waitFor();
      await field(editor(), 'Ký hiệu văn bản').fill('STN-VP');
      await field(editor(), 'Thư điện tử người đứng đầu').fill('giam-doc@demo.local');
      await field(editor(), 'Cơ quan chủ quản').fill('UBND TỈNH LÀO CAI');
      await field(editor(), 'Địa danh ghi ngày tháng').fill('Lào Cai');
      await save(editor(), 'Lưu thay đổi');

      const unit = (await h.api.get('/api/v1/org-units', { token })).body.find((u: { code: string }) => u.code === UNIT);
      expect(unit).toMatchObject({
        parentCode: 'UBND',
        kind: 'DEPARTMENT',
        level: 'PROVINCE',
        emails: ['thu-nghiem@demo.local', 'van-thu@demo.local'],
        headEmails: ['giam-doc@demo.local'],
        documentSymbol: 'STN-VP',
        superiorBody: 'UBND TỈNH LÀO CAI',
        documentPlace: 'Lào Cai',
      });
      await expectHistory(['ORG_UNIT_UPDATED', 'ORG_UNIT_CREATED']);
      const latest = history().locator('li.audit-item').first();
      await latest
        .getByText('Quản trị viên', { exact: false })
        .or(latest.getByText('admin@demo.local', { exact: false }))
        .first()
        .waitFor();
      await latest.getByText('documentSymbol: — → STN-VP').waitFor();
      expect(await auditActions('org_unit', unit.id)).toEqual(['ORG_UNIT_UPDATED', 'ORG_UNIT_CREATED']);
      await admin.screenshot('admin-units');
      await accessible('org unit editor');
    },
    STEP_MS,
  );

  it(
    'users: created, edited, deactivated and reactivated, password reset by the admin; each change in its history',
    async () => {
      await admin.goto('#/admin/users?new=1');
      await field(editor(), 'Thư điện tử').fill(EMAIL);
      await field(editor(), 'Mật khẩu ban đầu').fill('matkhau');
      await field(editor(), 'Họ và tên').fill('Phạm Văn Thử');
      await field(editor(), 'Vai trò').selectOption('officer');
      await editor().getByRole('button', { name: 'Tạo mới' }).click();
      await editor().locator('.form-errors').filter({ hasText: 'Mật khẩu ban đầu' }).waitFor();
      await field(editor(), 'Mật khẩu ban đầu').fill(PASSWORD);
      // No unit for an officer: the API refuses it, in the form.
      await editor().getByRole('button', { name: 'Tạo mới' }).click();
      await editor().locator('.form-errors').filter({ hasText: 'Đơn vị' }).waitFor();
      await field(editor(), 'Đơn vị').selectOption(UNIT);
      await save(editor(), 'Tạo mới');

      const find = async () => (await h.api.get('/api/v1/admin/users', { token })).body.find((u: { email: string }) => u.email === EMAIL);
      const created = await find();
      expect(created).toMatchObject({ fullName: 'Phạm Văn Thử', role: 'officer', orgUnitCode: UNIT, active: true });

      await field(editor(), 'Chức danh').fill('Chuyên viên');
      await field(editor(), 'Vai trò').selectOption('triager');
      await save(editor(), 'Lưu thay đổi');
      expect(await find()).toMatchObject({ role: 'triager', jobTitle: 'Chuyên viên' });

      await field(editor(), 'Trạng thái').selectOption('false');
      await save(editor(), 'Lưu thay đổi');
      expect((await find()).active).toBe(false);
      expect((await h.api.post('/api/v1/auth/login', { email: EMAIL, password: PASSWORD })).status).toBe(401);
      await page.locator('td').filter({ hasText: 'Ngừng hoạt động' }).first().waitFor();

      await field(editor(), 'Trạng thái').selectOption('true');
      await save(editor(), 'Lưu thay đổi');
      expect((await find()).active).toBe(true);
      const oldSession = await h.api.login(EMAIL, PASSWORD);

      const reset = page.getByTestId('password-reset');
      await field(reset, 'Mật khẩu mới').fill('123456789012');
      await reset.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
      // The password policy's refusal, in the form.
      await reset.locator('.form-errors').waitFor();
      await field(reset, 'Mật khẩu mới').fill(NEW_PASSWORD);
      await save(reset, 'Đặt mật khẩu mới', /Đã đặt mật khẩu mới/);
      expect((await h.api.post('/api/v1/auth/login', { email: EMAIL, password: PASSWORD })).status).toBe(401);
      expect((await h.api.get('/api/v1/auth/me', { token: oldSession })).status).toBe(401);
      await h.api.login(EMAIL, NEW_PASSWORD);

      const expected = ['USER_UPDATED', 'USER_REACTIVATED', 'USER_DEACTIVATED', 'USER_UPDATED', 'USER_CREATED'];
      await expectHistory(expected);
      expect(await auditActions('user', created.id)).toEqual(expected);
      // The history says the password changed, never what it is.
      await history().locator('li.audit-item').first().getByText('passwordChanged: — → Có').waitFor();
      await admin.screenshot('admin-users');
      await accessible('user editor');
    },
    STEP_MS,
  );

  it(
    'categories: created and edited, the change through the API and in the history',
    async () => {
      await admin.goto('#/admin/categories?new=1');
      await field(editor(), 'Mã lĩnh vực').fill(CATEGORY.toLowerCase());
      await field(editor(), 'Tên tiếng Việt').fill('Thử nghiệm');
      await field(editor(), 'Tên tiếng Anh').fill('Trials');
      await editor().getByRole('button', { name: 'Tạo mới' }).click();
      await editor().locator('.form-errors').filter({ hasText: 'Mã lĩnh vực' }).waitFor();
      await field(editor(), 'Mã lĩnh vực').fill(CATEGORY);
      await save(editor(), 'Tạo mới');
      await field(editor(), 'Tên tiếng Việt').fill('Thử nghiệm (sửa)');
      await field(editor(), 'Nhạy cảm').selectOption('true');
      await save(editor(), 'Lưu thay đổi');
      const category = (await h.api.get('/api/v1/categories', { token })).body.find((c: { code: string }) => c.code === CATEGORY);
      expect(category).toMatchObject({ labelVi: 'Thử nghiệm (sửa)', labelEn: 'Trials', sensitive: true, active: true });
      await expectHistory(['CATEGORY_UPDATED', 'CATEGORY_CREATED']);
      expect(await auditActions('category', category.id)).toEqual(['CATEGORY_UPDATED', 'CATEGORY_CREATED']);
      await history().getByText('labelVi: Thử nghiệm → Thử nghiệm (sửa)').waitFor();
    },
    STEP_MS,
  );

  it(
    'routing rules: created, edited in place (same rule, its history), then deleted',
    async () => {
      await admin.goto('#/admin/routing?new=1');
      await field(editor(), 'Lĩnh vực').selectOption('LAND');
      await field(editor(), 'Cấp').selectOption('PROVINCE');
      await field(editor(), 'Cơ quan').selectOption('NNMT');
      await save(editor(), 'Tạo mới');
      const [rule] = (await h.api.get('/api/v1/admin/routing-rules', { token })).body;
      expect(rule).toMatchObject({ categoryCode: 'LAND', orgUnitCode: 'NNMT', role: 'LEAD', rank: 0 });

      await field(editor(), 'Cơ quan').selectOption(UNIT);
      await field(editor(), 'Vai trò').selectOption('SUPPORT');
      await field(editor(), 'Thứ tự').fill('2');
      await save(editor(), 'Lưu thay đổi');
      expect((await h.api.get('/api/v1/admin/routing-rules', { token })).body).toEqual([{ ...rule, orgUnitCode: UNIT, role: 'SUPPORT', rank: 2 }]);
      await expectHistory(['ROUTING_RULE_UPDATED', 'ROUTING_RULE_CREATED']);
      await history().getByText(`orgUnitCode: NNMT → ${UNIT}`).waitFor();
      await admin.screenshot('admin-routing');

      page.once('dialog', (dialog) => void dialog.accept());
      await save(page.getByTestId('delete-record'), 'Xóa', /Đã xóa/);
      expect((await h.api.get('/api/v1/admin/routing-rules', { token })).body).toEqual([]);
      expect(await auditActions('routing_rule', rule.id)).toEqual(['ROUTING_RULE_DELETED', 'ROUTING_RULE_UPDATED', 'ROUTING_RULE_CREATED']);
    },
    STEP_MS,
  );

  it(
    'deadline policies: created, a refused edit shown in the form, edited, its history',
    async () => {
      await admin.goto('#/admin/policies?new=1');
      await field(editor(), 'Độ khẩn').selectOption('HIGH');
      await field(editor(), 'Số ngày nhận xử lý').fill('2');
      await field(editor(), 'Ngày giải quyết').fill('1,5');
      await editor().getByRole('button', { name: 'Tạo mới' }).click();
      await editor().locator('.form-errors').filter({ hasText: 'Ngày giải quyết' }).waitFor();
      await field(editor(), 'Ngày giải quyết').fill('15');
      await save(editor(), 'Tạo mới');
      const [policy] = (await h.api.get('/api/v1/admin/deadline-policies', { token })).body;
      expect(policy).toMatchObject({ priority: 'HIGH', acknowledgeDays: 2, resolveDays: 15, triageDays: 1, reminderFractions: [0.5, 0.8] });

      // Shorter to resolve than to acknowledge: the API's 400, in the form; nothing written.
      await field(editor(), 'Ngày giải quyết').fill('1');
      await editor().getByRole('button', { name: 'Lưu thay đổi' }).click();
      await editor().locator('.form-errors').filter({ hasText: 'Ngày giải quyết' }).waitFor();
      expect((await h.api.get('/api/v1/admin/deadline-policies', { token })).body[0].resolveDays).toBe(15);

      await field(editor(), 'Ngày giải quyết').fill('20.5');
      await field(editor(), 'Lĩnh vực').selectOption('LAND');
      await save(editor(), 'Lưu thay đổi');
      expect((await h.api.get('/api/v1/admin/deadline-policies', { token })).body).toEqual([{ ...policy, resolveDays: 20.5, categoryCode: 'LAND' }]);
      await expectHistory(['DEADLINE_POLICY_UPDATED', 'DEADLINE_POLICY_CREATED']);
      expect(await auditActions('deadline_policy', policy.id)).toEqual(['DEADLINE_POLICY_UPDATED', 'DEADLINE_POLICY_CREATED']);
      await admin.screenshot('admin-policies');
    },
    STEP_MS,
  );

  it(
    'calendar: the year in twelve months with holidays and make-up days; a day set and cleared, a holiday rule added and removed',
    async () => {
      await admin.goto('#/admin/calendar?year=2026');
      const grid = page.getByTestId('year-grid');
      // National Day (2/9) is a day off by law; the government's 2026 announcement is shipped.
      await grid.locator('td.day.off[data-day="2026-09-02"]').waitFor();
      expect(await grid.locator('table.month').count()).toBe(12);
      const before = await h.api.get('/api/v1/calendar?year=2026', { token });
      expect(await grid.locator('td.day.off').count()).toBe(before.body.daysOff.length);
      expect(await grid.locator('td.day.work').count()).toBe(before.body.workingDays.length);

      const dayForm = page.getByTestId('day-editor');
      await field(dayForm, 'Ngày').fill('15/12/2026');
      await field(dayForm, 'Ghi chú').fill('Nghỉ theo quyết định của Ban');
      await field(dayForm, 'Căn cứ').selectOption('GOVERNMENT');
      await dayForm.getByRole('button', { name: 'Lưu ngày' }).click();
      await dayForm.locator('.form-errors').filter({ hasText: 'Số, ký hiệu văn bản' }).waitFor();
      await field(dayForm, 'Căn cứ').selectOption('ADMIN');
      await save(dayForm, 'Lưu ngày', /15\/12\/2026/);
      await grid.locator('td.day.off.src-admin[data-day="2026-12-15"]').waitFor();
      const set = await h.api.get('/api/v1/calendar?year=2026', { token });
      expect(set.body.overrides).toEqual(expect.arrayContaining([expect.objectContaining({ day: '2026-12-15', kind: 'DAY_OFF', source: 'ADMIN' })]));
      await expectHistory(['CALENDAR_DAY_SET']);
      await admin.screenshot('admin-calendar');
      await accessible('calendar');

      const clear = page.getByTestId('day-clear');
      expect(await field(clear, 'Ngày').inputValue()).toBe('15/12/2026');
      await save(clear, 'Bỏ điều chỉnh', /Đã bỏ điều chỉnh/);
      expect(await grid.locator('td[data-day="2026-12-15"]').getAttribute('class')).not.toMatch(/\boff\b/);
      await expectHistory(['CALENDAR_DAY_REMOVED', 'CALENDAR_DAY_SET']);
      expect(await auditActions('calendar_day', '2026-12-15')).toEqual(['CALENDAR_DAY_REMOVED', 'CALENDAR_DAY_SET']);

      const rules = page.getByTestId('rule-editor');
      await field(rules, 'Tên ngày lễ').fill('Ngày Văn hóa Việt Nam');
      await field(rules, 'Ngày').fill('24');
      await field(rules, 'Tháng').fill('11');
      await field(rules, 'Từ năm').fill('2026');
      await field(rules, 'Căn cứ pháp lý').fill('Nghị quyết thử nghiệm');
      await save(rules, 'Thêm ngày lễ', /Đã tạo/);
      await grid.locator('td.day.off[data-day="2026-11-24"]').waitFor();
      const added = (await h.api.get('/api/v1/admin/calendar/holiday-rules', { token })).body.find((r: { name: string }) => r.name === 'Ngày Văn hóa Việt Nam');
      expect(added).toMatchObject({ calendar: 'SOLAR', day: 24, month: 11, fromYear: 2026 });
      page.once('dialog', (dialog) => void dialog.accept());
      await page.locator(`[data-delete-rule="${added.id}"]`).click();
      await flash().filter({ hasText: 'Đã xóa' }).waitFor();
      await grid.locator('td.day.off[data-day="2026-11-24"]').waitFor({ state: 'detached' });
      await grid.locator('td.day[data-day="2026-11-24"]').waitFor();
      expect(await auditActions('holiday_rule', String(added.id))).toEqual(['HOLIDAY_RULE_REMOVED', 'HOLIDAY_RULE_ADDED']);
    },
    STEP_MS,
  );

  it(
    'coordination programmes and annual plans: created, edited, each with its history',
    async () => {
      await admin.goto('#/admin/programmes?new=1');
      await field(editor(), 'Số, ký hiệu').fill('02-CTrPH/BTGTU-UBND');
      await field(editor(), 'Tên tiếng Việt').fill('Chương trình phối hợp giai đoạn 2026–2030');
      await field(editor(), 'Tên tiếng Anh').fill('Coordination programme 2026–2030');
      await field(editor(), 'Từ ngày').fill('01/01/2026');
      await field(editor(), 'Đến ngày').fill('31/12/2025');
      await editor().getByRole('button', { name: 'Tạo mới' }).click();
      await editor().locator('.form-errors').filter({ hasText: 'Cơ quan tham gia' }).waitFor();
      await editor().locator('.form-errors').filter({ hasText: 'Đến ngày' }).waitFor();
      await field(editor(), 'Đến ngày').fill('31/12/2030');
      await editor().getByRole('group', { name: 'Cơ quan tham gia' }).getByLabel('(UBND)').check();
      await editor().getByRole('group', { name: 'Lĩnh vực' }).getByLabel('(LAND)').check();
      await save(editor(), 'Tạo mới');

      await field(editor(), 'Ngày giải quyết thống nhất').fill('25');
      await editor().getByRole('group', { name: 'Cơ quan tham gia' }).getByLabel('(HDND)').check();
      await save(editor(), 'Lưu thay đổi');
      const find = async () => (await h.api.get('/api/v1/programmes', { token })).body.find((p: { code: string }) => p.code === '02-CTrPH/BTGTU-UBND');
      const programme = await find();
      expect(programme).toMatchObject({ partyCodes: ['HDND', 'UBND'], categoryCodes: ['LAND'], resolveDays: 25, periodEnd: '2030-12-31' });
      await expectHistory(['PROGRAMME_UPDATED', 'PROGRAMME_CREATED']);

      await page.getByRole('link', { name: 'Thêm kế hoạch năm' }).click();
      const plan = page.getByTestId('plan-editor');
      await field(plan, 'Năm').fill('2026');
      await field(plan, 'Số, ký hiệu kế hoạch').fill('12-KH/BTGTU');
      await save(plan, 'Tạo mới');
      await field(plan, 'Ngày ký').fill('10/02/2026');
      await save(plan, 'Lưu thay đổi');
      const [annual] = (await find()).annualPlans;
      expect(annual).toMatchObject({ year: 2026, code: '12-KH/BTGTU', signedOn: '2026-02-10' });
      // Two histories on the page: the plan's is the last.
      await expectHistory(['ANNUAL_PLAN_UPDATED', 'ANNUAL_PLAN_CREATED'], 1);
      expect(await auditActions('annual_plan', annual.id)).toEqual(['ANNUAL_PLAN_UPDATED', 'ANNUAL_PLAN_CREATED']);
      expect(await auditActions('coordination_programme', programme.id)).toEqual(['PROGRAMME_UPDATED', 'PROGRAMME_CREATED']);
      await admin.screenshot('admin-programmes');
      await accessible('programme and plan editor');
    },
    STEP_MS,
  );

  it(
    'every screen in English through the language switch, reachable by keyboard',
    async () => {
      await admin.goto('#/admin/users');
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
      for (const [hash, heading] of [
        ['#/admin/units', 'Org units'],
        ['#/admin/categories', 'Categories'],
        ['#/admin/routing', 'Routing rules'],
        ['#/admin/policies', 'Deadline policies'],
        ['#/admin/calendar?year=2026', 'Working calendar 2026'],
        ['#/admin/programmes', 'Coordination programmes'],
      ]) {
        await admin.goto(hash);
        await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      }
      // The editor opens from the keyboard: Tab to "Add new", Enter, and the first field takes input.
      await admin.goto('#/admin/categories');
      await page.getByTestId('new-record').focus();
      await page.keyboard.press('Enter');
      await field(page.locator('main'), 'Category code').waitFor();
      await field(page.locator('main'), 'Category code').focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.name')).toBe('labelVi');
      await accessible('category editor (English)');
      await page.getByRole('button', { name: 'Tiếng Việt' }).or(page.locator('.lang-switch')).first().click();
    },
    STEP_MS,
  );
});
