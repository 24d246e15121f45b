// Executes and validates an explicit rematerialization trace over a chain of n layers (model: src/api.ts,
// `rematTraceSimulate`). Activations a_0…a_n; a_0 (the inputs) is always available and costs no memory. The backward
// step of layer i needs a_i in memory, steps run n, n−1, …, 1.
//
// Cost of reads (one rule for every strategy, the homework's 4b: every use of a stored activation is a loadmem): a
// step — forward or backward — reads the working activation `cur` for free (the output of the step just before, a
// loaded activation, or the inputs at the very start); reading anything else held in memory (a checkpoint, a kept
// recomputation, the inputs) is one loadmem. A forward step always reads `cur`, so its stored inputs are paid by the
// load_mem op that made them current; a backward step on a memory checkpoint that is not `cur` pays its own loadmem.
//
// Memory, two models (params[4]):
// - 0, this lab's: the stored checkpoints M plus the working activation `cur` (free when it aliases a checkpoint);
//   during a forward step its input and its output are alive together (a step from a checkpoint needs one unit beyond
//   the checkpoints, a step from a working activation two).
// - 1, Griewank's (c checkpoints plus one working state): a working slot of params[5] units is always reserved and a
//   forward step overwrites it in place; a store copies the working state into a checkpoint of its own.
//
// ops (count × 2 × i32): [code, arg] pairs. sizes, fwd, bwd (n+1 × f64, index = layer; fwd[0], bwd[0] unused).
// params (6 × f64): [budget, loadmem cost per unit, loaddisk cost per unit, disk write cost per unit, memory model,
// working slot units (Griewank's model)].
// flags (n+1 × u8) scratch: bit 0 in memory, bit 1 on disk. out (OUT_LEN × f64) ← see the OUT_* offsets.
// Returns 0, or an error code; then out[OUT_ERR_OP] is the failing op's index, out[OUT_ERR_A/B] give details.

export const OP_ADVANCE: i32 = 0;
export const OP_STORE_MEM: i32 = 1;
export const OP_STORE_DISK: i32 = 2;
export const OP_LOAD_MEM: i32 = 3;
export const OP_LOAD_DISK: i32 = 4;
export const OP_BACKWARD: i32 = 5;
export const OP_FREE_MEM: i32 = 6;
export const OP_FREE_DISK: i32 = 7;

// Error codes (0 = valid).
const E_BAD_OP: i32 = 1; // unknown op code (A = code)
const E_BAD_ARG: i32 = 2; // argument out of range (A = arg)
const E_NO_WORKING: i32 = 3; // advance with no working activation
const E_PAST_END: i32 = 4; // advance beyond a_n (A = target layer)
const E_STORE_NOT_WORKING: i32 = 5; // store_mem of a_i that is not the working activation (A = i, B = cur)
const E_ALREADY_STORED: i32 = 6; // store of a_i already held at that level (A = i)
const E_LOAD_MEM_UNWRITTEN: i32 = 7; // load_mem of a_i not in memory (A = i)
const E_LOAD_DISK_UNWRITTEN: i32 = 8; // load_disk of a_i not on disk (A = i)
const E_BACKWARD_ORDER: i32 = 9; // backward of a layer other than the next one (A = i, B = expected)
const E_MISSING_ACTIVATION: i32 = 10; // backward of layer i without a_i in memory (A = i)
const E_BUDGET: i32 = 11; // memory budget exceeded (A = needed, B = budget)
const E_FREE_UNHELD: i32 = 12; // free of an activation not held there (A = i)
const E_INCOMPLETE: i32 = 13; // trace ended before backward step of layer A
const E_STORE_DISK_NOT_IN_MEMORY: i32 = 14; // store_disk of a_i not in memory (A = i)

export const OUT_ERR_OP = 0;
export const OUT_ERR_A = 1;
export const OUT_ERR_B = 2;
export const OUT_FORWARD = 3;
export const OUT_RECOMPUTE = 4;
export const OUT_LOAD_MEM = 5;
export const OUT_LOAD_DISK = 6;
export const OUT_STORE_MEM = 7;
export const OUT_STORE_DISK = 8;
export const OUT_BACKWARD = 9;
export const OUT_PEAK_MEM = 10;
export const OUT_PEAK_DISK = 11;
export const OUT_TIME = 12;
export const OUT_TIME_RECOMPUTE = 13;
export const OUT_TIME_LOAD_MEM = 14;
export const OUT_TIME_LOAD_DISK = 15;
export const OUT_TIME_STORE_DISK = 16;
export const OUT_TIME_FORWARD = 17;
export const OUT_TIME_BACKWARD = 18;
export const OUT_LEN = 19;

const IN_MEM: u8 = 1;
const ON_DISK: u8 = 2;

@inline function f64At(ptr: usize, i: i32): f64 {
  return load<f64>(ptr + (<usize>i << 3));
}

@inline function flagAt(ptr: usize, i: i32): u8 {
  return load<u8>(ptr + <usize>i);
}

@inline function setFlag(ptr: usize, i: i32, value: u8): void {
  store<u8>(ptr + <usize>i, value);
}

