// Runs kept in the browser (IndexedDB), end to end in real Chromium against `next start`, with the real `hw3` CLI on a
// temporary run store: a run is kept and survives a reload; the explorer's export is what `hw3 runs import` reads and
// `hw3 runs export`'s file is what the explorer imports, with the same result either way; a bad file is refused with
// a typed error and nothing kept; a browser out of storage quota still runs and says runs are not kept.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { launch, openPage, type Browser, type WatchedPage } from './helpers/browser';
import { startNext, type Running } from './helpers/next-server';
import { exportedJson, repeatedIds, waitForResult } from './helpers/app';

const CLI = fileURLToPath(new URL('../../tui/dist/cli.js', import.meta.url));
const EXPERIMENT = 'remat';

let server: Running;
let browser: Browser;
let dir: string;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hw3-kept-runs-'));
  server = await startNext();
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  for (const p of pages.splice(0)) await p.page.close().catch(() => undefined);
});

async function open(): Promise<WatchedPage> {
  const p = await openPage(browser, server.base);
  pages.push(p);
  return p;
}

/** The `hw3` CLI (exit status checked), with its own HOME so nothing outside `dir` is touched. */
function hw3(...args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, 'data'), NO_COLOR: '1' } });
}

/** JSON round trip: what a file carries (no undefined, NaN as null). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const keptTotal = async (page: Page) => Number(await page.getAttribute('[data-testid="kept-runs"]', 'data-total'));

/** Waits until the kept-runs list shows `n` runs of the experiment. */
async function waitForKept(page: Page, n: number): Promise<void> {
  await page.waitForFunction((want) => document.querySelector('[data-testid="kept-runs"]')?.getAttribute('data-total') === String(want), n, { timeout: 30_000 });
}

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFileSync(await file.path(), 'utf8');
}

async function importFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('import-runs').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.waitForSelector('[data-testid="import-done"], [data-testid="import-error"]');
}

function expectClean(p: WatchedPage): void {
  expect(p.errors).toEqual([]);
  expect(p.offsite).toEqual([]);
}

let pageResult: unknown;
let pageExport: string;

test('a finished run is kept, listed after a reload (whose identical rerun is not kept twice), and opens without running again', async () => {
  const p = await open();
  await p.page.goto(`${server.base}/experiments/${EXPERIMENT}/?seed=11`);
  await waitForResult(p.page);
  pageResult = asJson(await exportedJson(p.page));
  await waitForKept(p.page, 1);
  expect(await p.page.getAttribute('[data-testid="kept-runs"]', 'data-keeping')).toBe('kept');

  await p.page.reload();
  await waitForResult(p.page);
  await p.page.waitForSelector('[data-testid="kept-runs"][data-keeping="kept"]');
  await waitForKept(p.page, 1);
  const row = p.page.getByTestId('kept-runs-table').locator('tbody tr');
  expect(await row.count()).toBe(1);
  expect(await row.locator('td').nth(1).textContent()).toBe('11');
  await row.getByRole('button', { name: /^Open/ }).click();
  const opened = p.page.getByTestId('opened-run');
  await opened.waitFor();
  const json = await download(p.page, () => opened.getByRole('group', { name: 'Export result' }).getByRole('button', { name: 'JSON' }).click());
  expect(JSON.parse(json)).toEqual(pageResult);
  expect(await opened.getByTestId('verdict').textContent()).toBe(await p.page.locator('[data-testid="verdict"]').first().textContent());
  // Two results on one page (the run and the opened one): every id on the page still names one element.
  expect(await repeatedIds(p.page)).toEqual([]);

  pageExport = await download(p.page, () => p.page.getByTestId('export-runs').click());
  expectClean(p);
});

test('the explorer’s export is what `hw3 runs import` reads: `hw3 runs show` gives the same result', () => {
  const file = join(dir, 'from-explorer.json');
  writeFileSync(file, pageExport);
  const store = join(dir, 'terminal.sqlite');
  expect(JSON.parse(hw3('runs', 'import', file, '--store', store, '--json'))).toEqual({ added: 1, skipped: 0 });
  // Importing again keeps one copy (the run's uid is kept).
  expect(JSON.parse(hw3('runs', 'import', file, '--store', store, '--json'))).toEqual({ added: 0, skipped: 1 });
  const [listed] = (JSON.parse(hw3('runs', 'list', '--store', store, '--json')) as { runs: { id: number; experiment: string; seed: number; uid: string }[] }).runs;
  expect(listed).toMatchObject({ experiment: EXPERIMENT, seed: 11, uid: (JSON.parse(pageExport) as { runs: { uid: string }[] }).runs[0]!.uid });
  const shown = JSON.parse(hw3('runs', 'show', String(listed!.id), '--store', store, '--json')) as { result: unknown; cpuMs: unknown };
  expect(shown.result).toEqual(pageResult);
  expect(shown.cpuMs).toBeNull();
  expect(hw3('runs', 'show', String(listed!.id), '--store', store)).toContain('the explorer, in a browser');
});

