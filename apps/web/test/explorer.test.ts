// The explorer end to end against `next start`, in real Chromium: every experiment runs from its page, the URL and
// the form drive the parameters, hostile URLs are harmless, and the browser computes the same numbers as Node.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { formatParamText, runExperiment } from '@hw3/core';
import { writeQuery } from '../src/url-state';
import { launch, openPage, type Browser, type WatchedPage } from './helpers/browser';
import { startNext, type Running } from './helpers/next-server';
import { exportedJson, plotInk, rawValueKeysShown, repeatedIds, startHeldRun, waitForRun } from './helpers/app';
import { numberDifferences } from './helpers/same-numbers';
import { cases, numericField } from './fixtures';

let server: Running;
let browser: Browser;
const pages: WatchedPage[] = [];
const metrics: Record<string, unknown> = {};

beforeAll(async () => {
  server = await startNext();
  browser = await launch();
});

afterAll(async () => {
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/metrics.json', `${JSON.stringify(metrics, null, 2)}\n`);
  await browser?.close();
  await server?.stop();
});

// Pages of a failed test are closed too, so they do not keep running in the background.
afterEach(async () => {
  for (const p of pages.splice(0)) await p.page.close().catch(() => undefined);
});

async function open(): Promise<WatchedPage> {
  const p = await openPage(browser, server.base);
  pages.push(p);
  return p;
}

/** No console errors, no uncaught exceptions, nothing fetched from outside the site. */
function expectClean(p: WatchedPage): void {
  expect(p.errors).toEqual([]);
  expect(p.offsite).toEqual([]);
}

const url = (path: string, query = '') => `${server.base}${path}${query ? `?${query}` : ''}`;

test('the home page lists every experiment under its question, and links to the claim checker', async () => {
  const p = await open();
  await p.page.goto(url('/'));
  for (const { experiment } of cases) {
    const link = p.page.locator(`a[href="/experiments/${experiment.id}"], a[href="/experiments/${experiment.id}/"]`);
    await expect(link.textContent()).resolves.toContain(experiment.title);
  }
  expect(await p.page.locator('a[href="/claims"], a[href="/claims/"]').count()).toBeGreaterThan(0);
  expectClean(p);
  await p.page.close();
});

// The mechanics (form, URL, back/forward, hostile input) are the same code for every experiment: they are exercised
// on every experiment whose quick run is fast, so that slow training experiments do not dominate the suite.
const FAST_MS = 3000;
const nodeMsById = new Map<string, number>();

