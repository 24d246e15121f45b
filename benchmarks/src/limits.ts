// The machine's limits, measured in the same run as the kernels, by two probes each: native code (native/probe.c,
// compiled now for this CPU) and WebAssembly (assembly/bandwidth.ts). Rounds alternate the two so both see the same
// load. A kernel's limit is the faster of the two: the native one wherever a compiler exists (WASM reaches less), so
// "× limit" says how far a kernel is from what this machine can do, not from what a WASM loop does.
//   read    bytes read / time                (native: 256 MiB f64 sum; WASM: sumF64 over 256 MiB)
//   copy    (bytes read + written) / time    (memcpy / memory.copy of 128 MiB)
//   update  (bytes read + written) / time    (a ← a·c in place over 256 MiB: SignGD's access pattern, no write-allocate)
//   peak    f32 flops / time                 (native: widest-vector FMA chains; WASM: f32x4 mul + add chains)
import type { Clock } from './clock.js';
import { nowFor } from './clock.js';
import { buildNativeProbe, NativeProbe, type NativeBuild } from './native-probe.js';
import type { LimitProbe } from './paired.js';
import { rawKernels } from './raw-kernels.js';

export type LimitKind = 'read' | 'copy' | 'update' | 'peak';
export const LIMIT_KINDS: readonly LimitKind[] = ['read', 'copy', 'update', 'peak'];
export type ProbeSource = 'native' | 'wasm';

export const LIMIT_UNIT: Record<LimitKind, 'GB/s' | 'GFLOP/s'> = { read: 'GB/s', copy: 'GB/s', update: 'GB/s', peak: 'GFLOP/s' };

const LABELS: Record<ProbeSource, Record<LimitKind, string>> = {
  native: {
    read: 'Σ of 256 MiB f64, 8 streams, native vectors',
    copy: 'memcpy 128 MiB (read+write)',
    update: 'a ← a·c in place, 256 MiB (read+write)',
    peak: 'f32 FMA chains, widest native vectors',
  },
  wasm: {
    read: 'sumF64 over 256 MiB (v128)',
    copy: 'memory.copy 128 MiB (read+write)',
    update: 'scaleF64 in place, 256 MiB (read+write)',
    peak: 'f32x4 mul + add chains (no FMA in wasm)',
  },
};

export interface ProbeFigures {
  /** Throughput from the median pass and from the fastest, in the limit's unit. */
  median: number;
  best: number;
  passes: number;
  label: string;
}

export interface LimitFigures {
  kind: LimitKind;
  unit: 'GB/s' | 'GFLOP/s';
  /** The source the ratios divide by: the faster median. */
  source: ProbeSource;
  median: number;
  best: number;
  native?: ProbeFigures;
  wasm: ProbeFigures;
}

interface Pass {
  /** One pass: time (ms) and work (bytes or flops). */
  run(): { ms: number; work: number };
  dispose(): void;
}

const MiB = 1024 * 1024;
const PEAK_ITERATIONS = 1_000_000;

function wasmPass(kind: LimitKind, clock: Clock): Pass {
  const k = rawKernels();
  const now = nowFor(clock);
  const timed = (work: number, body: () => unknown) => () => {
    const t0 = now();
    sink = body();
    return { ms: now() - t0, work };
  };
  if (kind === 'peak') return { run: timed(PEAK_ITERATIONS * 96, () => k.peakF32x4(PEAK_ITERATIONS)), dispose: () => {} };
  if (kind === 'copy') {
    const bytes = 128 * MiB;
    const src = k.alloc(bytes);
    const dst = k.alloc(bytes);
    new Uint8Array(k.memory.buffer, src, bytes).fill(1);
    new Uint8Array(k.memory.buffer, dst, bytes).fill(2);
    return { run: timed(2 * bytes, () => k.copyBytes(dst, src, bytes)), dispose: () => (k.free(dst), k.free(src)) };
  }
  const bytes = 256 * MiB;
  const ptr = k.alloc(bytes);
  new Float64Array(k.memory.buffer, ptr, bytes / 8).fill(1); // touches every page
  const body = kind === 'read' ? () => k.sumF64(ptr, bytes / 8) : () => k.scaleF64(ptr, bytes / 8, 0.999999);
  return { run: timed(kind === 'read' ? bytes : 2 * bytes, body), dispose: () => k.free(ptr) };
}

