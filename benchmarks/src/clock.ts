// The clocks a run can be timed with. 'wall' (default) is the honest elapsed time. 'cpu' is this process's CPU time
// (user + system, all threads): on a machine shared with other work it leaves out the time other processes hold the
// core, though not their load on the memory bus. Its resolution is 1 µs, fine for samples of ≥ 1 ms.
import type { Bench } from 'tinybench';

export type Clock = 'wall' | 'cpu';

type TimestampProvider = Exclude<NonNullable<ConstructorParameters<typeof Bench>[0]>['timestampProvider'], string | undefined>;

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** A millisecond clock. */
export function nowFor(clock: Clock): () => number {
  return clock === 'cpu' ? cpuMs : () => performance.now();
}

/** tinybench's timestamp provider for the clock. */
export function timestampProviderFor(clock: Clock): 'hrtimeNow' | TimestampProvider {
  if (clock === 'wall') return 'hrtimeNow';
  return { name: 'processCpuTime', fn: cpuMs, toMs: (v) => Number(v), fromMs: (ms) => ms };
}