describe.each(cases)('$experiment.id', (c) => {
  const path = `/experiments/${c.experiment.id}/`;
  const seed = 7;
  let nodeResult: unknown;
  let nodeMs = 0;

  beforeAll(async () => {
    const t0 = performance.now();
    nodeResult = JSON.parse(JSON.stringify(await runExperiment(c.experiment, c.params, { seed })));
    nodeMs = performance.now() - t0;
    nodeMsById.set(c.experiment.id, nodeMs);
  });

  test('runs from its page (verdict, values by label with no raw key, a drawn plot, KaTeX) with the same numbers as runExperiment in Node', async () => {
    const p = await open();
    const t0 = Date.now();
    await p.page.goto(url(path, writeQuery(c.fields, c.params, seed)));
    await waitForRun(p.page, c.params, seed, 240_000);
    metrics[`${c.experiment.id}: load to result in the browser (ms)`] = Date.now() - t0;
    metrics[`${c.experiment.id}: runExperiment in Node (ms)`] = Math.round(nodeMs);
    // The page's verdict is the one the checks in Node give (whether those pass is the experiment's own tests' job;
    // a failing check in a quick preset is listed in the metrics for the report).
    const checks = (nodeResult as { checks: { pass: boolean; name: string }[] }).checks;
    const failed = checks.filter((k) => !k.pass);
    if (failed.length > 0) metrics[`${c.experiment.id}: checks failing in Node too (seed ${seed})`] = failed.map((k) => k.name);
    const verdict = await p.page.textContent('[data-testid="verdict"]');
    expect(verdict).toContain(failed.length === 0 ? `all ${checks.length} checks pass` : `${failed.length} of ${checks.length} checks fail`);
    if ((await p.page.locator('.plot').count()) > 0) {
      expect(await plotInk(p.page)).toBeGreaterThan(500);
    }
    expect(await p.page.locator('.closed-form .katex').count()).toBe(1);
    expect(await repeatedIds(p.page)).toEqual([]);
    // Bit for bit (issue 8): every number of the exported JSON (values, checks, series, tables) equals Node's.
    const exported = await exportedJson(p.page);
    // Issue 18: the value cards, checks and tables name every value by its label, never by the key scripts read.
    expect(await rawValueKeysShown(p.page, exported, c.experiment.values)).toEqual([]);
    const diff = numberDifferences(exported, nodeResult);
    if (diff.lastBits.length > 0) metrics[`${c.experiment.id}: libm-level (relative ≤ 1e-12) differences browser vs Node`] = diff.lastBits.slice(0, 5);
    expect(diff.large).toEqual([]);
    expect(diff.lastBits, 'last-bit differences: a JS-derived value still uses Math.* instead of the core libm').toEqual([]);
    expectClean(p);
  }, 300_000);

  const poke = numericField(c);
  test.runIf(poke)('a parameter changed in the form goes to the URL and runs; back and forward restore it', async (ctx) => {
    if (nodeMs > FAST_MS) ctx.skip();
    const { field, other } = poke!;
    const p = await open();
    await p.page.goto(url(path, writeQuery(c.fields, c.params, seed)));
    await waitForRun(p.page, c.params, seed);
    const input = p.page.locator(`#param-${field.name}`);
    await input.fill('not a number');
    await expect(p.page.locator(`#param-${field.name}-error`).textContent()).resolves.toContain(field.name);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    const before = p.page.url();
    await p.page.getByTestId('run').click();
    expect(p.page.url()).toBe(before);
    expect(await p.page.evaluate(() => document.activeElement?.id)).toBe(`param-${field.name}`);

    await input.fill(formatParamText(other));
    await p.page.getByTestId('run').click();
    const changed = { ...c.params, [field.name]: other };
    await waitForRun(p.page, changed, seed);
    expect(new URL(p.page.url()).searchParams.get(field.name)).toBe(formatParamText(other));
    expect((await exportedJson(p.page)).params[field.name]).toBe(other);

    await p.page.goBack();
    await waitForRun(p.page, c.params, seed);
    expect(await input.inputValue()).toBe(formatParamText(c.params[field.name]));
    await p.page.goForward();
    await waitForRun(p.page, changed, seed);
    expect(await input.inputValue()).toBe(formatParamText(other));
    expectClean(p);
    await p.page.close();
  });

  test.runIf(poke)('a parameter set in the URL fills the form and runs', async (ctx) => {
    if (nodeMs > FAST_MS) ctx.skip();
    const { field, other } = poke!;
    const p = await open();
    const params = { ...c.params, [field.name]: other };
    await p.page.goto(url(path, writeQuery(c.fields, params, 99)));
    await waitForRun(p.page, params, 99);
    expect(await p.page.locator(`#param-${field.name}`).inputValue()).toBe(formatParamText(other));
    expect(await p.page.locator('#param-seed').inputValue()).toBe('99');
    expect((await exportedJson(p.page)).seed).toBe(99);
    expectClean(p);
    await p.page.close();
  });

  test.runIf(poke)('hostile URL input shows a message, falls back to the default, injects nothing', async (ctx) => {
    if (nodeMs > FAST_MS) ctx.skip();
    const { field } = poke!;
    const expected = { ...c.params, [field.name]: field.default };
    const hostile: [string, RegExp][] = [
      ['<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">', new RegExp(`${field.name} must be`)],
      ['1e999', new RegExp(field.name)],
      ['9'.repeat(10_000), new RegExp(field.name)],
    ];
    // Reading the address is one generic path (in the worker) for every experiment: each experiment gets one of the
    // hostile values in turn, so every value still meets several schemas at a third of the page loads.
    const turn = cases.indexOf(c) % hostile.length;
    for (const [value, message] of [hostile[turn]!]) {
      const query = new URLSearchParams(writeQuery(c.fields, c.params, 1));
      query.set(field.name, value);
      query.set('seed', '-1');
      // Raw, so that the keys reach the page exactly as typed.
      const raw = `${query.toString()}&__proto__=1&__proto__[polluted]=1&constructor=x&toString=y`;
      const p = await open();
      await p.page.goto(url(path, raw));
      await waitForRun(p.page, expected, 1);
      const text = (await p.page.getByTestId('url-problems').textContent()) ?? '';
      expect(text).toMatch(message);
      expect(text).toContain('Unknown parameter "__proto__"');
      expect(text).toContain('Unknown parameter "constructor"');
      expect(text).toMatch(/seed must be/);
      expect(await p.page.locator(`#param-${field.name}`).inputValue()).toBe(formatParamText(field.default));
      expect(await p.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await p.page.evaluate(() => 'polluted' in Object.prototype)).toBe(false);
      expect(await p.page.locator('main img[src="x"], main script').count()).toBe(0);
      expect(await p.page.textContent('[data-testid="verdict"]')).toMatch(/checks? pass|checks? fail/);
      expectClean(p);
    }
  });
});

