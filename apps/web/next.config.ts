import type { NextConfig } from 'next';

// HW3_STATIC=1 builds a static export into out/ (any static host); otherwise a server build for `next start`.
const staticExport = process.env.HW3_STATIC === '1';

const nextConfig: NextConfig = {
  ...(staticExport ? { output: 'export' as const } : {}),
  // One canonical form of every address in both builds (static hosts serve dir/index.html). It matters for hostile
  // queries too: Next's redirect to the canonical path rebuilds the query through an object and drops `__proto__`.
  trailingSlash: true,
  reactStrictMode: true,
  poweredByHeader: false,
  // The kernels' .wasm is fetched relative to the bundled worker; nothing else is loaded from the network.
  images: { unoptimized: true },
  // The API reference (scripts/build-docs.mjs writes it into public/docs/): static hosts serve /docs/ as its
  // index.html; the server is told to.
  ...(staticExport ? {} : { rewrites: async () => [{ source: '/docs/', destination: '/docs/index.html' }] }),
};

export default nextConfig;
