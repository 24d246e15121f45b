// Generates the TypeDoc API reference of @hw3/core into public/docs/, so that both builds serve it under /docs/ (the
// static export copies public/ into out/; `next start` serves public/ and next.config.ts maps /docs/ to its index).
// The options are @hw3/core's own typedoc.json when the package has one (one source of truth for the reference);
// until then the same entry point, tsconfig and README, given here.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const core = fileURLToPath(new URL('../../../packages/core/', import.meta.url));
const out = fileURLToPath(new URL('../public/docs', import.meta.url));
// The package's bin (its exports map does not expose it): found through its package.json.
const manifest = createRequire(import.meta.url).resolve('typedoc/package.json');
const typedoc = join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.typedoc);
const options = existsSync(`${core}typedoc.json`)
  ? ['--options', `${core}typedoc.json`]
  : ['--entryPoints', `${core}src/index.ts`, '--tsconfig', `${core}tsconfig.json`, '--readme', `${core}README.md`, '--name', '@hw3/core', '--excludePrivate', '--excludeInternal', '--hideGenerator'];

rmSync(out, { recursive: true, force: true });
const run = spawnSync(process.execPath, [typedoc, ...options, '--out', out, '--logLevel', 'Error'], { stdio: 'inherit', cwd: core });
if (run.status !== 0 || !existsSync(`${out}/index.html`)) {
  console.error(`typedoc failed (exit ${run.status}): no API reference in ${out}`);
  process.exit(1);
}
console.log(`API reference of @hw3/core written to ${out}`);