function fail(outPtr: usize, code: i32, op: i32, a: f64, b: f64): i32 {
  store<f64>(outPtr + (<usize>OUT_ERR_OP << 3), <f64>op);
  store<f64>(outPtr + (<usize>OUT_ERR_A << 3), a);
  store<f64>(outPtr + (<usize>OUT_ERR_B << 3), b);
  return code;
}

export function rematTraceSimulate(
  opsPtr: usize,
  opCount: i32,
  n: i32,
  sizesPtr: usize,
  fwdPtr: usize,
  bwdPtr: usize,
  paramsPtr: usize,
  flagsPtr: usize,
  outPtr: usize,
): i32 {
  const budget = load<f64>(paramsPtr);
  const loadMemCost = load<f64>(paramsPtr, 8);
  const loadDiskCost = load<f64>(paramsPtr, 16);
  const storeDiskCost = load<f64>(paramsPtr, 24);
  const griewank = load<f64>(paramsPtr, 32) != 0;
  const slot = load<f64>(paramsPtr, 40); // Griewank's working state, always held
  memory.fill(flagsPtr, 0, <usize>(n + 1));
  for (let k = 0; k < OUT_LEN; k++) store<f64>(outPtr + (<usize>k << 3), 0);

  let cur = 0; // working activation (−1: none); a_0 is the inputs
  let next = n; // next backward step
  let maxComputed = 0; // a_1…a_maxComputed have been computed at least once
  let memStored: f64 = 0; // Σ sizes of checkpoints in memory
  let disk: f64 = 0;
  let peakMem: f64 = 0;
  let peakDisk: f64 = 0;
  let forward: f64 = 0, recompute: f64 = 0, loadMem: f64 = 0, loadDisk: f64 = 0;
  let storeMem: f64 = 0, storeDisk: f64 = 0, backward: f64 = 0;
  let tForward: f64 = 0, tRecompute: f64 = 0, tLoadMem: f64 = 0, tLoadDisk: f64 = 0, tStoreDisk: f64 = 0, tBackward: f64 = 0;

  for (let k = 0; k < opCount; k++) {
    const code = load<i32>(opsPtr + (<usize>k << 3));
    const arg = load<i32>(opsPtr + (<usize>k << 3) + 4);
    if (code == OP_ADVANCE) {
      if (cur < 0) return fail(outPtr, E_NO_WORKING, k, 0, 0);
      if (arg < 1) return fail(outPtr, E_BAD_ARG, k, <f64>arg, 0);
      if (arg > n - cur) return fail(outPtr, E_PAST_END, k, <f64>cur + <f64>arg, 0);
      const end = cur + arg;
      for (let p = cur + 1; p <= end; p++) {
        // Lab model: input a_{p−1} (free if inputs or a checkpoint) and output a_p alive together.
        // Griewank's: the step overwrites the working slot.
        const input = p > 1 && (flagAt(flagsPtr, p - 1) & IN_MEM) == 0 ? f64At(sizesPtr, p - 1) : 0;
        const need = griewank ? memStored + slot : memStored + input + f64At(sizesPtr, p);
        if (need > peakMem) peakMem = need;
        if (need > budget) return fail(outPtr, E_BUDGET, k, need, budget);
        const cost = f64At(fwdPtr, p);
        forward += 1;
        tForward += cost;
        if (p <= maxComputed) {
          recompute += 1;
          tRecompute += cost;
        } else {
          maxComputed = p;
        }
      }
      cur = end;
    } else if (code == OP_BACKWARD) {
      if (arg < 1 || arg > n) return fail(outPtr, E_BAD_ARG, k, <f64>arg, 0);
      if (arg != next) return fail(outPtr, E_BACKWARD_ORDER, k, <f64>arg, <f64>next);
      if (cur != arg && (flagAt(flagsPtr, arg) & IN_MEM) == 0) return fail(outPtr, E_MISSING_ACTIVATION, k, <f64>arg, 0);
      if (cur != arg) {
        // reads the memory checkpoint a_i: one loadmem
        loadMem += 1;
        tLoadMem += loadMemCost * f64At(sizesPtr, arg);
      }
      backward += 1;
      tBackward += f64At(bwdPtr, arg);
      next--;
      if (cur == arg) cur = -1; // a_i is never needed again: its working buffer is released
    } else if (code == OP_LOAD_MEM) {
      if (arg < 0 || arg > n) return fail(outPtr, E_BAD_ARG, k, <f64>arg, 0);
      if (arg > 0 && (flagAt(flagsPtr, arg) & IN_MEM) == 0) return fail(outPtr, E_LOAD_MEM_UNWRITTEN, k, <f64>arg, 0);
      loadMem += 1;
      tLoadMem += loadMemCost * f64At(sizesPtr, arg);
      cur = arg; // aliases the checkpoint: no new memory
    } else if (code == OP_LOAD_DISK) {
      if (arg < 1 || arg > n) return fail(outPtr, E_BAD_ARG, k, <f64>arg, 0);
      const f = flagAt(flagsPtr, arg);
      if ((f & ON_DISK) == 0) return fail(outPtr, E_LOAD_DISK_UNWRITTEN, k, <f64>arg, 0);
      // The previous working activation is dropped first (Griewank's model: read into the working slot).
      const need = griewank ? memStored + slot : memStored + ((f & IN_MEM) == 0 ? f64At(sizesPtr, arg) : 0);
      if (need > peakMem) peakMem = need;
      if (need > budget) return fail(outPtr, E_BUDGET, k, need, budget);
      loadDisk += 1;
      tLoadDisk += loadDiskCost * f64At(sizesPtr, arg);
      cur = arg;
    } else if (code == OP_STORE_MEM) {
      if (arg < 1 || arg > n) return fail(outPtr, E_BAD_ARG, k, <f64>arg, 0);
      if (cur != arg) return fail(outPtr, E_STORE_NOT_WORKING, k, <f64>arg, <f64>cur);
      const f = flagAt(flagsPtr, arg);
      if ((f & IN_MEM) != 0) return fail(outPtr, E_ALREADY_STORED, k, <f64>arg, 0);
      setFlag(flagsPtr, arg, f | IN_MEM);
      memStored += f64At(sizesPtr, arg); // lab model: the working buffer becomes the checkpoint, total unchanged
      if (griewank) {
        // a copy of the working state: the checkpoint needs room of its own
        const need = memStored + slot;
        if (need > peakMem) peakMem = need;
        if (need > budget) return fail(outPtr, E_BUDGET, k, need, budget);
      }
      storeMem += 1;
    } else if (code == OP_STORE_DISK) {
      if (arg < 1 || arg > n) return fail(outPtr, E_BAD_ARG, k, <f64>arg, 0);
      const f = flagAt(flagsPtr, arg);
      if (cur != arg && (f & IN_MEM) == 0) return fail(outPtr, E_STORE_DISK_NOT_IN_MEMORY, k, <f64>arg, 0);
      if ((f & ON_DISK) != 0) return fail(outPtr, E_ALREADY_STORED, k, <f64>arg, 0);
      setFlag(flagsPtr, arg, f | ON_DISK);
      const size = f64At(sizesPtr, arg);
      disk += size;
      if (disk > peakDisk) peakDisk = disk;
      storeDisk += 1;
      tStoreDisk += storeDiskCost * size;
    } else if (code == OP_FREE_MEM) {
      if (arg < 1 || arg > n) return fail(outPtr, E_BAD_ARG, k, <f64>arg, 0);
      const f = flagAt(flagsPtr, arg);
      if ((f & IN_MEM) == 0) return fail(outPtr, E_FREE_UNHELD, k, <f64>arg, 0);
      setFlag(flagsPtr, arg, f & ~IN_MEM);
      memStored -= f64At(sizesPtr, arg); // if it is the working activation, that buffer lives on
    } else if (code == OP_FREE_DISK) {
      if (arg < 1 || arg > n) return fail(outPtr, E_BAD_ARG, k, <f64>arg, 0);
      const f = flagAt(flagsPtr, arg);
      if ((f & ON_DISK) == 0) return fail(outPtr, E_FREE_UNHELD, k, <f64>arg, 0);
      setFlag(flagsPtr, arg, f & ~ON_DISK);
      disk -= f64At(sizesPtr, arg);
    } else {
      return fail(outPtr, E_BAD_OP, k, <f64>code, 0);
    }
  }
  if (next > 0) return fail(outPtr, E_INCOMPLETE, opCount, <f64>next, 0);

  store<f64>(outPtr + (<usize>OUT_FORWARD << 3), forward);
  store<f64>(outPtr + (<usize>OUT_RECOMPUTE << 3), recompute);
  store<f64>(outPtr + (<usize>OUT_LOAD_MEM << 3), loadMem);
  store<f64>(outPtr + (<usize>OUT_LOAD_DISK << 3), loadDisk);
  store<f64>(outPtr + (<usize>OUT_STORE_MEM << 3), storeMem);
  store<f64>(outPtr + (<usize>OUT_STORE_DISK << 3), storeDisk);
  store<f64>(outPtr + (<usize>OUT_BACKWARD << 3), backward);
  store<f64>(outPtr + (<usize>OUT_PEAK_MEM << 3), peakMem);
  store<f64>(outPtr + (<usize>OUT_PEAK_DISK << 3), peakDisk);
  store<f64>(outPtr + (<usize>OUT_TIME_RECOMPUTE << 3), tRecompute);
  store<f64>(outPtr + (<usize>OUT_TIME_LOAD_MEM << 3), tLoadMem);
  store<f64>(outPtr + (<usize>OUT_TIME_LOAD_DISK << 3), tLoadDisk);
  store<f64>(outPtr + (<usize>OUT_TIME_STORE_DISK << 3), tStoreDisk);
  store<f64>(outPtr + (<usize>OUT_TIME_FORWARD << 3), tForward);
  store<f64>(outPtr + (<usize>OUT_TIME_BACKWARD << 3), tBackward);
  store<f64>(outPtr + (<usize>OUT_TIME << 3), tForward + tBackward + tLoadMem + tLoadDisk + tStoreDisk);
  return 0;
}
