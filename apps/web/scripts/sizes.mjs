// Prints what a first visit downloads, read from the static export in out/ (run after `npm run build -w @hw3/web`):
// per page, the JavaScript its HTML references (first-load JS, gzip level 9, without the nomodule polyfills modern
// browsers skip); then the chunks no page references (the worker's and lazy ones), the MNIST chunk, the .wasm.
// Then, unless --static, scripts/sizes-live.ts visits pages in Chromium (against `next start`) for what they really
// fetch and how long the first result takes.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';

const out = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'out';
if (!existsSync(join(out, 'index.html'))) {
  console.error(`sizes: no static export in ${out}/ (no ${join(out, 'index.html')}): run \`npm run build -w @hw3/web\` first`);
  process.exit(2);
}
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const size = (file) => {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const sum = (files) => files.map(size).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
const files = (dir) => readdirSync(dir, { recursive: true }).map((f) => join(dir, String(f))).filter((f) => statSync(f).isFile());

/** The .js and .css files a page's HTML references (script and stylesheet tags, nomodule polyfills left out). */
function referenced(html) {
  const tags = [...html.matchAll(/<(?:script|link)\b[^>]*>/g)].map((m) => m[0]).filter((t) => !/nomodule/i.test(t));
  return [...new Set(tags.flatMap((t) => [...t.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])))];
}

const pages = files(out)
  .filter((f) => f.endsWith('index.html') && !f.includes('/_next/'))
  .map((f) => ({ path: `/${f.slice(out.length + 1, -'index.html'.length)}`, html: readFileSync(f, 'utf8') }))
  .sort((a, b) => a.path.localeCompare(b.path));
const all = files(join(out, '_next/static'));
const allJs = all.filter((f) => f.endsWith('.js'));
const mnist = allJs.filter((f) => readFileSync(f, 'utf8').includes('MNIST_GZIP_BASE64'));
const mnistData = mnist.filter((f) => statSync(f).size > 1_000_000);

console.log(`First-load JS per page (gzip), from ${out}/:`);
let heaviest = 0;
const inAnyPage = new Set();
for (const page of pages) {
  const refs = referenced(page.html);
  for (const r of refs) inAnyPage.add(join(out, r));
  const js = sum(refs.filter((r) => r.endsWith('.js')).map((r) => join(out, r)));
  heaviest = Math.max(heaviest, js.gzip);
  console.log(`  ${page.path.padEnd(42)} ${kib(js.gzip).padStart(11)}`);
}
const lazy = allJs.filter((f) => !inAnyPage.has(f));
const report = {
  'heaviest page, first-load JS': { raw: 0, gzip: heaviest },
  'CSS (every page)': sum(referenced(pages[0].html).filter((r) => r.endsWith('.css')).map((r) => join(out, r))),
  'worker + lazy JS (in no page, all of it)': sum(lazy),
  '  of which the MNIST data chunk': sum(mnistData),
  wasm: sum(all.filter((f) => f.endsWith('.wasm'))),
  'all static JS': sum(allJs),
  'KaTeX fonts (woff2, loaded on demand)': sum(all.filter((f) => f.endsWith('.woff2'))),
};
for (const [name, v] of Object.entries(report)) console.log(`${name.padEnd(44)} ${v.raw ? `${kib(v.raw).padStart(11)} raw` : ' '.repeat(15)} ${kib(v.gzip).padStart(11)} gzip`);
if (mnistData.some((f) => inAnyPage.has(f))) console.log('WARNING: a page references the MNIST data chunk up front');

if (!process.argv.includes('--static')) {
  const live = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/sizes-live.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = live.status ?? 1;
}
