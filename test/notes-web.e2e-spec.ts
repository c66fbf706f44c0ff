import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, Person } from './helpers/browser.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { Desk } from './helpers/workflow.js';

/**
 * Reply templates and notes in Chromium: the admin adds a template on the admin screen; the agency
 * inserts it into its progress report (placeholders filled) and leaves a note; the triage desk sees
 * the note on the case page; the officer's case page has no notes at all.
 */
describe('reply templates and notes in the browser', () => {
  let h: Harness;
  let d: Desk;
  let browser: Browser;
  const people: Person[] = [];
  const STEP_MS = 60_000;
  const NOTE = 'Đã làm việc với UBND xã, hẹn kiểm tra hiện trường thứ Năm.';

  /** Accessibility of the part of the page this feature adds (axe-core, WCAG 2.1 A and AA rules). */
  async function axe(page: Page, selector: string) {
    const result = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  async function person(email: string) {
    const p = await Person.open(browser, h.api.baseUrl);
    people.push(p);
    await p.login(email);
    return p;
  }

  beforeAll(async () => {
    h = await startHarness();
    await h.reset();
    d = new Desk(h);
    browser = await launchBrowser();
  }, STEP_MS);
  afterAll(async () => {
    for (const p of people) await p.close().catch(() => undefined);
    await browser?.close();
    await h?.close();
  }, STEP_MS);

  it(
    'the admin adds a template; the agency inserts it and adds a note, which the triager sees and the officer does not',
    async () => {
      const admin = await person('admin@demo.local');
      await admin.goto('#/admin');
      await admin.page.getByRole('navigation', { name: 'Các mục quản trị' }).getByRole('link', { name: 'Mẫu trả lời theo lĩnh vực' }).click();
      const form = admin.page.getByTestId('template-form');
      await form.getByLabel('Lĩnh vực').selectOption('LAND');
      await form.getByLabel('Dùng cho').selectOption('AGENCY_ANSWER');
      await form.getByLabel('Tên mẫu').fill('Đang rà soát hồ sơ bồi thường');
      await form.getByLabel('Nội dung mẫu').fill('{agencyName} đang rà soát hồ sơ bồi thường của vụ việc {caseCode} tại {areaName}.');
      await form.getByRole('button', { name: 'Lưu mẫu' }).click();
      await admin.page.getByTestId('flash').filter({ hasText: 'Đã lưu mẫu' }).waitFor();
      await admin.page.getByTestId('templates-list').getByText('Đang rà soát hồ sơ bồi thường').waitFor();
      await admin.screenshot('notes-01-admin-templates');
      expect(await axe(admin.page, 'main')).toEqual([]);

      const caseId = await d.newCase();
      expect((await d.triage(caseId, { leadAgency: 'NNMT', supportingAgencies: [] })).status).toBe(200);
      expect((await d.agency('nnmt@demo.local', await d.assignment('nnmt@demo.local', caseId), 'acknowledge')).status).toBe(200);
      const { code } = (await d.caseAs('triage@demo.local', caseId)).body;

      const agency = await person('nnmt@demo.local');
      await agency.goto(`#/cases/${caseId}`);
      const page = agency.page;
      await page.getByRole('button', { name: 'Báo cáo tiến độ' }).click();
      const progress = page.locator('.disclosure', { has: page.getByRole('button', { name: 'Báo cáo tiến độ' }) });
      const picker = progress.getByLabel('Chèn mẫu trả lời');
      await picker.locator('option', { hasText: 'Đang rà soát hồ sơ bồi thường' }).waitFor({ state: 'attached' });
      await picker.selectOption({ label: 'Đang rà soát hồ sơ bồi thường' });
      await progress.getByRole('button', { name: 'Chèn vào nội dung' }).click();
      const text = await progress.getByLabel('Tiến độ thực hiện').inputValue();
      expect(text).toBe(`Sở Nông nghiệp và Môi trường đang rà soát hồ sơ bồi thường của vụ việc ${code} tại Phường Cam Đường.`);
      await agency.screenshot('notes-02-agency-template');
      expect(await axe(page, '[data-testid=template-picker]')).toEqual([]);
      await progress.getByRole('button', { name: 'Gửi' }).click();
      await page.getByTestId('flash').filter({ hasText: 'Đã gửi báo cáo tiến độ' }).waitFor();
      // The page is drawn again after the report: the new timeline entry says it is done.
      await page.locator('[data-testid=timeline] [data-event=PROGRESS_REPORTED]').waitFor();
      const events = await d.events(caseId);
      expect(events.find((e) => e.type === 'PROGRESS_REPORTED')?.payload.note).toBe(text);

      const notes = page.getByTestId('notes-section');
      // A mention of someone who may not read the notes is refused at the text, naming the @word typed.
      await notes.getByLabel('Ghi chú mới').fill('Đề nghị @xd@demo.local cho ý kiến.');
      await notes.getByRole('button', { name: 'Thêm ghi chú' }).click();
      await notes.getByText('@xd@demo.local: người hoặc đơn vị này không được xem ghi chú của vụ việc').first().waitFor();
      expect(await h.sql(`SELECT count(*)::int AS n FROM case_note`)).toEqual([{ n: 0 }]);
      await notes.getByLabel('Ghi chú mới').fill(NOTE);
      // The picker offers those who may read the notes; the choice goes into the text as its @word.
      const mention = notes.getByLabel('Nhắc đến người hoặc đơn vị');
      await mention.locator('option', { hasText: 'Nguyễn Thị Lan' }).waitFor({ state: 'attached' });
      expect(await mention.locator('option', { hasText: 'Văn thư UBND tỉnh' }).count()).toBe(0);
      await mention.selectOption({ label: 'Nguyễn Thị Lan (thường trực) (Cán bộ thường trực (phân loại))' });
      await notes.getByRole('button', { name: 'Thêm vào ghi chú' }).click();
      expect(await notes.getByLabel('Ghi chú mới').inputValue()).toBe(`${NOTE} @triage@demo.local `);
      await notes.getByRole('button', { name: 'Thêm ghi chú' }).click();
      await page.getByTestId('flash').filter({ hasText: 'Đã thêm ghi chú và gửi thư báo cho: Nguyễn Thị Lan (thường trực)' }).waitFor();
      await notes.getByTestId('notes').getByText(NOTE).waitFor();
      await agency.screenshot('notes-03-agency-note');
      expect(await axe(page, '[data-testid=notes-section]')).toEqual([]);

      const triage = await person('triage@demo.local');
      await triage.goto(`#/cases/${caseId}`);
      const seen = triage.page.getByTestId('notes-section');
      await seen.getByText(NOTE).waitFor();
      expect(await seen.textContent()).toContain('Văn thư Sở Nông nghiệp và Môi trường');
      await triage.screenshot('notes-04-triage-sees-note');

      const officer = await person('officer@demo.local');
      await officer.goto(`#/cases/${caseId}`);
      await officer.page.getByTestId('timeline').waitFor();
      expect(await officer.page.getByTestId('notes-section').count()).toBe(0);
      expect(await officer.page.locator('main').textContent()).not.toContain(NOTE);

      // Only the refused mention's 422, which the test asked for, was reported by a page.
      const problems = people.flatMap((p) => p.problems);
      expect(problems).toEqual(['console: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)']);
    },
    STEP_MS,
  );
});
