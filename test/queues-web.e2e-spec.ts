import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, Person } from './helpers/browser.js';
import { concern, type Harness, startHarness } from './helpers/harness.js';
import { startProcess, type Started, waitFor } from './helpers/processes.js';
import { startSmtp } from './helpers/smtp.js';
import { Desk } from './helpers/workflow.js';

/**
 * The queues in Chromium: the triage queue keeps its sort and filters in the URL across opening a
 * case and coming back, saves a view, acts on selected cases and shows what happened to each; the
 * agency inbox pages past its first 50; a leader's figure opens the list of the cases it counts.
 */
describe('queues in a browser', () => {
  let h: Harness;
  let d: Desk;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let worker: Started;
  let browser: Browser;
  const people: Person[] = [];
  let cases: string[] = [];
  let codes: string[] = [];
  const STEP_MS = 60_000;

  async function person(email: string) {
    const p = await Person.open(browser, h.api.baseUrl);
    people.push(p);
    await p.login(email);
    return p;
  }

  const total = async (page: Page) => Number(await page.getByTestId('list-total').first().getAttribute('data-total'));
  /** Waits until the list's count says `n` (the page redraws after a change). */
  const totalIs = (page: Page, n: number) => page.locator(`[data-testid=list-total][data-total="${n}"]`).first().waitFor();
  const firstRowCode = (page: Page) => page.locator('table tbody tr').first().locator('.case-code').textContent();
  /** The page's WCAG 2.1 A/AA violations, as axe-core finds them (rule id and the first element). */
  const axe = async (page: Page) =>
    (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`);
  const hashQuery = (page: Page) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');

  beforeAll(async () => {
    smtp = await startSmtp();
    h = await startHarness({ SMTP_URL: smtp.url });
    await h.reset();
    d = new Desk(h);
    worker = startProcess('worker.js', { SMTP_URL: smtp.url, METRICS_REFRESH_MS: '300', HOTSPOT_SCAN_MS: '3600000' });
    browser = await launchBrowser();
    // 30 concerns, a day apart (the oldest first), in three channels.
    const res = await h.api.post(
      '/api/v1/concerns/batch',
      {
        concerns: Array.from({ length: 30 }, (_, i) =>
          concern({ title: `Phản ánh hàng đợi số ${i}`, channel: ['PETITION', 'VOTER_MEETING', 'HOTLINE'][i % 3] }),
        ),
      },
      { token: await d.as('officer@demo.local') },
    );
    expect(res.status).toBe(201);
    cases = res.body.items.map((i: { caseId: string }) => i.caseId);
    await h.sql(
      `UPDATE cases SET created_at = now() - ((40 - idx) || ' days')::interval FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, idx) WHERE cases.id = t.id`,
      [cases],
    );
    codes = (await h.sql(`SELECT c.code FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, idx) JOIN cases c ON c.id = t.id ORDER BY idx`, [cases])).map(
      (r) => r.code,
    );
  }, STEP_MS);

  afterAll(async () => {
    for (const p of people) await p.close().catch(() => undefined);
    await browser?.close();
    await worker?.stop();
    await h?.close();
    await smtp?.close();
  }, STEP_MS);

  it(
    'the triage queue: oldest first, a filter, open a case, back: the sort and the filter are still there',
    async () => {
      const triage = await person('triage@demo.local');
      const { page } = triage;
      await page.getByTestId('triage-queue').locator('table').waitFor();
      // The oldest waiting case first, the total counted, the age in days.
      expect(await total(page)).toBe(30);
      expect(await firstRowCode(page)).toBe(codes[0]);
      expect(await page.locator('table tbody tr').first().locator('.col-waiting').textContent()).toMatch(/^(39|40) ngày$/);
      expect(await page.getByRole('columnheader', { name: /Tiếp nhận/ }).getAttribute('aria-sort')).toBe('ascending');

      // Sort by the received column the other way, then back, through the header links.
      await page.getByRole('link', { name: /^Tiếp nhận/ }).click();
      await page.waitForURL(/sort=newest/);
      await page.getByTestId('triage-queue').locator('table').waitFor();
      expect(await firstRowCode(page)).toBe(codes[29]);
      await page.getByRole('link', { name: /^Tiếp nhận/ }).click();
      await page.waitForURL(/sort=oldest/);

      // A filter: petitions only (every third case).
      const filters = page.getByTestId('queue-filters');
      await filters.getByLabel('Kênh tiếp nhận').selectOption('PETITION');
      await filters.getByRole('button', { name: 'Lọc' }).click();
      await page.waitForURL(/channel=PETITION/);
      await totalIs(page, 10);
      expect(Object.fromEntries(hashQuery(page))).toEqual({ channel: 'PETITION', sort: 'oldest' });
      expect(await firstRowCode(page)).toBe(codes[0]);
      await triage.screenshot('queues-01-triage-filtered');
      expect(await axe(page)).toEqual([]);

      // Open the third case of the list, then go back.
      const third = page.locator('table tbody tr').nth(2).locator('a.case-link');
      const thirdCode = await third.locator('.case-code').textContent();
      await third.click();
      await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Phản ánh hàng đợi' }).waitFor();
      await page.goBack();
      await page.getByTestId('triage-queue').locator('table').waitFor();
      expect(Object.fromEntries(hashQuery(page))).toEqual({ channel: 'PETITION', sort: 'oldest' });
      expect(await page.getByTestId('queue-filters').getByLabel('Kênh tiếp nhận').inputValue()).toBe('PETITION');
      expect(await total(page)).toBe(10);
      expect(await page.locator('table tbody tr').nth(2).locator('.case-code').textContent()).toBe(thirdCode);

      // Save the view; it opens the same list from anywhere.
      await page.getByLabel('Tên bộ lọc').fill('Đơn thư, cũ nhất trước');
      await page.getByRole('button', { name: 'Lưu bộ lọc hiện tại' }).click();
      await page.getByRole('link', { name: 'Đơn thư, cũ nhất trước' }).waitFor();
      await triage.goto('#/triage?sort=newest');
      await page.getByTestId('triage-queue').locator('table').waitFor();
      expect(await total(page)).toBe(30);
      await page.getByRole('link', { name: 'Đơn thư, cũ nhất trước' }).click();
      await page.waitForURL(/channel=PETITION/);
      await totalIs(page, 10);
      expect(triage.problems).toEqual([]);
    },
    STEP_MS,
  );

  it(
    'bulk routing from the queue shows what happened to each case, the one closed meanwhile refused',
    async () => {
      const triage = people[0];
      const { page } = triage;
      await triage.goto('#/triage?channel=PETITION&sort=oldest');
      await page.getByTestId('triage-queue').locator('table').waitFor();
      const rows = page.locator('table tbody tr');
      const picked = [
        await rows.nth(0).locator('.case-code').textContent(),
        await rows.nth(1).locator('.case-code').textContent(),
        await rows.nth(2).locator('.case-code').textContent(),
      ];
      for (const code of picked) await page.getByLabel(`Chọn vụ việc ${code}`).check();
      expect(await page.getByTestId('bulk-count').textContent()).toBe('Đã chọn 3 vụ việc');
      // Someone closes one of them meanwhile.
      await h.sql(`UPDATE cases SET status = 'CLOSED' WHERE code = $1`, [picked[1]]);

      const route = page.getByTestId('bulk-route');
      await route.getByLabel(/Chuyển cơ quan chủ trì/).selectOption('NNMT');
      await route.getByRole('button', { name: 'Chuyển xử lý các vụ việc đã chọn' }).click();
      const results = page.getByTestId('bulk-results');
      await results.waitFor();
      expect(await results.getByRole('heading').textContent()).toBe('Kết quả: 2 vụ việc thành công, 1 vụ việc không thực hiện được');
      const line = (code: string | null) => results.locator('tr', { has: page.getByRole('link', { name: code! }) });
      expect(await line(picked[0]).locator('[data-ok]').getAttribute('data-ok')).toBe('true');
      expect(await line(picked[2]).locator('[data-ok]').getAttribute('data-ok')).toBe('true');
      expect(await line(picked[1]).locator('[data-ok]').getAttribute('data-ok')).toBe('false');
      // The refusal in the reader's words, as the same action alone would have said it: no code.
      expect(await line(picked[1]).textContent()).toMatch(/Không thể phân loại, chuyển xử lý khi vụ việc đang ở trạng thái/);
      expect(await line(picked[1]).textContent()).not.toContain('ILLEGAL_TRANSITION');
      await triage.screenshot('queues-02-triage-bulk-results');
      expect(await axe(page)).toEqual([]);
      // The queue reloaded without the routed cases.
      await totalIs(page, 7);
      expect((await h.sql(`SELECT status FROM cases WHERE code = ANY($1) ORDER BY code`, [picked])).map((r) => r.status)).toEqual([
        'ASSIGNED',
        'CLOSED',
        'ASSIGNED',
      ]);
      expect(triage.problems).toEqual([]);
    },
    STEP_MS,
  );

  it(
    'a figure on the leader dashboard opens the cases behind it, and the list counts the same',
    async () => {
      const leader = await person('leader@demo.local');
      const { page } = leader;
      const [{ n: received }] = await h.sql(
        `SELECT count(*)::int AS n FROM cases WHERE status <> 'MERGED' AND created_at >= date_trunc('month', now() - interval '11 months')`,
      );
      // The worker brings the figures up to date a moment after the changes: look again until it has.
      await waitFor(
        async () => {
          await page.reload();
          return (await page.getByTestId('kpi-received').textContent({ timeout: 15_000 })) === String(received);
        },
        'dashboard figures refreshed',
        worker,
        40_000,
      );
      await leader.screenshot('queues-04-dashboard');
      await page.getByTestId('kpi-received').getByRole('link').click();
      await page.waitForURL(/#\/cases\?figure=received/);
      await page.getByTestId('search-results').locator('table').waitFor();
      expect(await total(page)).toBe(received);
      expect(await page.getByTestId('drill-summary').textContent()).toContain('Tiếp nhận');
      await leader.screenshot('queues-05-drill-received');
      expect(await axe(page)).toEqual([]);

      // The agencies' table: the cases not yet routed have their own line, and it opens their list.
      await page.goBack();
      const byAgency = page.getByTestId('dash-by-dimension');
      await byAgency.locator('table').waitFor();
      const unrouted = byAgency.locator('tr', { hasText: 'Chưa giao cơ quan nào' });
      const figure = Number(await unrouted.locator('td').first().textContent());
      expect(figure).toBeGreaterThan(0);
      await unrouted.locator('td').first().getByRole('link').click();
      await page.waitForURL(/unassigned=true/);
      await page.getByTestId('search-results').locator('table').waitFor();
      expect(await total(page)).toBe(figure);
      expect(leader.problems).toEqual([]);
    },
    STEP_MS,
  );
  it(
    'the agency inbox counts every assignment and pages past the first 50; a case on page 2 has its action panel',
    async () => {
      const rest = cases.filter((_, i) => i % 3 !== 0);
      await h.sql(`UPDATE cases SET status = 'ASSIGNED' WHERE id = ANY($1::uuid[])`, [rest]);
      // 20 here, and the same 20 again as second assignments would not be real: add 40 more cases for 60 in all.
      const more = await h.api.post(
        '/api/v1/concerns/batch',
        { concerns: Array.from({ length: 40 }, (_, i) => concern({ title: `Việc của Sở số ${i}` })) },
        { token: await d.as('officer@demo.local') },
      );
      const extra = more.body.items.map((i: { caseId: string }) => i.caseId);
      await h.sql(`UPDATE cases SET status = 'ASSIGNED' WHERE id = ANY($1::uuid[])`, [extra]);
      await h.sql(
        `INSERT INTO assignment (case_id, org_unit_id, role, resolve_due_at, acknowledge_due_at)
         SELECT t.id, o.id, 'LEAD', now() + interval '10 days', now() + interval '2 days' FROM unnest($1::uuid[]) AS t(id), org_unit o WHERE o.code = 'NNMT'`,
        [[...rest, ...extra]],
      );
      const agency = await person('nnmt@demo.local');
      const { page } = agency;
      await page.locator('.inbox-table').waitFor();
      // 60 written here and the 2 routed in the bulk step.
      expect(await total(page)).toBe(62);
      expect(await page.getByTestId('inbox-open').textContent()).toBe('Đang xử lý: 62');
      expect(await page.locator('.inbox-table tbody tr').count()).toBe(50);
      // Page 1's table stays until page 2 is drawn: wait for it to go before reading the rows.
      const firstPage = await page.locator('.inbox-table').elementHandle();
      await page.getByRole('link', { name: 'Trang sau ›' }).first().click();
      await page.waitForURL(/page=2/);
      await firstPage?.waitForElementState('hidden');
      await page.locator('.inbox-table tbody tr').nth(11).waitFor();
      expect(await page.locator('.inbox-table tbody tr').count()).toBe(12);
      await agency.screenshot('queues-03-agency-inbox-page-2');
      expect(await axe(page)).toEqual([]);
      await page.locator('.inbox-table tbody tr').last().locator('a.case-link').click();
      await page.getByRole('button', { name: 'Nhận xử lý' }).click();
      await page.getByTestId('flash').filter({ hasText: 'Đơn vị đã nhận xử lý vụ việc' }).waitFor();
      await page.goBack();
      await page.waitForURL(/page=2/);
      await page.locator('.inbox-table').waitFor();
      expect(agency.problems).toEqual([]);
    },
    STEP_MS,
  );
});