test('`hw3 runs export`’s file imports into the explorer, which lists and opens the same result', async () => {
  const store = join(dir, 'cli-runs.sqlite');
  hw3('run', EXPERIMENT, '--seed', '23', '--store', store, '--json');
  const file = join(dir, 'from-terminal.json');
  hw3('runs', 'export', '--store', store, '--out', file);
  const cliResult = (JSON.parse(readFileSync(file, 'utf8')) as { runs: { uid: string; result: unknown }[] }).runs[0]!;

  const p = await open();
  await p.page.goto(`${server.base}/experiments/${EXPERIMENT}/?seed=11`);
  await waitForResult(p.page);
  await p.page.waitForSelector('[data-testid="kept-runs"][data-keeping="kept"]');
  const before = await keptTotal(p.page);
  await importFile(p.page, 'from-terminal.json', readFileSync(file, 'utf8'));
  expect(await p.page.getByTestId('import-done').textContent()).toContain('imported 1 run');
  await waitForKept(p.page, before + 1);
  const row = p.page.locator(`[data-testid="kept-runs-table"] tr[data-uid="${cliResult.uid}"]`);
  expect(await row.locator('td').nth(1).textContent()).toBe('23');
  await row.getByRole('button', { name: /^Open/ }).click();
  const opened = p.page.getByTestId('opened-run');
  await opened.waitFor();
  expect(await opened.textContent()).toContain('(Node ');
  const json = await download(p.page, () => opened.getByRole('group', { name: 'Export result' }).getByRole('button', { name: 'JSON' }).click());
  expect(JSON.parse(json)).toEqual(cliResult.result);
  expectClean(p);
});

test('a corrupt or foreign file is refused with a typed error naming what is wrong, and nothing is kept', async () => {
  const p = await open();
  await p.page.goto(`${server.base}/experiments/${EXPERIMENT}/?seed=11`);
  await waitForResult(p.page);
  await p.page.waitForSelector('[data-testid="kept-runs"][data-keeping="kept"]');
  const count = () => p.page.evaluate(() => document.querySelectorAll('[data-testid="kept-runs-table"] tbody tr').length);
  const before = await keptTotal(p.page);
  expect(await count()).toBe(before);

  // The second of two runs is damaged: neither is kept (the first is a valid run of another seed).
  const good = JSON.parse(pageExport) as { runs: Array<{ uid: string; result: { seed: number } }> };
  const first = { ...good.runs[0]!, uid: 'fresh-run-1', result: { ...good.runs[0]!.result, seed: 99 } };
  const damaged = { ...good.runs[0]!, uid: 'fresh-run-2', result: { ...good.runs[0]!.result, seed: -1 } };
  const cases: Array<[string, string, string]> = [
    ['half-damaged.json', JSON.stringify({ ...good, runs: [first, damaged] }), 'runs.1.result.seed'],
    ['truncated.json', pageExport.slice(0, 200), 'is not JSON'],
    ['foreign.json', JSON.stringify({ format: 'mlflow', runs: [] }), 'format'],
  ];
  for (const [name, text, names] of cases) {
    await importFile(p.page, name, text);
    const error = p.page.getByTestId('import-error');
    expect(await error.getAttribute('data-code')).toBe('IMPORT_INVALID');
    const message = await error.textContent();
    expect(message).toContain(name);
    expect(message).toContain(names);
    expect(message).toContain('nothing was imported');
    expect(await keptTotal(p.page)).toBe(before);
  }
  await p.page.reload();
  await p.page.waitForSelector('[data-testid="kept-runs"][data-keeping="kept"]');
  await waitForKept(p.page, before);
  expect(await p.page.locator('[data-testid="kept-runs-table"] tr[data-uid="fresh-run-1"]').count()).toBe(0);
  // The file `hw3 runs import` refuses too (exit 2, the same code).
  const file = join(dir, 'half-damaged.json');
  writeFileSync(file, cases[0]![1]);
  const refused = (() => {
    try {
      hw3('runs', 'import', file, '--store', join(dir, 'refuses.sqlite'));
    } catch (error) {
      return error as { status: number; stderr: string };
    }
  })();
  expect(refused?.status).toBe(2);
  expect(refused?.stderr).toContain('runs.1.result.seed');
  expectClean(p);
});

test('a browser out of storage quota runs as before and says that runs are not kept', async () => {
  const p = await open();
  const cdp = await browser.context.newCDPSession(p.page);
  await cdp.send('Storage.clearDataForOrigin', { origin: server.base, storageTypes: 'indexeddb' });
  // A real quota refusal: Chromium's quota for this origin set to 1 byte (0 would mean "no override").
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.base, quotaSize: 1 });
  try {
    await p.page.goto(`${server.base}/experiments/${EXPERIMENT}/?seed=5`);
    await waitForResult(p.page);
    await p.page.waitForSelector('[data-testid="runs-not-kept"]', { timeout: 30_000 });
    expect(await p.page.getByTestId('runs-not-kept').textContent()).toMatch(/Runs are not kept in this browser: .*(quota|Quota)/);
    expect(await p.page.getByTestId('verdict').textContent()).toMatch(/checks? pass/);
    expect(await p.page.getByTestId('import-runs').isDisabled()).toBe(true);
    expectClean(p);
  } finally {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.base });
  }
});
