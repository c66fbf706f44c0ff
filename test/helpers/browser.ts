import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium package: the tests never download a browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const SCREENSHOT_DIR = join(process.cwd(), 'test-artifacts', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * One person at their own browser (own context: own session storage and language choice), in
 * Vietnam. Script errors and failed requests the page reports are collected for the test to check.
 */
export class Person {
  readonly problems: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {
    page.on('pageerror', (e) => this.problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') this.problems.push(`console: ${m.text()}`);
    });
  }

  static async open(browser: Browser, baseUrl: string, viewport = DESKTOP): Promise<Person> {
    const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    return new Person(await context.newPage(), baseUrl);
  }

  async goto(hash: string) {
    await this.page.goto(`${this.baseUrl}/${hash}`);
  }

  /** Logs in through the login page with the keyboard only, as the demo users do (password demo-2026). */
  async login(email: string, password = 'demo-2026') {
    await this.goto('#/login');
    await this.page.getByLabel('Thư điện tử').focus();
    await this.page.keyboard.type(email);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(password);
    await this.page.keyboard.press('Enter');
    await this.page.getByTestId('current-user').waitFor();
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  }

  async close() {
    await this.page.context().close();
  }
}
