import type { Browser, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, Person, PHONE } from './helpers/browser.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { Desk } from './helpers/workflow.js';

/**
 * What people read when the API refuses, and how the pages work on a phone, in Chromium: a refused
 * agency action shows the API's Vietnamese message only and the case again with the buttons of its
 * state; dates are typed dd/mm/yyyy even on an English browser; on a phone the actions come before
 * the timeline.
 */
describe('messages and phone layout in a browser', () => {
  let h: Harness;
  let d: Desk;
  let browser: Browser;
  const opened: Person[] = [];

  beforeAll(async () => {
    h = await startHarness();
    await h.reset();
    d = new Desk(h);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    for (const p of opened) await p.close().catch(() => undefined);
    await browser?.close();
    await h?.close();
  }, 60_000);

  async function person(email: string, viewport = DESKTOP) {
    const p = await Person.open(browser, h.api.baseUrl, viewport);
    opened.push(p);
    await p.login(email);
    return p;
  }

  async function routedCase() {
    const caseId = await d.newCase();
    const routed = await d.triage(caseId, { supportingAgencies: [] });
    expect(routed.status).toBe(200);
    return caseId;
  }

  const statusBadge = (page: Page, status: string) => page.locator(`[data-testid=case-status] [data-status=${status}]`);

  it('a refused agency action shows the Vietnamese message only, and the case reloads with the buttons of its state', async () => {
    const caseId = await routedCase();
    const agency = await person('ubnd@demo.local');
    const { page } = agency;
    await agency.goto(`#/cases/${caseId}`);
    const acknowledge = page.getByRole('button', { name: 'Nhận xử lý', exact: true });
    await acknowledge.waitFor();

    // Meanwhile a colleague at another desk acknowledges it: this page now shows an old version.
    const id = await d.assignment('ubnd@demo.local', caseId);
    expect((await d.agency('ubnd@demo.local', id, 'acknowledge')).status).toBe(200);
    const progressBefore = (await d.events(caseId)).length;

    const refused = page.waitForResponse((r) => r.url().endsWith(`/assignments/${id}/acknowledge`));
    await acknowledge.click();
    const answer = await refused;
    expect(answer.status()).toBe(412);
    expect(answer.request().headers()['if-match']).toMatch(/^"\d+"$/);
    expect(answer.request().headers()['accept-language']).toBe('vi');

    const flash = page.getByTestId('flash');
    await flash.filter({ hasText: 'Vụ việc vừa được người khác cập nhật' }).waitFor();
    const text = (await flash.textContent()) ?? '';
    expect(text).toContain('“Cơ quan đã nhận xử lý”');
    expect(text).not.toMatch(/STALE_CASE|ACKNOWLEDGED|\bnull\b|undefined|Chi tiết từ hệ thống/);
    // The page shows the case as it is: acknowledged, so the answer can be reported and acknowledging is gone.
    await statusBadge(page, 'ACKNOWLEDGED').waitFor();
    await page.getByRole('button', { name: 'Báo cáo kết quả giải quyết' }).waitFor();
    expect(await page.getByRole('button', { name: 'Nhận xử lý', exact: true }).count()).toBe(0);
    expect((await d.events(caseId)).length).toBe(progressBefore);
    expect(agency.problems.filter((p) => !p.includes('412'))).toEqual([]);
  }, 60_000);

  it('a date typed 05/12/2026 on an English (en-US) browser is sent as 2026-12-05', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US', timezoneId: 'America/New_York' });
    const page = await context.newPage();
    try {
      await page.goto(`${h.api.baseUrl}/#/login`);
      await page.getByLabel('Thư điện tử').fill('leader@demo.local');
      await page.getByLabel('Mật khẩu').fill('demo-2026');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByTestId('current-user').waitFor();
      await page.getByRole('heading', { level: 1, name: 'Bảng theo dõi giải quyết' }).waitFor();

      const to = page.getByLabel(/^Đến ngày/);
      // A text field, whatever the locale: the browser's date picker would read mm/dd/yyyy here.
      expect(await to.getAttribute('type')).toBe('text');
      expect(await to.getAttribute('placeholder')).toBe('dd/mm/yyyy');
      expect(await to.getAttribute('inputmode')).toBe('numeric');
      await page.getByLabel(/^Từ ngày/).fill('01/11/2026');
      await to.fill('05/12/2026');
      const sent = page.waitForRequest((r) => r.url().includes('/metrics/resolution-times'));
      await page.getByRole('button', { name: 'Xem số liệu' }).click();
      const url = new URL((await sent).url());
      expect(url.searchParams.get('from')).toBe('2026-11-01');
      expect(url.searchParams.get('to')).toBe('2026-12-05');

      // A day that does not exist is refused on the page, next to its field.
      await to.fill('31/02/2026');
      await page.getByRole('button', { name: 'Xem số liệu' }).click();
      await page.locator('[aria-invalid=true]').first().waitFor();
      expect(await to.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await to.getAttribute('aria-describedby'))!.split(' ');
      const texts = await Promise.all(describedBy.map((i) => page.locator(`[id="${i}"]`).textContent()));
      expect(texts.join(' ')).toContain('Vui lòng nhập ngày hợp lệ.');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('on a 390×844 phone the first action panel is above the timeline, and the resolve form has one primary button', async () => {
    const caseId = await routedCase();
    const id = await d.assignment('ubnd@demo.local', caseId);
    await d.agency('ubnd@demo.local', id, 'acknowledge');
    const agency = await person('ubnd@demo.local', PHONE);
    const { page } = agency;
    await agency.goto(`#/cases/${caseId}`);
    const panel = page.locator('.action-panel').first();
    const timeline = page.getByTestId('timeline');
    await panel.waitFor();
    await timeline.waitFor();
    const [p, tl] = [await panel.boundingBox(), await timeline.boundingBox()];
    expect(p!.y + p!.height).toBeLessThanOrEqual(tl!.y);
    // First for a screen reader too: the panel comes before the timeline in the document.
    expect(
      await page.evaluate(
        "Boolean(document.querySelector('.action-panel').compareDocumentPosition(document.querySelector('[data-testid=timeline]')) & Node.DOCUMENT_POSITION_FOLLOWING)",
      ),
    ).toBe(true);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    // Tables scroll sideways when wide: each is a named region a keyboard reaches (axe: scrollable-region-focusable).
    const regions = await page
      .locator('.table-wrap')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('tabindex'), e.getAttribute('role'), Boolean(e.getAttribute('aria-label'))]));
    expect(regions.length).toBeGreaterThan(0);
    for (const r of regions) expect(r).toEqual(['0', 'region', true]);

    await page.getByRole('button', { name: 'Báo cáo kết quả giải quyết' }).click();
    const form = page.getByTestId('resolve-form');
    await form.waitFor();
    expect(await form.locator('.btn-primary').count()).toBe(1);
    expect(await form.locator('.btn-primary').textContent()).toBe('Gửi báo cáo kết quả');
    // The button that opened the form is not a second red one.
    expect(await page.getByRole('button', { name: 'Báo cáo kết quả giải quyết' }).getAttribute('class')).not.toContain('btn-primary');
    // Its date is today in dd/mm/yyyy.
    const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    expect(await form.getByLabel(/^Ngày ban hành/).inputValue()).toBe(day);
    await agency.screenshot('messages-phone-case');
  }, 60_000);
});
