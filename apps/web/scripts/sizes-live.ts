// What each page really fetches and how soon it shows a result, measured in Chromium against `next start` (the server
// build in .next/; run `npm run build -w @hw3/web` first). For every experiment page, visited cold (empty cache) with
// its default parameters: the JavaScript fetched after the HTML's own scripts (the worker, the experiment's chunk,
// lazy chunks), whether the MNIST data chunk was fetched, and the time from navigation to the first result shown (a
// partial result of a run still going, or the complete one) and to the complete result. Then 1b and remat are timed
// three times each: cold (empty cache) in a new tab, cold in a tab already showing a file of the site, and warm
// (cached). The second condition leaves out what a new tab costs by itself, and each row says when the page's scripts
// were asked for: later on a cross-origin-isolated page, whose first visit in a tab waits for Chromium to start a
// renderer process for it (src/isolation.ts). Printed by `npm run sizes -w @hw3/web`.
// What was fetched is read from a recording proxy in front of `next start`, not from Chromium's page events: a worker
// started by a worker (lr-transfer's training pool) fetches the digits where page-level events do not see it.
import { readFileSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { experiments } from '@hw3/core';
import { launch, type Browser } from '../test/helpers/browser';
import { startNext } from '../test/helpers/next-server';
import { requireLiveSetUp } from './live-set-up';

requireLiveSetUp('sizes (live part; `-- --static` skips it)');

const WAIT_MS = 30_000;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const gzipped = new Map<string, number>();
/** gzip size of a /_next/static/ file as served by `next start` (read from .next/static). */
function gzipOf(url: string): number {
  const path = `.next/static/${new URL(url).pathname.replace(/^\/_next\/static\//, '')}`;
  if (!gzipped.has(path)) gzipped.set(path, gzipSync(readFileSync(path), { level: 9 }).length);
  return gzipped.get(path)!;
}
const isMnist = (url: string) => {
  const path = `.next/static/${new URL(url).pathname.replace(/^\/_next\/static\//, '')}`;
  return statSync(path).size > 1_000_000 && readFileSync(path, 'utf8').includes('MNIST_GZIP_BASE64');
};

interface Visit {
  firstLoadJs: number;
  laterJs: number;
  mnist: boolean;
  firstMs: number | undefined;
  completeMs: number | undefined;
  /** When the page asked for its first script (the HTML has arrived and its renderer is parsing it). */
  scriptsAskedMs: number | undefined;
}

/** How a visit starts: cache emptied or not, and whether the tab already shows a file of the site. */
interface Start {
  cold: boolean;
  /** The tab first opens the site's icon (an image: no script is run or cached), so its renderer is running. */
  tabOnSite?: boolean;
}

/** A proxy in front of `target` that records every URL it serves (the page's, its workers' and theirs). */
function recordingProxy(target: string): Promise<{ base: string; served: string[]; server: Server }> {
  const to = new URL(target);
  const served: string[] = [];
  const server = createServer((req, res) => {
    served.push(req.url ?? '');
    const upstream = request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ base: `http://127.0.0.1:${(server.address() as { port: number }).port}`, served, server })));
}

let served: string[] = [];

/** Requests that left the site (none expected: the explorer fetches nothing from the network). */
const offsite: string[] = [];

