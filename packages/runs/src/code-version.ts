// The code version a run was computed with: @hw3/core's version plus a hash of the JavaScript and WebAssembly that
// actually ran (core's and the kernels' built files). A rebuilt change of any line gives a new version, so a stored
// run is only reused — and a queued sweep cell only accepted by a worker — when the same code would compute it.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { sha256Hex } from './identity.js';

/** The code a run was computed with. */
export interface CodeVersion {
  /** What identities use: `<core version>+<first 16 hex digits of codeSha256>`. */
  id: string;
  coreVersion: string;
  /** sha256 over core's and the kernels' built .js files and the .wasm (paths and bytes, in path order). */
  codeSha256: string;
  /** sha256 of the kernels' hw3.wasm. */
  wasmSha256: string;
}

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, keep));
    else if (keep(entry.name)) out.push(path);
  }
  return out.sort();
}

let cached: CodeVersion | undefined;

/** The code version of the @hw3/core and @hw3/kernels this process loads (computed once, ~50 ms). */
export function codeVersion(): CodeVersion {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const coreDist = dirname(fileURLToPath(import.meta.resolve('@hw3/core')));
  const kernelsDist = dirname(fileURLToPath(import.meta.resolve('@hw3/kernels')));
  const wasmPath = fileURLToPath(import.meta.resolve('@hw3/kernels/hw3.wasm'));
  const coreVersion = (require(join(coreDist, '..', 'package.json')) as { version: string }).version;
  const hash = createHash('sha256');
  for (const [label, dir] of [['core', coreDist], ['kernels', kernelsDist]] as const) {
    for (const file of filesUnder(dir, (name) => name.endsWith('.js'))) {
      hash.update(`${label}/${relative(dir, file)}\0`);
      hash.update(readFileSync(file));
    }
  }
  const wasm = readFileSync(wasmPath);
  hash.update('hw3.wasm\0');
  hash.update(wasm);
  const codeSha256 = hash.digest('hex');
  cached = { id: `${coreVersion}+${codeSha256.slice(0, 16)}`, coreVersion, codeSha256, wasmSha256: sha256Hex(wasm) };
  return cached;
}
