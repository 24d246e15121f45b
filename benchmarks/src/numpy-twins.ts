// --vs numpy: the numpy twins (numpy/twins.py) run in a helper Python process, one BLAS thread, between the project's
// cases: right after a case is measured, its twin is prepared and timed in rounds that alternate one batch of ours with
// one sample of numpy's, so both see the same machine. The ratio is the median over those rounds.
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from './clock.js';
import { nowFor } from './clock.js';
import { LineServer } from './line-server.js';

const SCRIPT = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'numpy', 'twins.py');

/** Pinned to one thread so the comparison is one core against one core. */
const ONE_THREAD = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

export class NumpyUnavailableError extends Error {}

export interface NumpyInfo {
  numpy: string;
  blas: string;
  python: string;
}

export class NumpyTwins {
  readonly #server: LineServer;
  readonly info: NumpyInfo;

  /** @throws NumpyUnavailableError when python3 or numpy is missing (the message says how to get them). */
  constructor(python = process.env.PYTHON ?? 'python3') {
    try {
      execFileSync(python, ['-c', 'import numpy'], { stdio: 'ignore' });
    } catch {
      throw new NumpyUnavailableError(
        `--vs numpy needs ${python} with numpy ("${python} -c 'import numpy'" failed); on Debian: ` +
          'apt-get install python3-numpy libopenblas0-pthread (without OpenBLAS numpy uses the slow reference BLAS)',
      );
    }
    this.#server = new LineServer('numpy twins', python, [SCRIPT], [], { ...process.env, ...ONE_THREAD });
    this.info = JSON.parse(this.#server.request('info')) as NumpyInfo;
  }

  /** Builds the twin's inputs (untimed) and runs it once. */
  prepare(twin: string): void {
    this.#server.request(`prepare ${twin}`, 600_000);
  }

  /**
   * Runs the prepared twin `calls` times back to back; returns ms per call, timed inside Python by the run's clock
   * (wall: perf_counter; cpu: process_time — one BLAS thread, so that is the one core's time).
   */
  time(calls: number, clock: Clock): number {
    const [wall, cpu] = this.#server.request(`time ${calls}`, 600_000).split(' ').map(Number);
    const seconds = clock === 'cpu' ? cpu! : wall!;
    if (!(seconds > 0)) throw new Error(`numpy twins: bad time ${seconds}`);
    return seconds * 1000;
  }

  release(): void {
    this.#server.request('release');
  }

  close(): void {
    this.#server.close();
  }
}

export interface TwinMeasurement {
  /** numpy's ms per call: median and fastest sample. */
  medianMs: number;
  minMs: number;
  samples: number;
  /** Median over rounds of (numpy's time per call / ours), i.e. our throughput over numpy's. */
  pairedRatio: number;
}

/**
 * Rounds alternating one batch of ours (`batch` calls) and one sample of numpy's, each about `sampleMs` long, both
 * timed by `clock`.
 */
export function measureTwin(
  twins: NumpyTwins,
  twin: string,
  runBatch: () => void,
  batch: number,
  rounds: number,
  sampleMs: number,
  clock: Clock,
): TwinMeasurement {
  const now = nowFor(clock);
  twins.prepare(twin);
  try {
    const once = twins.time(1, clock);
    const calls = Math.max(1, Math.ceil(sampleMs / once));
    const theirs: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = now();
      runBatch();
      const ours = (now() - t0) / batch;
      const numpy = twins.time(calls, clock);
      theirs.push(numpy);
      ratios.push(numpy / ours);
    }
    const median = (values: number[]) => {
      const s = [...values].sort((a, b) => a - b);
      const mid = s.length >> 1;
      return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
    };
    return { medianMs: median(theirs), minMs: Math.min(...theirs), samples: rounds, pairedRatio: median(ratios) };
  } finally {
    twins.release();
  }
}
