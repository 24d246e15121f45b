// Page-level helpers shared by the end-to-end tests.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { ExperimentResult } from '@hw3/core';

/** Waits until the current run has finished (status 'done'), failing fast on an error. */
export async function waitForResult(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const s = document.querySelector('[data-testid="status"]')?.getAttribute('data-status');
      return s === 'done' || s === 'error';
    },
    undefined,
    { timeout },
  );
  const status = await page.getAttribute('[data-testid="status"]', 'data-status');
  if (status === 'error') throw new Error(`run failed: ${await page.textContent('[data-testid="run-error"]')}`);
}

/** The result as the page exports it (the JSON button), parsed. */
export async function exportedJson(page: Page): Promise<ExperimentResult> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Export result' }).getByRole('button', { name: 'JSON' }).click()]);
  const path = await download.path();
  return JSON.parse(await readFile(path, 'utf8')) as ExperimentResult;
}

/** Number of non-blank pixels on the first plot canvas (0 when none was drawn). */
export async function plotInk(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.plot canvas');
    if (!canvas) return 0;
    const ctx = canvas.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) ink++;
    return ink;
  });
}

/** Waits until a run with exactly these parameters and seed has finished. */
export async function waitForRun(page: Page, params: Record<string, unknown>, seed: number, timeout = 60_000): Promise<void> {
  const key = JSON.stringify({ params, seed });
  await page.waitForFunction(
    (k) => {
      const el = document.querySelector('[data-testid="status"]');
      return el?.getAttribute('data-run') === k && ['done', 'error'].includes(el.getAttribute('data-status') ?? '');
    },
    key,
    { timeout },
  );
  const status = await page.getAttribute('[data-testid="status"]', 'data-status');
  if (status === 'error') throw new Error(`run failed: ${await page.textContent('[data-testid="run-error"]')}`);
}
