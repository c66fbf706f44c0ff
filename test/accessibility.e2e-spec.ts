import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { DESKTOP, launchBrowser, Person, PHONE } from './helpers/browser.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { Desk } from './helpers/workflow.js';

/**
 * Every page of every role, checked with axe-core (WCAG 2.x A and AA rules) on a laptop and on a
 * phone: any violation of impact serious or critical fails, and is printed. A new page is one more
 * row of PAGES; `{case}` stands for a case every role may see (routed to UBND, logged by the
 * demo officer).
 */
const PAGES: Array<{ role: string; email: string; hash: string }> = [
  { role: 'officer', email: 'officer@demo.local', hash: '#/officer/new' },
  { role: 'officer', email: 'officer@demo.local', hash: '#/officer/mine' },
  { role: 'officer', email: 'officer@demo.local', hash: '#/cases/{case}' },
  { role: 'triager', email: 'triage@demo.local', hash: '#/triage' },
  { role: 'triager', email: 'triage@demo.local', hash: '#/officer/new' },
  { role: 'triager', email: 'triage@demo.local', hash: '#/cases' },
  { role: 'triager', email: 'triage@demo.local', hash: '#/letters' },
  { role: 'triager', email: 'triage@demo.local', hash: '#/cases/{case}' },
  { role: 'agency', email: 'ubnd@demo.local', hash: '#/agency' },
  { role: 'agency', email: 'ubnd@demo.local', hash: '#/cases' },
  { role: 'agency', email: 'ubnd@demo.local', hash: '#/cases/{case}' },
  { role: 'leader', email: 'leader@demo.local', hash: '#/leader' },
  { role: 'leader', email: 'leader@demo.local', hash: '#/cases' },
  { role: 'leader', email: 'leader@demo.local', hash: '#/letters' },
  { role: 'leader', email: 'leader@demo.local', hash: '#/cases/{case}' },
  { role: 'admin', email: 'admin@demo.local', hash: '#/admin' },
  { role: 'triager', email: 'triage@demo.local', hash: '#/triage?sort=oldest&unassigned=true' },
  { role: 'leader', email: 'leader@demo.local', hash: '#/cases?figure=received' },
  { role: 'admin', email: 'admin@demo.local', hash: '#/admin/units' },
  { role: 'admin', email: 'admin@demo.local', hash: '#/admin/users' },
  { role: 'admin', email: 'admin@demo.local', hash: '#/admin/categories' },
  { role: 'admin', email: 'admin@demo.local', hash: '#/admin/routing' },
  { role: 'admin', email: 'admin@demo.local', hash: '#/admin/policies' },
  { role: 'admin', email: 'admin@demo.local', hash: '#/admin/calendar' },
  { role: 'admin', email: 'admin@demo.local', hash: '#/admin/programmes' },
  { role: 'admin', email: 'admin@demo.local', hash: '#/admin/templates' },
];

const VIEWPORTS = { laptop: { width: 1366, height: 768 }, phone: PHONE };
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const FAILING = new Set(['serious', 'critical']);

describe('accessibility of every page (axe-core, WCAG 2.x A/AA)', () => {
  let h: Harness;
  let browser: Browser;
  let caseId = '';
  const people = new Map<string, Person>();

  beforeAll(async () => {
    h = await startHarness();
    await h.reset();
    const d = new Desk(h);
    caseId = await d.newCase();
    const routed = await d.triage(caseId, { supportingAgencies: [] });
    if (routed.status !== 200) throw new Error(`triage failed: ${routed.status}`);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    for (const p of people.values()) await p.close().catch(() => undefined);
    await browser?.close();
    await h?.close();
  }, 60_000);

  /** One logged-in browser per role and viewport, reused across that role's pages. */
  async function personFor(email: string, viewport: keyof typeof VIEWPORTS) {
    const key = `${email} ${viewport}`;
    if (!people.has(key)) {
      const p = await Person.open(browser, h.api.baseUrl, VIEWPORTS[viewport] ?? DESKTOP);
      await p.login(email);
      people.set(key, p);
    }
    return people.get(key)!;
  }

  const cases = PAGES.flatMap((p) => (Object.keys(VIEWPORTS) as Array<keyof typeof VIEWPORTS>).map((viewport) => ({ ...p, viewport })));

  it.each(cases)(
    '$role $hash at $viewport: no serious or critical violation',
    async ({ email, hash, viewport }) => {
      const person = await personFor(email, viewport);
      const { page } = person;
      await person.goto(hash.replace('{case}', caseId));
      await page.locator('main h1').first().waitFor();
      // Sections load after the heading: wait until nothing says "loading".
      // (a locator, not waitForFunction: the page's CSP forbids the string evaluation that would use).
      await page.locator('main .loading, main [aria-busy=true]').first().waitFor({ state: 'detached', timeout: 15_000 });
      const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      const bad = result.violations
        .filter((v) => FAILING.has(v.impact ?? ''))
        .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
      if (bad.length) console.log(`axe: ${hash} at ${viewport}\n${JSON.stringify(bad, null, 2)}`);
      expect(bad).toEqual([]);
      expect(person.problems).toEqual([]);
    },
    60_000,
  );
});
