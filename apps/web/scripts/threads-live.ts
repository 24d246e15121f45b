// One or two kernel threads per training run, timed in Chromium against `next start` (the server build in .next/; run
// `npm run build -w @hw3/web` first). Each measurement is lr-transfer run from its page at one learning rate, widths
// 8 and W (the width-8 runs cost next to nothing), MNIST, batch 64, Adam, one training worker: three width-W training
// runs. Each is run with few and with many steps, and the difference divided by the extra steps gives the wall time
// of one training step at width W, free of the page load, the worker start and the evaluation. Threads 1 and 2
// alternate, back to back, so that both see the same load (printed with each line: this machine is shared).
// Usage (from apps/web): node --import tsx scripts/threads-live.ts [--width 2048] [--steps 5,65] [--rounds 2]
import { availableParallelism, loadavg } from 'node:os';
import { launch, openPage, type Browser } from '../test/helpers/browser';
import { startNext } from '../test/helpers/next-server';
import { requireLiveSetUp } from './live-set-up';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const width = Number(option('width', '2048'));
const [fewSteps, manySteps] = option('steps', '5,65').split(',').map(Number) as [number, number];
const rounds = Number(option('rounds', '2'));
if (!(width >= 16 && width <= 4096 && fewSteps >= 1 && manySteps > fewSteps && rounds >= 1)) {
  console.error('usage: threads-live.ts [--width 16…4096] [--steps FEW,MANY with MANY > FEW ≥ 1] [--rounds ≥ 1]');
  process.exit(2);
}
requireLiveSetUp('threads');
const RUNS_AT_WIDTH = 3; // SP, μP and the control

function query(threads: number, steps: number): string {
  const q = new URLSearchParams({ dataset: 'mnist', optimizer: 'adam', widths: `8,${width}`, log2LrMin: '-10', log2LrMax: '-10', baseWidth: '8', steps: String(steps), batchSize: '64', seeds: '1', workers: '1', threads: String(threads), seed: '1' });
  return q.toString();
}

/** Wall time (ms) from navigation to the complete result. */
async function timedRun(browser: Browser, base: string, threads: number, steps: number): Promise<{ ms: number }> {
  const { page } = await openPage(browser, base);
  try {
    const t0 = performance.now();
    await page.goto(`${base}/experiments/lr-transfer/?${query(threads, steps)}`);
    await page.waitForFunction(() => ['running', 'held', 'done', 'error'].includes(document.querySelector('[data-testid="status"]')?.getAttribute('data-status') ?? ''), undefined, { timeout: 120_000 });
    if ((await page.getAttribute('[data-testid="status"]', 'data-status')) === 'held') await page.getByTestId('run-held').click();
    await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('[data-testid="status"]')?.getAttribute('data-status') ?? ''), undefined, { timeout: 900_000, polling: 20 });
    const ms = performance.now() - t0;
    if ((await page.getAttribute('[data-testid="status"]', 'data-status')) === 'error') throw new Error(`run failed: ${await page.textContent('[data-testid="run-error"]')}`);
    return { ms };
  } finally {
    await page.close();
  }
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const server = await startNext();
const browser = await launch();
try {
  console.log(`lr-transfer in Chromium, ${RUNS_AT_WIDTH} training runs at width ${width} (784→${width}→${width}→10, batch 64, Adam), ${fewSteps} vs ${manySteps} steps; ${availableParallelism()} cores`);
  const best = new Map<number, number>();
  for (let round = 1; round <= rounds; round++) {
    for (const threads of [1, 2]) {
      const before = load();
      const few = await timedRun(browser, server.base, threads, fewSteps);
      const many = await timedRun(browser, server.base, threads, manySteps);
      const perStep = (many.ms - few.ms) / (RUNS_AT_WIDTH * (manySteps - fewSteps));
      best.set(threads, Math.min(best.get(threads) ?? Infinity, perStep));
      console.log(`round ${round}, threads ${threads}: ${fewSteps} steps ${(few.ms / 1000).toFixed(2)} s, ${manySteps} steps ${(many.ms / 1000).toFixed(2)} s → ${perStep.toFixed(1)} ms per step (load ${before} → ${load()})`);
    }
  }
  const [one, two] = [best.get(1)!, best.get(2)!];
  console.log(`best per step: 1 thread ${one.toFixed(1)} ms, 2 threads ${two.toFixed(1)} ms, speed-up ${(one / two).toFixed(2)}×`);
} finally {
  await browser.close();
  await server.stop();
}
