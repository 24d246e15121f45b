// Where a report's numbers came from, as Node sees it: the code version (git describe of the checkout, or the package
// version outside one), the SHA-256 of the WebAssembly kernels that computed them, the machine and the runtime.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, cpus, release, totalmem, type } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportProvenance } from '@hw3/core';

const require = createRequire(import.meta.url);

/** `git describe --tags --always --dirty` of the checkout this command runs from, or the package version. */
export function codeVersion(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const git = spawnSync('git', ['describe', '--tags', '--always', '--dirty'], { cwd: here, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const { version } = require('../../package.json') as { version: string };
  return git.status === 0 && git.stdout.trim() ? `git ${git.stdout.trim()} (@hw3/tui ${version})` : `@hw3/tui ${version} (not a git checkout)`;
}

/** SHA-256 (hex) of the kernels' .wasm file, resolved from @hw3/core so it is the build whose bytes core embeds. */
export function kernelsSha256(): string {
  const fromCore = createRequire(require.resolve('@hw3/core'));
  return createHash('sha256').update(readFileSync(fromCore.resolve('@hw3/kernels/hw3.wasm'))).digest('hex');
}

/** OS, CPU model and count, memory. */
export function machineDescription(): string {
  const cores = cpus();
  const model = cores[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `${type()} ${release()} ${arch()}, ${cores.length} × ${model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`;
}

export function nodeProvenance(command: string, now = new Date()): ReportProvenance {
  return {
    codeVersion: codeVersion(),
    wasmSha256: kernelsSha256(),
    machine: machineDescription(),
    runtime: `Node ${process.version}`,
    command,
    generatedAt: now.toISOString(),
  };
}
