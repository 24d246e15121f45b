// Page-level helpers shared by the end-to-end tests.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describeValues, type ExperimentResult, type ValueCatalog } from '@hw3/core';

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

/** The ids that more than one element of the page carries (labels and aria references need each id unique). */
export function repeatedIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  });
}

/** Waits until every figure on the page is drawn: figures draw a frame after the result shows (uPlot loads on
 * demand), and a drawn one marks its box with the y range it drew. */
export async function figuresDrawn(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.plot')].every((el) => el.dataset.yRange !== undefined), undefined, { timeout });
}

/** Number of non-blank pixels on the first plot canvas, once the figures are drawn (0 when none was drawn). */
export async function plotInk(page: Page): Promise<number> {
  await figuresDrawn(page);
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

/** The current status once it is one of `states`. */
async function statusOnceIn(page: Page, states: string[], timeout: number, runKey?: string): Promise<string> {
  await page.waitForFunction(
    ({ k, states }) => {
      const el = document.querySelector('[data-testid="status"]');
      return (k === undefined || el?.getAttribute('data-run') === k) && states.includes(el?.getAttribute('data-status') ?? '');
    },
    { k: runKey, states },
    { timeout },
  );
  return (await page.getAttribute('[data-testid="status"]', 'data-status')) ?? '';
}

/** A page opened on a run estimated to take more than a few seconds holds it (issue 18): start it as a reader would,
 * with "Run these parameters". Returns once the page has either started the run (or finished it) by itself, or been
 * told to. */
export async function startHeldRun(page: Page, timeout = 60_000, runKey?: string): Promise<void> {
  if ((await statusOnceIn(page, ['running', 'held', 'done', 'error'], timeout, runKey)) === 'held') await page.getByTestId('run-held').click();
}

/** Waits until a run with exactly these parameters and seed has finished, starting it if the page held it. */
export async function waitForRun(page: Page, params: Record<string, unknown>, seed: number, timeout = 60_000): Promise<void> {
  const key = JSON.stringify({ params, seed });
  await startHeldRun(page, timeout, key);
  const status = await statusOnceIn(page, ['done', 'error'], timeout, key);
  if (status === 'error') throw new Error(`run failed: ${await page.textContent('[data-testid="run-error"]')}`);
}

/** A key written as an identifier ('slopeD1', 'var_score_mu'): what must never reach a reader. Plain words ('fwd',
 * 'trials') are the homework's own vocabulary and may appear in prose (the terminal's walk, apps/tui's
 * values-rendered test, draws the same line). */
const identifierKeys = (values: Record<string, unknown>) => Object.keys(values).filter((key) => /[^a-z]/.test(key));

/** What the rendered result (value cards, checks, figures, tables; visible or read to screen readers) shows wrongly:
 * each raw value key it contains, and each value label it lacks. Empty when every value reads by its label. */
export async function rawValueKeysShown(page: Page, result: ExperimentResult, catalog: ValueCatalog): Promise<string[]> {
  const text = (await page.locator('section.result').first().textContent()) ?? '';
  const raw = identifierKeys(result.values).filter((key) => new RegExp(`(^|[^\\w])${key}([^\\w]|$)`).test(text));
  const missing = describeValues(catalog, result.values)
    .filter((v) => !text.includes(v.label))
    .map((v) => `no label "${v.label}" for ${v.key}`);
  return [...raw.map((key) => `raw key ${key}`), ...missing];
}
