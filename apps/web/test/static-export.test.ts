// The static export (out/, built by `npm run build:static`) served by a plain file server, as any static host would:
// every page loads offline, each experiment runs in the browser, and the .wasm is fetched from the export itself.
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeQuery } from '../src/url-state';
import { launch, openPage, type Browser } from './helpers/browser';
import { plotInk, waitForRun } from './helpers/app';
import { cases } from './fixtures';
// @ts-expect-error: a plain .mjs script without types
import { serveStatic } from '../scripts/serve-static.mjs';

let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync('out/index.html')) throw new Error('no static export in apps/web/out: run `npm run build -w @hw3/web` first');
  const started = (await serveStatic('out', 0)) as { server: Server; port: number };
  server = started.server;
  base = `http://127.0.0.1:${started.port}`;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

test('the exported home, claim and API reference pages load offline without errors', async () => {
  for (const path of ['/', '/claims/', '/docs/', '/docs/functions/loadExperiment.html']) {
    const p = await openPage(browser, base);
    await p.page.goto(`${base}${path}`);
    await p.page.waitForSelector('h1');
    await p.page.waitForLoadState('networkidle');
    expect(p.errors).toEqual([]);
    expect(p.offsite).toEqual([]);
    await p.page.close();
  }
});

// Every exported page loads and fetches the .wasm from the export; a few run to their verdict (the server tests run
// every experiment; these check the hosting, not the experiments again).
const fullRuns = new Set([...cases.slice(0, 2), ...cases.filter((c) => c.experiment.id === 'remat')].map((c) => c.experiment.id));

test.each(cases)('the exported $experiment.id page loads offline and runs in the browser', async (c) => {
  const p = await openPage(browser, base);
  const wasm: string[] = [];
  p.page.on('response', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(`${r.status()} ${r.headers()['content-type']}`);
  });
  await p.page.goto(`${base}/experiments/${c.experiment.id}/?${writeQuery(c.fields, c.params, 3)}`);
  await p.page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.getAttribute('data-status') !== 'idle');
  expect(await p.page.locator('.closed-form .katex').count()).toBe(1);
  if (fullRuns.has(c.experiment.id)) {
    await waitForRun(p.page, c.params, 3, 240_000);
    expect(await p.page.textContent('[data-testid="verdict"]')).toMatch(/all \d+ checks pass/);
    if ((await p.page.locator('.plot').count()) > 0) expect(await plotInk(p.page)).toBeGreaterThan(500);
  } else {
    // Running, or (estimated past a few seconds) held until a reader asks: either way the worker read the address.
    await p.page.waitForFunction(() => ['running', 'held', 'done'].includes(document.querySelector('[data-testid="status"]')?.getAttribute('data-status') ?? ''));
  }
  // The page fetches the .wasm ahead of its worker (early-worker.ts); the worker's own request is a second one here,
  // because request routing (openPage) turns Chromium's HTTP cache off. Every one comes from the export, as wasm.
  await expect.poll(() => wasm.length > 0 && wasm.every((w) => w === '200 application/wasm'), { timeout: 30_000 }).toBe(true);
  expect(p.errors).toEqual([]);
  expect(p.offsite).toEqual([]);
  await p.page.close();
}, 300_000);
