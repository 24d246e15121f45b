// Trace validation: broken traces are rejected with a TraceError naming the op index and what was wrong, and the WASM
// simulator agrees with the plain-TS reference (outcome, failing op, counts) on valid, mutated and random traces.
import { describe, expect, it } from 'vitest';
import {
  checkTrace,
  createRng,
  decodeTrace,
  encodeTrace,
  everyKTrace,
  makeChain,
  memoryUsage,
  optimalSchedule,
  revolveTrace,
  simulateTrace,
  TraceError,
  type Chain,
  type Op,
  type Trace,
} from '@hw3/core';
import { REMAT_TRACE_ERROR } from '@hw3/kernels';
import { rematTrace } from '@hw3/kernels/reference';

const chain = makeChain({ layers: 4 });
const ops = (...list: [Op['op'], number][]): Trace => encodeTrace(list.map(([op, arg]) => ({ op, arg })));

function rejection(trace: Trace, c: Chain = chain, budget?: number): TraceError {
  const result = checkTrace(trace, c, budget === undefined ? {} : { budget });
  if (result.valid) throw new Error('expected the trace to be rejected');
  return result.error;
}

describe('broken traces are rejected with the op and the reason', () => {
  it('missing activation', () => {
    const e = rejection(ops(['advance', 4], ['backward', 4], ['backward', 3], ['backward', 2], ['backward', 1]));
    expect(e).toBeInstanceOf(TraceError);
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.opIndex).toBe(2);
    expect(e.reason).toBe('missingActivation');
    expect(e.message).toMatch(/^trace op 2 \(backward 3\): missing activation: .*needs a_3/);
  });

  it('budget exceeded', () => {
    // storing every activation needs all 4 slots at the last forward step
    const all = everyKTrace(chain, 1);
    expect(simulateTrace(all, chain, { budget: 4 }).peakMemory).toBe(4);
    const e = rejection(all, chain, 3);
    expect(e.reason).toBe('budget');
    expect(e.message).toMatch(/^trace op \d+ \(advance 1\): memory budget exceeded: needs 4 units, budget 3$/);
  });

  it('read before write, from memory and from disk', () => {
    expect(rejection(ops(['loadMem', 2])).message).toBe(
      'trace op 0 (load-mem a_2): a_2 is read from memory but is not stored there (never written, or freed)',
    );
    expect(rejection(ops(['advance', 1], ['loadDisk', 1])).reason).toBe('loadDiskUnwritten');
    // freed, then read
    expect(rejection(ops(['advance', 1], ['storeMem', 1], ['freeMem', 1], ['loadMem', 1])).opIndex).toBe(3);
  });

  it('out of order, incomplete, unknown op, storing what is not at hand, advancing past the end', () => {
    expect(rejection(ops(['advance', 4], ['backward', 3])).reason).toBe('backwardOrder');
    const short = rejection(ops(['advance', 4], ['backward', 4]));
    expect([short.reason, short.opIndex, short.message]).toEqual([
      'incomplete',
      2,
      'trace op 2: the trace ends before the backward step of layer 3 (backward steps must run n…1)',
    ]);
    expect(rejection({ ops: new Int32Array([42, 1]), length: 1 }).reason).toBe('badOp');
    expect(rejection(ops(['advance', 2], ['storeMem', 1])).reason).toBe('storeNotWorking');
    expect(rejection(ops(['advance', 5])).reason).toBe('pastEnd');
    expect(rejection(ops(['advance', 4], ['backward', 4], ['advance', 1])).reason).toBe('noWorking');
    expect(rejection(ops(['freeDisk', 1])).reason).toBe('freeUnheld');
    expect(rejection(ops(['storeDisk', 3])).reason).toBe('storeDiskNotInMemory');
  });

  it('leaks no WebAssembly memory on rejection', () => {
    const before = memoryUsage().liveBytes;
    for (let k = 0; k < 50; k++) rejection(ops(['loadMem', 2]));
    expect(memoryUsage().liveBytes).toBe(before);
  });
});

describe('WASM simulator = plain-TS reference', () => {
  const compare = (trace: Trace, c: Chain, budget: number) => {
    const ref = rematTrace.rematTraceSimulate(trace.ops, { ...c, budget });
    const got = checkTrace(trace, c, { budget });
    if (ref.ok) {
      expect(got.valid).toBe(true);
      if (got.valid) {
        const { overhead: _o, ops: _n, ...counts } = got.stats;
        expect(counts).toEqual(ref.counts);
      }
    } else {
      expect(got.valid).toBe(false);
      if (!got.valid) expect([got.error.opIndex, REMAT_TRACE_ERROR[got.error.reason]]).toEqual([ref.op, ref.code]);
    }
    return ref.ok;
  };

  it('agrees on planned traces of uneven chains and on every one-op mutation of them', () => {
    const rng = createRng(7);
    let rejected = 0;
    for (let t = 0; t < 30; t++) {
      const n = 1 + rng.int(8);
      const c = makeChain({
        layers: n,
        sizes: Array.from({ length: n }, () => 1 + rng.int(3)),
        fwdCost: Array.from({ length: n }, () => rng.int(7)),
        loadDiskCost: 3,
        storeDiskCost: 1,
      });
      const budget = 6 + rng.int(4);
      const trace = t % 2 ? optimalSchedule(c, { budget, disk: true }).trace : revolveTrace(c, rng.int(3));
      compare(trace, c, budget);
      const list = decodeTrace(trace);
      for (let k = 0; k < list.length; k++) {
        const dropped = encodeTrace(list.filter((_, i) => i !== k));
        if (!compare(dropped, c, budget)) rejected++;
        const bumped = encodeTrace(list.map((o, i) => (i === k ? { ...o, arg: o.arg + 1 } : o)));
        if (!compare(bumped, c, budget)) rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(100); // the mutations exercise the error paths
  });

  it('agrees on random op sequences', () => {
    const rng = createRng(11);
    const names: Op['op'][] = ['advance', 'storeMem', 'storeDisk', 'loadMem', 'loadDisk', 'backward', 'freeMem', 'freeDisk'];
    const c = makeChain({ layers: 5, sizes: [1, 2, 1, 1, 2] });
    for (let t = 0; t < 2000; t++) {
      const list = Array.from({ length: 1 + rng.int(12) }, () => ({ op: names[rng.int(names.length)]!, arg: rng.int(6) }));
      compare(encodeTrace(list), c, 2 + rng.int(6));
    }
  });
});
