// `hw3 report` end to end: the built command writes one HTML file, and real Chromium (Debian's, through
// playwright-core) opens it from disk with every network request recorded. The file must render its sections with
// zero requests (everything inline; its Content-Security-Policy forbids anything else), and print to PDF.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.HW3_CHROMIUM ?? '/usr/bin/chromium';
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hw3-report-'));
const out = join(dir, 'answers.html');
let context: BrowserContext | undefined;

afterAll(async () => {
  await context?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(cli))('hw3 report → one HTML file that Chromium renders offline', () => {
  let run: SpawnSyncReturns<string>;
  beforeAll(async () => {
    // 1c and remat: fast, with figures, statistical and exact checks.
    run = spawnSync(process.execPath, [cli, 'report', '1c', 'remat', '--preset', 'quick', '--seed', '3', '--out', out, '--json'], { encoding: 'utf8' });
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1100, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache'), HOME: dir },
    });
  }, 180_000);

  it('exit code 0, one JSON summary naming the file', () => {
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { out: string; bytes: number; pass: boolean; seed: number; experiments: { id: string; verdict: string }[] };
    expect(summary).toMatchObject({ out, pass: true, seed: 3 });
    expect(summary.experiments.map((e) => `${e.id}:${e.verdict}`)).toEqual(['fan-in-only:pass', 'remat:pass']);
    expect(summary.bytes).toBe(readFileSync(out).length);
    expect(run.stderr).toMatch(/\[1\/2\] 1c fan-in-only \(quick preset\)…\n\[2\/2\] 4a–4c remat…/);
  });

  it('renders every section with zero network requests, and prints to PDF', async () => {
    const page = await context!.newPage();
    const fileUrl = pathToFileURL(out).href;
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => void (r.url() !== fileUrl && requests.push(r.url())));
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(fileUrl, { waitUntil: 'load' });

    expect(await page.title()).toBe('HW3 Lab — results');
    expect(await page.locator('header.report').innerText()).toMatch(/✓ all \d+ checks of 2 experiments pass/);
    const provenance = await page.locator('table.provenance').innerText();
    expect(provenance).toMatch(/seed\s+3/);
    expect(provenance).toMatch(/WebAssembly kernels \(SHA-256\)\s+[0-9a-f]{64}/);
    expect(provenance).toMatch(/code version\s+(git \S+|@hw3\/tui)/);
    expect(provenance).toMatch(/machine\s+\S+.*RAM/);
    expect(provenance).toContain('hw3 report 1c remat --preset quick --seed 3');

    const sections = page.locator('section.experiment');
    expect(await sections.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-experiment')}:${e.getAttribute('data-verdict')}`))).toEqual([
      'fan-in-only:pass',
      'remat:pass',
    ]);
    for (const id of ['fan-in-only', 'remat']) {
      const section = page.locator(`section[data-experiment="${id}"]`);
      const headings = await section.locator('h3').allInnerTexts();
      expect(headings).toEqual(expect.arrayContaining(['Closed form', 'Checks', 'Values', 'Figures', 'Parameters']));
      expect(await section.locator('figure svg').count()).toBeGreaterThan(0);
      // Drawn, not empty: the figures have a size on the page.
      const box = await section.locator('figure svg').first().boundingBox();
      expect(box!.width).toBeGreaterThan(400);
    }
    // Statistical checks (1c) carry an error bar; exact checks (remat) do not and say "exact".
    const statistical = page.locator('section[data-experiment="fan-in-only"] table.checks tbody tr');
    expect(await statistical.locator('svg.bar').count()).toBe(await statistical.count());
    const exact = page.locator('section[data-experiment="remat"] table.checks tbody tr');
    expect(await exact.locator('svg.bar').count()).toBe(0);
    expect(await exact.first().innerText()).toMatch(/exact/);

    await page.screenshot({ path: join(dir, 'report.png'), fullPage: false });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.contents').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // One page for the header and one per experiment at least (each experiment starts a page).
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThanOrEqual(3);

    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
