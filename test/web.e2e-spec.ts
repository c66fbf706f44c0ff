import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { minimalPdf } from './helpers/attachments.js';
import { DESKTOP, launchBrowser, Person, PHONE } from './helpers/browser.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { startProcess, type Started } from './helpers/processes.js';
import { startSmtp } from './helpers/smtp.js';
import { Desk } from './helpers/workflow.js';

/**
 * The web interface in headless Chromium, against the real API and worker: an officer logs a
 * concern, the triage desk routes it, the agency resolves it, the triage desk closes it, and the
 * leader sees it counted in the dashboard. Each step is checked on the page and through the API.
 * Screenshots of every page go to test-artifacts/screenshots/.
 */
describe('web interface in a browser', () => {
  let h: Harness;
  let d: Desk;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let worker: Started;
  let browser: Browser;
  // One browser each, as four people at four desks.
  let leader: Person;
  let officer: Person;
  let triage: Person;
  let agency: Person;

  // State carried from step to step, as the case moves from desk to desk.
  let caseId = '';
  let caseCode = '';
  let resolvedBefore = 0;

  // Each step drives a browser through several pages and waits on the worker: more than jest's 30 s.
  const STEP_MS = 60_000;
  const TITLE = 'Chậm chi trả bồi thường đường trục phía Nam, tổ dân phố 12';
  const DOCUMENT = '125/SNNMT-QLĐĐ';

  async function person(email: string, viewport = DESKTOP) {
    const p = await Person.open(browser, h.api.baseUrl, viewport);
    await p.login(email);
    return p;
  }

  const statusOnPage = (page: Page) => page.locator('[data-testid=case-status] [data-status]').getAttribute('data-status');
  const statusBadge = (page: Page, status: string) => page.locator(`[data-testid=case-status] [data-status=${status}]`);

  /** The leader dashboard's "resolved" figure, a number. */
  async function resolvedFigure(page: Page): Promise<number> {
    const text = await page.getByTestId('kpi-resolved').textContent({ timeout: 15_000 });
    return Number((text ?? '').replace(/\D/g, ''));
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    h = await startHarness({ SMTP_URL: smtp.url });
    await h.reset();
    d = new Desk(h);
    worker = startProcess('worker.js', { SMTP_URL: smtp.url, METRICS_REFRESH_MS: '300', HOTSPOT_SCAN_MS: '3600000' });
    browser = await launchBrowser();
  }, STEP_MS);

  afterAll(async () => {
    for (const p of [leader, officer, triage, agency]) await p?.close().catch(() => undefined);
    await browser?.close();
    await worker?.stop();
    await h?.close();
    await smtp?.close();
  }, STEP_MS);

  it(
    'serves the page shell and its assets from the API process, with a content security policy',
    async () => {
      const index = await fetch(`${h.api.baseUrl}/`);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toMatch(/text\/html/);
      expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await index.text()).toContain('<script type="module" src="/assets/app.js">');
      for (const asset of ['/assets/app.js', '/assets/app.css', '/assets/labels.js', '/assets/vendor/chart.umd.js']) {
        expect({ asset, status: (await fetch(`${h.api.baseUrl}${asset}`)).status }).toEqual({ asset, status: 200 });
      }
      const labels = await (await fetch(`${h.api.baseUrl}/assets/labels.js`)).text();
      expect(labels).toContain('"NEW":{"vi":"Mới tiếp nhận","en":"New"}');
      const missing = await fetch(`${h.api.baseUrl}/assets/nope.js`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect((await fetch(`${h.api.baseUrl}/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
    },
    STEP_MS,
  );

  it(
    'the leader dashboard opens before any case is resolved',
    async () => {
      leader = await person('leader@demo.local');
      await leader.page.getByRole('heading', { level: 1, name: 'Bảng theo dõi giải quyết' }).waitFor();
      resolvedBefore = await resolvedFigure(leader.page);
      expect(resolvedBefore).toBe(0);
    },
    STEP_MS,
  );

  it(
    'an officer logs a concern on a phone-width page, with clear validation messages',
    async () => {
      officer = await person('officer@demo.local', PHONE);
      const { page } = officer;
      await page.getByRole('heading', { level: 1, name: 'Ghi nhận phản ánh' }).waitFor();

      // Every control has a label, and nothing is wider than the phone.
      expect(
        await page.evaluate(`[...document.querySelectorAll('main input, main select, main textarea')].filter((el) => !el.labels.length).map((el) => el.name)`),
      ).toEqual([]);
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);

      // An empty form is refused on the page, each message next to its field, focus on the first.
      await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
      await expectFieldError(page, 'Kênh tiếp nhận', 'Vui lòng chọn một mục.');
      await expectFieldError(page, 'Địa bàn phát sinh', 'Vui lòng chọn một mục.');
      await expectFieldError(page, 'Tiêu đề', 'Vui lòng nhập thông tin này.');
      await expectFieldError(page, 'Nội dung phản ánh', 'Vui lòng nhập thông tin này.');
      expect(await page.evaluate('document.activeElement.name')).toBe('channel');
      await page.getByLabel('Tiêu đề').fill('ab');
      await page.getByLabel('Số điện thoại').fill('gọi sau');
      await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
      await expectFieldError(page, 'Tiêu đề', 'Cần ít nhất 3 ký tự.');
      await expectFieldError(page, 'Số điện thoại', 'Số điện thoại chỉ gồm chữ số');
      await expectFieldError(page, 'Họ và tên', 'cần ghi họ tên người phản ánh');
      await officer.screenshot('01-officer-form-errors');
      expect(await h.sql(`SELECT count(*)::int AS n FROM concern`)).toEqual([{ n: 0 }]);

      await page.getByLabel('Kênh tiếp nhận').selectOption({ label: 'Tiếp xúc cử tri' });
      await page.getByLabel('Địa bàn phát sinh').selectOption('X02');
      await page.getByLabel('Lĩnh vực (đề xuất)').selectOption('LAND');
      await page.getByLabel('Tiêu đề').fill(TITLE);
      await page.getByLabel('Nội dung phản ánh').fill('Cử tri tổ dân phố 12 phản ánh 40 hộ chưa nhận tiền bồi thường dù đã bàn giao mặt bằng từ tháng 6.');
      await page.getByLabel('Số người bị ảnh hưởng').fill('40');
      await page.getByLabel('Họ và tên').fill('Nguyễn Thị Hoa');
      await page.getByLabel('Số điện thoại').fill('0912 345 678');
      await page.getByRole('button', { name: 'Gửi phản ánh' }).click();

      const saved = page.getByTestId('concern-saved');
      await saved.waitFor();
      caseId = (await saved.getAttribute('data-case-id'))!;
      caseCode = /VV-\d{4}-\d+/.exec((await saved.textContent())!)![0];
      await officer.screenshot('02-officer-concern-logged');

      const logged = await d.caseAs('triage@demo.local', caseId);
      expect(logged.body).toMatchObject({ code: caseCode, status: 'NEW', title: TITLE, peopleAffected: 40, area: { code: 'X02' }, category: { code: 'LAND' } });
      expect(logged.body.concerns[0]).toMatchObject({ channel: 'VOTER_MEETING', reporter: { name: 'Nguyễn Thị Hoa', phone: '0912 345 678' } });
      // The form is cleared for the next concern.
      expect(await page.getByLabel('Tiêu đề').inputValue()).toBe('');

      await page.getByRole('link', { name: 'Phản ánh của tôi' }).click();
      const card = page.locator(`[data-case-id="${caseId}"]`);
      await card.waitFor();
      expect(await card.textContent()).toContain('Mới tiếp nhận');
      await officer.screenshot('03-officer-my-concerns');
    },
    STEP_MS,
  );

  it(
    'the triage desk finds it in its queue, sees the case page and routes it to an agency',
    async () => {
      triage = await person('triage@demo.local');
      const { page } = triage;
      const row = page.getByRole('link', { name: new RegExp(caseCode) });
      await row.waitFor();
      await triage.screenshot('04-triage-queue');

      await row.click();
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      expect(await statusOnPage(page)).toBe('NEW');
      expect(await page.getByTestId('timeline').textContent()).toContain('Tiếp nhận phản ánh');
      // The standing body sees the reporter.
      expect(await page.locator('.concern').textContent()).toContain('Nguyễn Thị Hoa');
      await page.getByTestId('similar').waitFor();

      const form = page.getByTestId('route-form');
      // Routing rules are not loaded in the test database: the area's commune People's Committee is suggested.
      expect(await form.locator('optgroup').first().getAttribute('label')).toBe('Đề xuất theo quy chế phối hợp');
      expect(await form.locator('optgroup').first().locator('option').allTextContents()).toEqual(['UBND phường Cam Đường']);
      await labelled(form, 'Độ khẩn').selectOption('HIGH');
      await form.getByLabel('Tóm tắt vụ việc').fill('Chậm chi trả bồi thường cho 40 hộ, tổ dân phố 12.');
      await form.getByLabel('Cơ quan chủ trì').selectOption('NNMT');
      await triage.screenshot('05-triage-case');
      await form.getByRole('button', { name: 'Chuyển xử lý' }).click();

      await statusBadge(page, 'ASSIGNED').waitFor();
      expect(await page.getByTestId('flash').textContent()).toContain('Đã chuyển cơ quan');
      const routed = await d.caseAs('triage@demo.local', caseId);
      expect(routed.body).toMatchObject({ status: 'ASSIGNED', priority: 'HIGH', summary: 'Chậm chi trả bồi thường cho 40 hộ, tổ dân phố 12.' });
      expect(routed.body.assignments.map((a: any) => [a.orgUnitCode, a.role, a.status])).toEqual([['NNMT', 'LEAD', 'ASSIGNED']]);
      await triage.screenshot('06-triage-case-routed');
    },
    STEP_MS,
  );

  it(
    'the agency sees it in its inbox with a colour-coded deadline, acknowledges and resolves it',
    async () => {
      agency = await person('nnmt@demo.local');
      const { page } = agency;
      const [assignment] = (await d.caseAs('triage@demo.local', caseId)).body.assignments;
      const row = page.locator('tr', { has: page.getByRole('link', { name: new RegExp(caseCode) }) });
      await row.waitFor();

      // The deadline that matters first is acknowledging it; its colour follows the working time left, in words too.
      const badge = row.locator('.deadline');
      const left = assignment.acknowledgeClock.remainingWorkingSeconds * 1000;
      const urgency = left < 0 ? 'overdue' : left < 2 * 86_400_000 ? 'soon' : 'ok';
      expect(await badge.getAttribute('data-urgency')).toBe(urgency);
      expect(await badge.textContent()).toMatch(/(Còn \d+ ngày|Còn dưới 1 ngày|Quá hạn).* · hạn \d{2}\/\d{2}\/\d{4}/);
      expect(await row.textContent()).toContain('Chờ nhận xử lý');
      await agency.screenshot('07-agency-inbox');

      await row.getByRole('button', { name: 'Nhận xử lý' }).click();
      await page.getByTestId('flash').filter({ hasText: 'Đơn vị đã nhận xử lý vụ việc' }).waitFor();
      expect(await d.status(caseId)).toBe('ACKNOWLEDGED');

      await page
        .locator('tr', { has: page.getByRole('link', { name: new RegExp(caseCode) }) })
        .getByRole('link', { name: 'Xử lý' })
        .click();
      await statusBadge(page, 'ACKNOWLEDGED').waitFor();
      // Agencies never see the reporter's personal data.
      expect(await page.locator('main').textContent()).not.toContain('Nguyễn Thị Hoa');

      await page.getByRole('button', { name: 'Báo cáo kết quả giải quyết' }).click();
      const form = page.getByTestId('resolve-form');
      await form.getByRole('button', { name: 'Gửi báo cáo kết quả' }).click();
      await expectFieldError(page, 'Kết quả', 'Vui lòng chọn một mục.');
      await expectFieldError(page, 'Số, ký hiệu văn bản', 'Vui lòng nhập thông tin này.');
      await labelled(form, 'Kết quả').selectOption('RESOLVED');
      await form.getByLabel('Nội dung kết quả').fill('Đã chi trả đủ tiền bồi thường cho 40 hộ.');
      await form.getByLabel('Số, ký hiệu văn bản').fill(DOCUMENT);
      expect(await form.getByLabel('Cơ quan ban hành').inputValue()).toBe('Sở Nông nghiệp và Môi trường');
      // Resolved needs the signed reply itself: it is uploaded, then named in the answer.
      await form.getByRole('button', { name: 'Gửi báo cáo kết quả' }).click();
      await expectFieldError(page, 'Tệp văn bản trả lời đã ký', 'Vui lòng chọn tệp văn bản trả lời đã ký.');
      await labelled(form, 'Tệp văn bản trả lời đã ký').setInputFiles({
        name: 'Công văn trả lời.pdf',
        mimeType: 'application/pdf',
        buffer: minimalPdf('Cong van tra loi'),
      });
      await agency.screenshot('08-agency-resolve-form');
      await form.getByRole('button', { name: 'Gửi báo cáo kết quả' }).click();

      await statusBadge(page, 'RESOLVED').waitFor();
      const resolved = await d.caseAs('triage@demo.local', caseId);
      expect(resolved.body.status).toBe('RESOLVED');
      expect(resolved.body.assignments[0]).toMatchObject({
        status: 'RESOLVED',
        outcome: 'RESOLVED',
        documentRef: { number: DOCUMENT, issuer: 'Sở Nông nghiệp và Môi trường' },
      });
      expect(await page.getByTestId('timeline').textContent()).toContain(`Văn bản số ${DOCUMENT}`);
      // The signed reply is on the case, linked to the answer, and downloads as it was sent.
      expect(resolved.body.assignments[0].documentRef.attachmentId).toEqual(resolved.body.attachments[0].id);
      expect(await page.getByTestId('attachments').textContent()).toContain('Công văn trả lời.pdf');
      expect(await page.getByTestId('timeline').textContent()).toContain('Tệp kèm theo: Công văn trả lời.pdf');
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('attachments').getByRole('button', { name: 'Tải về Công văn trả lời.pdf' }).click(),
      ]);
      expect(file.suggestedFilename()).toBe('Công văn trả lời.pdf');
      await agency.screenshot('09-agency-case-resolved');
    },
    STEP_MS,
  );

  it(
    'the triage desk verifies the result and closes the case; the officer sees it closed',
    async () => {
      const { page } = triage;
      await triage.goto('#/triage?view=verify');
      await page.getByRole('link', { name: new RegExp(caseCode) }).click();
      await statusBadge(page, 'RESOLVED').waitFor();
      await page.getByLabel('Nhận xét kết quả').fill('Kết quả đạt yêu cầu, cử tri đã nhận đủ tiền.');
      await triage.screenshot('10-triage-verify');
      await page.getByRole('button', { name: 'Xác nhận kết quả, kết thúc vụ việc' }).click();

      await statusBadge(page, 'CLOSED').waitFor();
      const closed = await d.caseAs('triage@demo.local', caseId);
      expect(closed.body.status).toBe('CLOSED');
      expect(closed.body.events.map((e: any) => e.type)).toEqual([
        'CREATED',
        'TRIAGED',
        'ASSIGNED',
        'ACKNOWLEDGED',
        'ASSIGNMENT_RESOLVED',
        'RESOLVED',
        'CLOSED',
      ]);
      expect(await page.locator('[data-testid=timeline] [data-event]').evaluateAll((els) => els.map((e) => e.getAttribute('data-event')))).toEqual([
        'CREATED',
        'TRIAGED',
        'ASSIGNED',
        'ACKNOWLEDGED',
        'ASSIGNMENT_RESOLVED',
        'RESOLVED',
        'CLOSED',
      ]);
      await triage.screenshot('11-case-closed');

      await officer.page.reload();
      const card = officer.page.locator(`[data-case-id="${caseId}"]`);
      await card.waitFor();
      expect(await card.textContent()).toContain('Đã kết thúc');
    },
    STEP_MS,
  );

  it(
    'the leader sees it counted in the dashboard, downloads the review report, and reads it in English',
    async () => {
      const { page } = leader;
      // The worker refreshes the figures from the timeline a moment after the change: look again until it has.
      let resolved = resolvedBefore;
      for (const until = Date.now() + 20_000; resolved !== resolvedBefore + 1 && Date.now() < until;) {
        await page.reload();
        resolved = await resolvedFigure(page);
        if (resolved !== resolvedBefore + 1) await page.waitForTimeout(1_000);
      }
      expect(resolved).toBe(resolvedBefore + 1);
      expect(await page.getByTestId('kpi-closed').textContent()).toBe('1');
      expect(await page.getByTestId('kpi-received').textContent()).toBe('1');
      // The ranking by on-time share lists the agency that answered, unranked with one answer (5 are needed).
      await page.locator('[data-testid=dash-ranking] table').waitFor();
      expect(await page.getByTestId('dash-ranking').textContent()).toContain('Chưa xếp hạng');
      await page.locator('[data-testid=dash-trend] canvas').waitFor();
      await page.waitForTimeout(300); // the charts draw on the next frame
      await leader.screenshot('12-leader-dashboard');

      // The periodic review report downloads as a file, fetched with the leader's token.
      await page.getByLabel('Định dạng').selectOption('xlsx');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải báo cáo' }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      expect(
        readFileSync((await download.path())!)
          .subarray(0, 2)
          .toString(),
      ).toBe('PK'); // a zip, as XLSX files are
      expect(await page.getByTestId('flash').textContent()).toContain(download.suggestedFilename());
      // The report to complete and sign is the DOCX, the form's first choice; the quarters are named as the report names them.
      expect(await page.getByLabel('Định dạng').locator('option').first().getAttribute('value')).toBe('docx');
      expect(await page.getByLabel('Kỳ báo cáo').locator('option').first().textContent()).toMatch(/^Quý (I|II|III|IV) năm \d{4}$/);
      await page.getByLabel('Định dạng').selectOption('docx');
      const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải báo cáo' }).click()]);
      expect(docx.suggestedFilename()).toMatch(/^bao-cao-so-ket-\d{4}-Q[1-4]\.docx$/);
      expect(
        readFileSync((await docx.path())!)
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');

      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Resolution dashboard' }).waitFor();
      expect(await page.locator('.kpi-resolved dt').textContent()).toBe('Resolved');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Resolution dashboard' }).waitFor();
      expect(await page.evaluate('document.documentElement.lang')).toBe('en');
      await page.waitForTimeout(300);
      await leader.screenshot('13-leader-dashboard-en');

      await leader.goto(`#/cases/${caseId}`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      expect(await page.getByTestId('timeline').textContent()).toContain('Verified and closed');
      await leader.screenshot('14-leader-case-timeline-en');
      await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
      await page.getByRole('heading', { level: 2, name: 'Diễn biến' }).waitFor();
    },
    STEP_MS,
  );

  it('every page ran without a script error, a failed request or a blocked resource', () => {
    expect([leader, officer, triage, agency].flatMap((p) => p.problems)).toEqual([]);
  });
});

/** The control whose label reads `text` (followed by the asterisk of a required field). */
function labelled(scope: Page | Locator, text: string) {
  return scope.getByLabel(new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));
}

/** The message shown next to the field labelled `labelText`, tied to it by aria-describedby. */
async function expectFieldError(page: Page, labelText: string, message: string) {
  const control = labelled(page, labelText);
  await control.and(page.locator('[aria-invalid=true]')).waitFor({ timeout: 5_000 });
  const describedBy = (await control.getAttribute('aria-describedby'))!.split(' ');
  const texts = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
  expect(texts.join(' ')).toContain(message);
}
