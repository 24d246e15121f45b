// Two kernel threads in the browser (issue 14, item 4): `next start` serves the training pages cross-origin isolated,
// so a run's worker can share its WebAssembly memory with a nested kernel-thread worker (the other pages are not:
// src/isolation.ts). A training experiment run from its page with 1 and with 2 threads gives the same numbers, bit for
// bit (lr-transfer's MLPs and a Transformer experiment); the static export (no headers) runs one thread and says why.
import type { Server } from 'node:http';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { writeQuery } from '../src/url-state';
import { launch, openPage, type Browser, type WatchedPage } from './helpers/browser';
import { startNext, type Running } from './helpers/next-server';
import { exportedJson, waitForRun } from './helpers/app';
import { cases } from './fixtures';
// @ts-expect-error: a plain .mjs script without types
import { serveStatic } from '../scripts/serve-static.mjs';

let server: Running;
let staticServer: Server;
let staticBase: string;
let browser: Browser;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  server = await startNext();
  const started = (await serveStatic('out', 0)) as { server: Server; port: number };
  staticServer = started.server;
  staticBase = `http://127.0.0.1:${started.port}`;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((r) => staticServer?.close(r));
});

afterEach(async () => {
  for (const p of pages.splice(0)) await p.page.close().catch(() => undefined);
});

async function open(origin: string): Promise<WatchedPage> {
  const p = await openPage(browser, origin);
  pages.push(p);
  return p;
}

const lrTransfer = cases.find((c) => c.experiment.id === 'lr-transfer')!;
const seed = 5;

test('next start serves the training pages cross-origin isolated, and no other page, all without errors', async () => {
  const pages: [string, boolean][] = [
    ['/', false],
    ['/claims/', false],
    ['/docs/', false],
    ['/experiments/remat/', false],
    ['/experiments/signgd-update/', false],
    ['/experiments/lr-transfer/', true],
    ['/experiments/transformer-lr-transfer/', true],
    ['/experiments/transformer-coord-check/', true],
  ];
  for (const [path, isolated] of pages) {
    const p = await open(server.base);
    const response = await p.page.goto(`${server.base}${path}`);
    expect(response?.headers()['cross-origin-opener-policy'], path).toBe(isolated ? 'same-origin' : undefined);
    expect(response?.headers()['cross-origin-embedder-policy'], path).toBe(isolated ? 'require-corp' : undefined);
    await p.page.waitForSelector('h1');
    await p.page.waitForLoadState('networkidle');
    expect(await p.page.evaluate(() => crossOriginIsolated), path).toBe(isolated);
    expect(p.errors, path).toEqual([]);
    expect(p.offsite, path).toEqual([]);
  }
});

