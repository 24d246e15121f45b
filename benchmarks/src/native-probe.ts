// The native limits probe (native/probe.c): compiled at bench time with the machine's C compiler, then run as a
// helper process that times one pass per request. Without a compiler the bench falls back to the WASM probes alone.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from './clock.js';
import { LineServer } from './line-server.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(root, 'native', 'probe.c');
const BINARY = join(root, 'dist', 'native', 'probe');

/** Compiler attempts, best first: tuned for this CPU, then portable. */
const FLAG_SETS = [
  ['-O3', '-march=native', '-ffp-contract=fast'],
  ['-O3', '-ffp-contract=fast'],
];

export type NativeBuild = { ok: true; binary: string; compiler: string; flags: string[] } | { ok: false; reason: string };

function compilerVersion(cc: string): string | undefined {
  try {
    return execFileSync(cc, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0]?.trim();
  } catch {
    return undefined;
  }
}

/** Compiles native/probe.c ($CC, else cc) for this machine; well under a second. */
export function buildNativeProbe(): NativeBuild {
  const cc = process.env.CC ?? 'cc';
  const version = compilerVersion(cc);
  if (version === undefined) return { ok: false, reason: `no C compiler ("${cc} --version" failed)` };
  mkdirSync(dirname(BINARY), { recursive: true });
  const errors: string[] = [];
  for (const flags of FLAG_SETS) {
    try {
      execFileSync(cc, [...flags, '-o', BINARY, SOURCE], { stdio: ['ignore', 'ignore', 'pipe'] });
      return { ok: true, binary: BINARY, compiler: version, flags };
    } catch (error) {
      errors.push(`${cc} ${flags.join(' ')}: ${String((error as { stderr?: Buffer }).stderr ?? error).trim().slice(0, 300)}`);
    }
  }
  return { ok: false, reason: errors.join('; ') };
}

export type NativeCommand = 'read' | 'copy' | 'update' | 'peak';

/** The running probe: one timed pass per call, timed by the probe itself with the run's clock. */
export class NativeProbe {
  readonly #server: LineServer;

  constructor(binary: string, clock: Clock) {
    this.#server = new LineServer('native probe', binary, [], [clock]);
  }

  /** One pass: its time (ms, measured inside the probe) and its work (bytes or flops). */
  pass(command: NativeCommand): { ms: number; work: number } {
    const [seconds, work] = this.#server.request(command).split(' ').map(Number);
    if (!(seconds! > 0) || !(work! > 0)) throw new Error(`native probe: bad answer to ${command}`);
    return { ms: seconds! * 1000, work: work! };
  }

  close(): void {
    this.#server.close();
  }
}
