// How the explorer lays out a row of panels (figures whose series share a `group`), in real Chromium: TP5 Figure 1's
// SP and μP panels of transformer-lr-transfer side by side on a wide window and stacked on a narrow one, on one y
// range, with the loss floor (a horizontal reference line given by its two end points) drawn on the canvas and in the
// SVG export. The run is the experiment's smoke preset, sent through the address.
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findExperiment, paramFields, resolveParams } from '@hw3/core';
import { writeQuery } from '../src/url-state';
import { launch, openPage, type Browser, type WatchedPage } from './helpers/browser';
import { startNext, type Running } from './helpers/next-server';
import { figuresDrawn, startHeldRun, waitForResult } from './helpers/app';

let server: Running;
let browser: Browser;
let p: WatchedPage;

const experiment = findExperiment('transformer-lr-transfer')!;
const FLOOR = 'loss floor';

beforeAll(async () => {
  server = await startNext();
  browser = await launch();
  p = await openPage(browser, server.base);
  await p.page.setViewportSize({ width: 1400, height: 1000 });
  const fields = paramFields(experiment);
  const params = resolveParams(experiment, (experiment.presets as Record<string, Record<string, unknown>>).smoke!) as Record<string, unknown>;
  await p.page.goto(`${server.base}/experiments/${experiment.id}/?${writeQuery(fields, params, 3)}`);
  await startHeldRun(p.page, 120_000);
  await waitForResult(p.page, 240_000);
  await figuresDrawn(p.page);
});

afterAll(async () => {
  await p?.page.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

interface Box {
  title: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The boxes of the figures of the first row of panels, in page order. */
function panels(): Promise<Box[]> {
  return p.page.evaluate(() =>
    [...document.querySelectorAll('.figure-row')[0]!.querySelectorAll<HTMLElement>('figure.figure')].map((f) => {
      const r = f.getBoundingClientRect();
      return { title: f.querySelector('h3')?.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }),
  );
}

/** Canvas pixels (of each panel) of the colour uPlot's legend gives the series whose label starts with `label`. */
function pixelsOf(label: string): Promise<number[]> {
  return p.page.evaluate((label) => {
    const rgb = (css: string) => (css.match(/\d+/g) ?? []).slice(0, 3).map(Number);
    return [...document.querySelectorAll('.figure-row')[0]!.querySelectorAll<HTMLElement>('figure.figure')].map((f) => {
      const row = [...f.querySelectorAll<HTMLElement>('.u-legend .u-series')].find((r) => r.textContent?.trim().startsWith(label));
      const marker = row?.querySelector<HTMLElement>('.u-marker');
      const canvas = f.querySelector('canvas');
      if (!marker || !canvas) return -1;
      const [r, g, b] = rgb(getComputedStyle(marker).borderColor);
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) <= 12 && data[i + 3]! > 200) n++;
      return n;
    });
  }, label);
}

/** The y range each panel's uPlot drew (min and max of its y scale). */
function yRanges(): Promise<number[][]> {
  return p.page.evaluate(() =>
    [...document.querySelectorAll('.figure-row')[0]!.querySelectorAll<HTMLElement>('.plot')].map((el) => (el.dataset.yRange ?? '').split(' ').map(Number)),
  );
}

test('the SP and μP panels sit side by side at 1400 px, on one y range', async () => {
  const [sp, mup, ...rest] = await panels();
  expect(rest).toEqual([]);
  expect(sp!.title).toMatch(/^SP:/);
  expect(mup!.title).toMatch(/^μP:/);
  expect(Math.abs(sp!.top - mup!.top), 'same row').toBeLessThan(2);
  expect(mup!.left, 'μP right of SP').toBeGreaterThanOrEqual(sp!.right);
  // Wider than the 980 px text column: each panel gets more than half of it.
  expect(sp!.right - sp!.left).toBeGreaterThan(560);
  const [spRange, mupRange] = await yRanges();
  expect(spRange).toHaveLength(2);
  expect(spRange![1]!).toBeGreaterThan(spRange![0]!);
  expect(mupRange).toEqual(spRange);
  mkdirSync('test-results', { recursive: true });
  await p.page.locator('.figure-row').first().screenshot({ path: 'test-results/figure-row-1400.png' });
});

test('the loss floor is drawn on both panels’ canvases, and in the SVG export', async () => {
  const floor = await pixelsOf(FLOOR);
  // A dashed 2 px line across the plot (≥ 500 px wide): hundreds of pixels of its colour; 0 when it is not drawn.
  for (const n of floor) expect(n, `pixels of the loss floor per panel: ${floor}`).toBeGreaterThan(300);
  const [download] = await Promise.all([p.page.waitForEvent('download'), p.page.getByRole('group', { name: /^Export SP:/ }).getByRole('button', { name: 'SVG' }).click()]);
  const svg = readFileSync((await download.path())!, 'utf8');
  const line = svg.match(/<polyline data-series="loss floor[^"]*" points="([^"]+)"/);
  expect(line, 'the floor is a polyline of the SVG').not.toBeNull();
  const [a, b] = line![1]!.split(' ').map((pt) => pt.split(',').map(Number));
  expect(a![1]).toBe(b![1]);
  expect(b![0]! - a![0]!).toBeGreaterThan(600);
});

test('the panels stack at 700 px', async () => {
  await p.page.setViewportSize({ width: 700, height: 1000 });
  await p.page.waitForFunction(() => {
    const [a, b] = [...document.querySelectorAll('.figure-row')[0]!.querySelectorAll('figure.figure')].map((f) => f.getBoundingClientRect());
    return a !== undefined && b !== undefined && b.top >= a.bottom;
  }, undefined, { timeout: 10_000 });
  const [sp, mup] = await panels();
  expect(mup!.top).toBeGreaterThanOrEqual(sp!.bottom);
  expect(Math.abs(mup!.left - sp!.left)).toBeLessThan(2);
  expect(sp!.right).toBeLessThanOrEqual(700);
  expect(p.errors).toEqual([]);
  expect(p.offsite).toEqual([]);
});