// The home page is not isolated, and a soft navigation would keep its document: the card loads a new one.
test('following the home page\'s card to lr-transfer lands on an isolated page that offers two threads', async () => {
  const p = await open(server.base);
  await p.page.goto(`${server.base}/`);
  await p.page.waitForSelector('h1');
  expect(await p.page.evaluate(() => crossOriginIsolated)).toBe(false);
  await Promise.all([p.page.waitForURL(`${server.base}/experiments/lr-transfer/`), p.page.click('a.card[href="/experiments/lr-transfer/"]')]);
  await expect.poll(() => p.page.textContent('[data-testid="threads-note"]'), { timeout: 60_000 }).toContain('cross-origin isolated');
  expect(await p.page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(p.errors).toEqual([]);
});

// 2 is offered, 1 stays the default: a sweep of many runs is faster with one run per core than with two threads per run.
test('lr-transfer offers two threads on next start, and defaults to one', async () => {
  const p = await open(server.base);
  await p.page.goto(`${server.base}/experiments/lr-transfer/`);
  await expect.poll(() => p.page.textContent('[data-testid="threads-note"]'), { timeout: 60_000 }).toContain('cross-origin isolated');
  expect(await p.page.inputValue('#param-threads')).toBe('1');
});

test('lr-transfer from its page with 1 and 2 threads: the same bits, and the run records its threads', async () => {
  const results = [];
  for (const threads of [1, 2]) {
    const params = { ...lrTransfer.params, threads };
    const p = await open(server.base);
    // Requests of nested workers reach the context, not the page: hw3-shared.wasm is fetched only to start a kernel thread.
    const sharedWasm: string[] = [];
    const onRequest = (r: { url(): string }) => {
      if (/hw3-shared\.[^/]*wasm$/.test(r.url())) sharedWasm.push(r.url());
    };
    browser.context.on('request', onRequest);
    await p.page.goto(`${server.base}/experiments/lr-transfer/?${writeQuery(lrTransfer.fields, params, seed)}`);
    await waitForRun(p.page, params, seed, 240_000);
    const result = await exportedJson(p.page);
    expect(result.params.threads).toBe(threads);
    expect(result.values.threadsPerRun).toBe(threads);
    // The training worker started a kernel thread (and a step split in two waits for it) only when asked for two.
    browser.context.off('request', onRequest);
    expect(sharedWasm.length > 0).toBe(threads === 2);
    expect(await p.page.locator('[data-testid="url-problems"]').count()).toBe(0);
    expect(p.errors).toEqual([]);
    results.push(result);
  }
  const [one, two] = results.map(({ values: { threadsPerRun: _, ...values }, checks, series, tables }) => ({ values, checks, series, tables }));
  // Exact equality of every number (toEqual's Object.is would also tell -0 from 0 and NaN from a number).
  expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  expect(two).toEqual(one);
}, 600_000);

test('transformer-coord-check from its page with 1 and 2 threads: the same bits (a width of 256 splits its products)', async () => {
  const coordCheck = cases.find((c) => c.experiment.id === 'transformer-coord-check')!;
  const results = [];
  for (const threads of [1, 2]) {
    const params = { ...coordCheck.params, widths: [16, 64, 256], threads };
    const p = await open(server.base);
    const sharedWasm: string[] = [];
    const onRequest = (r: { url(): string }) => {
      if (/hw3-shared\.[^/]*wasm$/.test(r.url())) sharedWasm.push(r.url());
    };
    browser.context.on('request', onRequest);
    await p.page.goto(`${server.base}/experiments/transformer-coord-check/?${writeQuery(coordCheck.fields, params, seed)}`);
    await waitForRun(p.page, params, seed, 240_000);
    const result = await exportedJson(p.page);
    expect([result.params.threads, result.values.threadsPerRun]).toEqual([threads, threads]);
    // The Transformer's pool worker started a kernel thread (trainTransformer awaits it) only when asked for two.
    browser.context.off('request', onRequest);
    expect(sharedWasm.length > 0).toBe(threads === 2);
    expect(p.errors).toEqual([]);
    results.push(result);
  }
  const [one, two] = results.map(({ values: { threadsPerRun: _, ...values }, checks, series, tables }) => ({ values, checks, series, tables }));
  expect(JSON.stringify(two)).toBe(JSON.stringify(one));
}, 600_000);

test('the static export (no isolation headers) runs one thread and says why', async () => {
  const params = { ...lrTransfer.params, threads: 2 };
  const p = await open(staticBase);
  await p.page.goto(`${staticBase}/experiments/lr-transfer/?${writeQuery(lrTransfer.fields, params, seed)}`);
  await waitForRun(p.page, { ...params, threads: 1 }, seed, 240_000);
  expect(await p.page.evaluate(() => crossOriginIsolated)).toBe(false);
  expect(await p.page.textContent('[data-testid="url-problems"]')).toContain('threads = 2 cannot run here: the page is not cross-origin isolated');
  expect(await p.page.textContent('[data-testid="threads-note"]')).toContain('One kernel thread per training run: the page is not cross-origin isolated');
  const result = await exportedJson(p.page);
  expect([result.params.threads, result.values.threadsPerRun]).toEqual([1, 1]);
}, 300_000);