test('cancel stops the slowest experiment and keeps the part that finished', async (ctx) => {
  const slowest = [...nodeMsById.entries()].sort((a, b) => b[1] - a[1])[0];
  if (!slowest || slowest[1] < FAST_MS) ctx.skip();
  const c = cases.find((k) => k.experiment.id === slowest![0])!;
  const p = await open();
  await p.page.goto(url(`/experiments/${c.experiment.id}/`, writeQuery(c.fields, c.params, 5)));
  await startHeldRun(p.page);
  await p.page.waitForFunction(() => Number(document.querySelector<HTMLProgressElement>('[data-testid="status"] progress')?.value) > 0, undefined, { timeout: 120_000 });
  await p.page.getByTestId('cancel').click();
  await p.page.waitForSelector('[data-testid="status"][data-status="cancelled"]', { timeout: 30_000 });
  const status = (await p.page.textContent('[data-testid="status"]')) ?? '';
  expect(status).toMatch(/Cancelled/);
  if (/showing the part that finished/.test(status)) expect(await p.page.textContent('[data-testid="verdict"]')).toContain('cancelled');
  // The page still works: the next run completes.
  await p.page.getByTestId('run').click();
  await waitForRun(p.page, c.params, 5, 240_000);
  expectClean(p);
}, 400_000);

test('an unknown experiment is a 404 page, not a crash', async () => {
  const p = await openPage(browser, server.base);
  const response = await p.page.goto(url('/experiments/no-such-thing/'));
  expect(response?.status()).toBe(404);
  expect(await p.page.textContent('h1')).toContain('Not found');
  expect(p.errors.filter((e) => !/404/.test(e))).toEqual([]);
  await p.page.close();
});

test('the API reference of @hw3/core is served under /docs/, linked from every page', async () => {
  const p = await open();
  await p.page.goto(url('/'));
  await p.page.getByRole('link', { name: 'API reference' }).click();
  await p.page.waitForURL(/\/docs\/$/);
  expect(await p.page.title()).toContain('@hw3/core');
  const inner = await p.page.goto(url('/docs/functions/loadExperiment.html'));
  expect(inner?.status()).toBe(200);
  expect(await p.page.textContent('h1')).toContain('loadExperiment');
  expectClean(p);
});

test('the hand-in report (HTML) holds every experiment run in the tab and renders offline', async () => {
  const p = await open();
  const shown = cases.filter((k) => ['remat', 'remat-schedule'].includes(k.experiment.id));
  for (const c of shown) {
    await p.page.goto(url(`/experiments/${c.experiment.id}/`, writeQuery(c.fields, c.params, 4)));
    await waitForRun(p.page, c.params, 4);
  }
  const [download] = await Promise.all([p.page.waitForEvent('download'), p.page.getByTestId('report').click()]);
  const file = (await download.path())!;
  const html = readFileSync(file, 'utf8');
  for (const c of shown) expect(html).toContain(c.experiment.title);
  expect(html).not.toMatch(/<script/i);
  // Opened from disk, it asks the network for nothing (saved under its .html name, as a browser saves it).
  const saved = `${file}.html`;
  copyFileSync(file, saved);
  const viewer = await browser.context.newPage();
  const requests: string[] = [];
  viewer.on('request', (r) => requests.push(r.url()));
  await viewer.goto(pathToFileURL(saved).href);
  expect(await viewer.locator('section.experiment').count()).toBe(shown.length);
  expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
  await viewer.close();
  expectClean(p);
});

