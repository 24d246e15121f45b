// Prints what a first visit downloads: the JavaScript, CSS and fonts an experiment page references, the worker, and
// the .wasm (raw and gzip), read from the static export in out/. Run after `npm run build -w @hw3/web`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const out = process.argv[2] ?? 'out';
const page = readdirSync(join(out, 'experiments'))[0];
const html = readFileSync(join(out, 'experiments', page, 'index.html'), 'utf8');
// Script and stylesheet tags of the page, without the nomodule polyfills that modern browsers skip.
const tags = [...html.matchAll(/<(?:script|link)\b[^>]*>/g)].map((m) => m[0]).filter((t) => !/nomodule/i.test(t));
const refs = [...new Set(tags.flatMap((t) => [...t.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])))];
const size = (file) => {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const sum = (files) => files.map(size).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
const js = sum(refs.filter((r) => r.endsWith('.js')).map((r) => join(out, r)));
const css = sum(refs.filter((r) => r.endsWith('.css')).map((r) => join(out, r)));
const files = (dir) => readdirSync(dir, { recursive: true }).map((f) => join(dir, String(f))).filter((f) => statSync(f).isFile());
const all = files(join(out, '_next/static'));
const wasm = all.filter((f) => f.endsWith('.wasm'));
// Chunks no page references up front: the worker's (it imports the core, zod and the claim checker) and lazy ones.
const htmls = readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.html')).map((f) => readFileSync(join(out, String(f)), 'utf8')).join('\n');
const workers = all.filter((f) => f.endsWith('.js') && !htmls.includes(f.slice(out.length)));
const report = {
  page: `/experiments/${page}/`,
  'first-load JS (page)': js,
  'CSS (page)': css,
  'worker + lazy JS (not in any page)': sum(workers),
  wasm: sum(wasm),
  'all static JS': sum(all.filter((f) => f.endsWith('.js'))),
  'KaTeX fonts (woff2, loaded on demand)': sum(all.filter((f) => f.endsWith('.woff2'))),
};
for (const [name, v] of Object.entries(report)) console.log(typeof v === 'string' ? `${name}: ${v}` : `${name.padEnd(40)} ${kib(v.raw).padStart(11)} raw ${kib(v.gzip).padStart(11)} gzip`);
