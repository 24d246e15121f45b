// Debian's Chromium driven by playwright-core: a fresh profile and XDG folders in a temp directory, so nothing is
// written under $HOME; every page records console errors and uncaught exceptions for the tests to assert on.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.HW3_CHROMIUM ?? '/usr/bin/chromium';

/** Why Chromium cannot be launched, in a sentence that says what to do; undefined when it is there. */
export function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  return `no Chromium at ${CHROMIUM}${process.env.HW3_CHROMIUM ? ' (from HW3_CHROMIUM)' : ''}: install Debian's with \`bash scripts/ensure-test-deps.sh\` from the repository root, or set HW3_CHROMIUM to a Chromium binary`;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(join(tmpdir(), 'hw3-web-e2e-'));
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache'), HOME: dir },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface WatchedPage {
  page: Page;
  /** Console errors, uncaught exceptions, and requests to anything but `origin` (which are blocked). */
  errors: string[];
  offsite: string[];
}

/** A new page that blocks every request leaving `origin` and records errors. */
export async function openPage(browser: Browser, origin: string): Promise<WatchedPage> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  const offsite: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    offsite.push(url);
    return route.abort();
  });
  return { page, errors, offsite };
}
