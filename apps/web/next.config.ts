import type { NextConfig } from 'next';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { codeVersion as runCodeVersion } from '@hw3/runs/code-version';
import { isolationRules } from './src/isolation';

// HW3_STATIC=1 builds a static export into out/ (any static host); otherwise a server build for `next start`.
const staticExport = process.env.HW3_STATIC === '1';

// Where the hand-in report's numbers come from (src/build-info.ts): the code version, and the SHA-256 of the kernels'
// .wasm that this build ships (the bundler copies the file byte for byte); and the run store's code version, the same
// one `hw3` records, so runs kept in the browser and in the terminal's store are identified alike.
function codeVersion(): string {
  const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
  try {
    const git = execFileSync('git', ['describe', '--tags', '--always', '--dirty'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `git ${git} (@hw3/web ${version})`;
  } catch {
    return `@hw3/web ${version} (not a git checkout)`;
  }
}
const wasmSha256 = createHash('sha256')
  .update(readFileSync(createRequire(import.meta.url).resolve('@hw3/kernels/hw3.wasm')))
  .digest('hex');

const nextConfig: NextConfig = {
  env: { NEXT_PUBLIC_HW3_VERSION: codeVersion(), NEXT_PUBLIC_HW3_WASM_SHA256: wasmSha256, NEXT_PUBLIC_HW3_CODE: JSON.stringify(runCodeVersion()) },
  ...(staticExport ? { output: 'export' as const } : {}),
  // One canonical form of every address in both builds (static hosts serve dir/index.html). It matters for hostile
  // queries too: Next's redirect to the canonical path rebuilds the query through an object and drops `__proto__`.
  trailingSlash: true,
  reactStrictMode: true,
  poweredByHeader: false,
  // The kernels' .wasm is fetched relative to the bundled worker; nothing else is loaded from the network.
  images: { unoptimized: true },
  // Pages are built once and never regenerated; without this, `next start` copies each page it serves into
  // .next/server/route-cache/, keyed by the route only, and keeps serving that copy after a rebuild that restores .next
  // from turbo's cache (which adds files but removes none): the explorer then showed the previous build's pages.
  experimental: { isrFlushToDisk: false },
  // The API reference (scripts/build-docs.mjs writes it into public/docs/): static hosts serve /docs/ as its
  // index.html; the server is told to.
  ...(staticExport
    ? {}
    : {
        rewrites: async () => [{ source: '/docs/', destination: '/docs/index.html' }],
        // Cross-origin isolation, so that a training run's worker may share WebAssembly memory with a kernel thread
        // (`threads` 2), on the pages that can use it (src/isolation.ts says which, and what it costs elsewhere).
        // Everything the pages load is same-origin (fonts, KaTeX, the .wasm), so require-corp blocks nothing. A static
        // host cannot send these: the static export runs one thread and says why.
        headers: async () => isolationRules(),
      }),
};

export default nextConfig;