async function visit(browser: Browser, base: string, path: string, { cold, tabOnSite = false }: Start, waitComplete: boolean): Promise<Visit> {
  // A plain page, not the tests' openPage: Playwright's request routing (which blocks off-site requests there) turns
  // the HTTP cache off, so a 'warm' visit would fetch everything again. Here off-site requests are only recorded.
  const page = await browser.context.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !/^(blob|data):/.test(r.url())) offsite.push(r.url());
  });
  if (tabOnSite) await page.goto(`${base}/icon.svg`);
  if (cold) await (await browser.context.newCDPSession(page)).send('Network.clearBrowserCache');
  const from = served.length;
  const response = await page.goto(`${base}${path}`);
  const html = (await response?.text()) ?? '';
  const shown = () =>
    page
      .waitForFunction(() => (document.querySelector('[data-testid="verdict"], [data-testid="partial-verdict"]') ? performance.now() : false), undefined, { timeout: WAIT_MS, polling: 10 })
      .then((h) => h.jsonValue() as Promise<number>, () => undefined);
  const firstMs = await shown();
  const completeMs = waitComplete
    ? await page
        .waitForFunction(() => (document.querySelector('[data-testid="status"]')?.getAttribute('data-status') === 'done' ? performance.now() : false), undefined, { timeout: 120_000, polling: 10 })
        .then((h) => h.jsonValue() as Promise<number>, () => undefined)
    : undefined;
  // Training pages fetch the digits once training starts, possibly after a first (partial) result: wait until the
  // server has served nothing new for 1.5 s (at most 20 s) before counting what the page fetched.
  for (let seen = -1, quietSince = Date.now(), end = Date.now() + 20_000; Date.now() < end; await page.waitForTimeout(100)) {
    if (served.length !== seen) [seen, quietSince] = [served.length, Date.now()];
    else if (Date.now() - quietSince >= 1500) break;
  }
  const scriptsAskedMs = await page.evaluate(() => performance.getEntriesByType('resource').find((r) => r.name.endsWith('.js'))?.startTime);
  const fetched = [...new Set(served.slice(from).filter((u) => /^\/_next\/static\/.*\.js$/.test(u)))].map((u) => `${base}${u}`);
  const inHtml = fetched.filter((u) => html.includes(new URL(u).pathname));
  const later = fetched.filter((u) => !html.includes(new URL(u).pathname));
  await page.close();
  return {
    firstLoadJs: inHtml.reduce((s, u) => s + gzipOf(u), 0),
    laterJs: later.reduce((s, u) => s + gzipOf(u), 0),
    mnist: later.some(isMnist) || inHtml.some(isMnist),
    firstMs,
    completeMs,
    scriptsAskedMs,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (v: number | undefined) => (v === undefined ? '—' : `${Math.round(v)} ms`);

const next = await startNext();
const proxy = await recordingProxy(next.base);
served = proxy.served;
const server = { base: proxy.base };
const browser = await launch();
try {
  console.log(`\nLive, in Chromium against next start (load average ${loadavg()[0]!.toFixed(1)} on this machine):`);
  console.log(`  ${'page (default parameters, cold cache)'.padEnd(40)} ${'first-load JS'.padStart(13)} ${'fetched later'.padStart(13)}  MNIST  ${'first result'.padStart(12)}`);
  for (const e of experiments) {
    const v = await visit(browser, server.base, `/experiments/${e.id}/`, { cold: true }, false);
    console.log(`  ${`/experiments/${e.id}/`.padEnd(40)} ${kib(v.firstLoadJs).padStart(13)} ${kib(v.laterJs).padStart(13)}  ${(v.mnist ? 'yes' : 'no').padEnd(5)}  ${ms(v.firstMs).padStart(12)}`);
  }
  for (const path of ['/', '/claims/']) {
    const v = await visit(browser, server.base, path, { cold: true }, false);
    console.log(`  ${path.padEnd(40)} ${kib(v.firstLoadJs).padStart(13)} ${kib(v.laterJs).padStart(13)}  ${(v.mnist ? 'yes' : 'no').padEnd(5)}`);
  }
  console.log('\nTime from navigation to the first result shown / to the complete result (median of 3, default parameters):');
  for (const [label, id] of [
    ['1b', 'signgd-update'],
    ['remat', 'remat'],
  ] as const) {
    for (const [name, start] of [
      ['cold', { cold: true }],
      ['cold, tab on the site', { cold: true, tabOnSite: true }],
      ['warm', { cold: false }],
    ] as const) {
      const runs: Visit[] = [];
      if (!start.cold) await visit(browser, server.base, `/experiments/${id}/`, start, true);
      for (let i = 0; i < 3; i++) runs.push(await visit(browser, server.base, `/experiments/${id}/`, start, true));
      const pick = (key: 'firstMs' | 'completeMs' | 'scriptsAskedMs') => runs.map((r) => r[key]).filter((x): x is number => x !== undefined);
      console.log(
        `  ${label.padEnd(6)} ${name.padEnd(22)} first ${ms(median(pick('firstMs')))}, complete ${ms(median(pick('completeMs')))}; scripts asked for at ${ms(median(pick('scriptsAskedMs')))} (all: ${runs.map((r) => `${ms(r.firstMs)}/${ms(r.completeMs)}`).join(', ')})`,
      );
    }
  }
  if (offsite.length > 0) console.log(`\nWARNING: requests left the site: ${[...new Set(offsite)].join(', ')}`);
} finally {
  await browser.close();
  proxy.server.close();
  await next.stop();
}