let sink: unknown;

/** The last WASM probe result (kept so no probe call is dead code). */
export function limitsSink(): unknown {
  return sink;
}

function figures(passes: { ms: number; work: number }[], unitScale: number, label: string): ProbeFigures {
  const rates = passes.map((p) => p.work / (p.ms / 1000) / unitScale).sort((a, b) => a - b);
  const mid = rates.length >> 1;
  const median = rates.length % 2 ? rates[mid]! : (rates[mid - 1]! + rates[mid]!) / 2;
  return { median, best: rates[rates.length - 1]!, passes: rates.length, label };
}

/** Every limit with its probes kept ready for the paired ratios; `close()` frees them and stops the native probe. */
export class LimitSet {
  readonly figures = new Map<LimitKind, LimitFigures>();
  readonly build: NativeBuild;
  readonly #native: NativeProbe | undefined;
  readonly #wasm = new Map<LimitKind, Pass>();
  readonly #clock: Clock;

  constructor(clock: Clock, useNative = true) {
    this.#clock = clock;
    this.build = useNative ? buildNativeProbe() : { ok: false, reason: 'disabled by --no-native' };
    this.#native = this.build.ok ? new NativeProbe(this.build.binary, clock) : undefined;
  }

  #pass(kind: LimitKind, source: ProbeSource): Pass {
    if (source === 'native') return { run: () => this.#native!.pass(kind), dispose: () => {} };
    let pass = this.#wasm.get(kind);
    if (pass === undefined) {
      pass = wasmPass(kind, this.#clock);
      this.#wasm.set(kind, pass);
    }
    return pass;
  }

  /** Measures every limit: `rounds` passes per probe, native and WASM alternating, after one untimed pass each. */
  measure(rounds: number): Map<LimitKind, LimitFigures> {
    const result = new Map<LimitKind, LimitFigures>();
    for (const kind of LIMIT_KINDS) {
      const sources: ProbeSource[] = this.#native ? ['native', 'wasm'] : ['wasm'];
      const passes: Record<ProbeSource, { ms: number; work: number }[]> = { native: [], wasm: [] };
      for (const s of sources) this.#pass(kind, s).run();
      for (let i = 0; i < rounds; i++) for (const s of sources) passes[s].push(this.#pass(kind, s).run());
      // GB/s and GFLOP/s: both 10⁹ units per second.
      const wasm = figures(passes.wasm, 1e9, LABELS.wasm[kind]);
      const native = this.#native ? figures(passes.native, 1e9, LABELS.native[kind]) : undefined;
      const source: ProbeSource = native !== undefined && native.median >= wasm.median ? 'native' : 'wasm';
      const chosen = source === 'native' ? native! : wasm;
      const entry: LimitFigures = { kind, unit: LIMIT_UNIT[kind], source, median: chosen.median, best: chosen.best, wasm };
      if (native) entry.native = native;
      result.set(kind, entry);
    }
    if (this.figures.size === 0) for (const [k, v] of result) this.figures.set(k, v);
    return result;
  }

  /** The probe a paired ratio divides by: the limit's chosen source. */
  probe(kind: LimitKind): LimitProbe {
    const figures = this.figures.get(kind);
    if (figures === undefined) throw new Error(`limit ${kind} not measured yet`);
    const pass = this.#pass(kind, figures.source);
    return {
      rate: () => {
        const { ms, work } = pass.run();
        return work / ms;
      },
    };
  }

  close(): void {
    for (const pass of this.#wasm.values()) pass.dispose();
    this.#wasm.clear();
    this.#native?.close();
  }
}
