#!/usr/bin/env node
// Checks the architecture rules of scripts/layer-rules.cjs with dependency-cruiser: no import cycle in core, every
// core layer importing only the layers below it, and the apps and the client layer importing only core's public
// entries. `npm run check:layers -w @hw3/core` prints the violations and exits non-zero when there is one;
// test/architecture.test.ts runs it under `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CORE = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = join(CORE, '..', '..');

/** Code that uses core from outside: checked to use only its entries (folders that do not exist yet are skipped). */
const CONSUMERS = ['apps/tui/src', 'apps/tui/test', 'apps/web/src', 'apps/web/app', 'apps/web/test', 'apps/web/scripts', 'packages/client/src', 'packages/client/test', 'packages/runs/src', 'packages/runs/test'];

/** What to cruise from packages/core: its src and every consumer folder present. */
export function cruiseRoots() {
  return ['src', ...CONSUMERS.map((p) => join(ROOT, p)).filter((p) => existsSync(p)).map((p) => relative(CORE, p))];
}

/** Runs dependency-cruiser in `cwd` (which holds its .dependency-cruiser.cjs) on `roots`. */
export function depcruise(cwd, roots, outputType = 'err') {
  const bin = join(ROOT, 'node_modules', '.bin', 'depcruise');
  return spawnSync(bin, [...roots, '--output-type', outputType], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const run = depcruise(CORE, cruiseRoots());
  process.stdout.write(run.stdout ?? '');
  process.stderr.write(run.stderr ?? '');
  if (run.error) throw run.error;
  process.exit(run.status ?? 1);
}