test('the claim checker refutes 4b "8" and accepts "n"; the question and claim live in the URL', async () => {
  const p = await open();
  await p.page.goto(url('/claims/', 'question=4b&claim=8'));
  await p.page.waitForSelector('[data-testid="status"][data-status="done"]', { timeout: 60_000 });
  expect(await p.page.textContent('[data-testid="verdict"]')).toContain('refuted');
  await p.page.locator('#claim-formula').fill('n');
  await p.page.getByTestId('check').click();
  await p.page.waitForFunction(() => document.querySelector('[data-testid="verdict"]')?.textContent?.includes('consistent'), undefined, { timeout: 60_000 });
  expect(new URL(p.page.url()).searchParams.get('claim')).toBe('n');
  await p.page.goBack();
  await p.page.waitForFunction(() => document.querySelector('[data-testid="verdict"]')?.textContent?.includes('refuted'), undefined, { timeout: 60_000 });
  expect(await p.page.locator('#claim-formula').inputValue()).toBe('8');
  await p.page.goto(url('/claims/', `question=${encodeURIComponent('<b>x</b>')}&claim=${encodeURIComponent('d1 +')}&__proto__=1`));
  const problems = (await p.page.getByTestId('url-problems').textContent()) ?? '';
  expect(problems).toContain('Unknown question');
  expect(problems).toContain('Unknown parameter "__proto__"');
  await p.page.waitForSelector('[data-testid="run-error"]', { timeout: 60_000 });
  expect(await p.page.textContent('[data-testid="run-error"]')).toContain('formula');
  expect(await p.page.locator('main b').count()).toBe(0);
  expectClean(p);
});

test('screenshots of the main pages at phone and desktop width (test-results/)', async () => {
  const shown = [cases[0]!, ...cases.filter((c) => c.experiment.id === 'remat')];
  const shots: [string, string][] = [
    ['home', url('/')],
    ...shown.map((c): [string, string] => [c.experiment.id, url(`/experiments/${c.experiment.id}/`, writeQuery(c.fields, c.params, 1))]),
    ['hostile', url(`/experiments/${shown[0]!.experiment.id}/`, `${numericField(shown[0]!)?.field.name ?? 'x'}=${encodeURIComponent('<script>')}&__proto__=1&seed=-1`)],
    ['claims', url('/claims/', 'question=4b&claim=8')],
  ];
  mkdirSync('test-results', { recursive: true });
  for (const [name, address] of shots) {
    for (const [width, height, label] of [
      [390, 844, 'phone'],
      [1280, 900, 'desktop'],
    ] as const) {
      const p = await open();
      await p.page.setViewportSize({ width, height });
      await p.page.goto(address);
      if (address.includes('/experiments/')) {
        await startHeldRun(p.page, 240_000);
        await p.page.waitForSelector('[data-testid="status"][data-status="done"]', { timeout: 240_000 });
      }
      if (address.includes('/claims/')) await p.page.waitForSelector('[data-testid="verdict"]', { timeout: 60_000 });
      await p.page.screenshot({ path: `test-results/${name}-${label}.png`, fullPage: true });
      // Screen-sized views too (the full pages are long): the top, and the first figure.
      await p.page.screenshot({ path: `test-results/${name}-${label}-top.png` });
      if ((await p.page.locator('.figure').count()) > 0) {
        await p.page.locator('.figure').first().scrollIntoViewIfNeeded();
        await p.page.screenshot({ path: `test-results/${name}-${label}-figure.png` });
      }
      // Nothing may overflow the viewport sideways (tables and plots scroll inside their own boxes).
      expect(await p.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expectClean(p);
      await p.page.close();
    }
  }
}, 600_000);
