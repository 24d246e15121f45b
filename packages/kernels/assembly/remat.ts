// One backward pass over a chain of n layers under the homework's rematerialization model.
// Activations a_1…a_n are the layers' outputs; a_0 (the inputs) is always stored. stored[i−1] ≠ 0 marks a_i as a
// checkpoint kept from the forward pass. The backward step of layer i needs a_i:
// - a stored a_i is read once (one loadmem);
// - otherwise a_i is recomputed from the nearest stored a_j below it: one loadmem for a_j, i − j forward steps.
// In `cacheSegments` mode the recomputed a_{j+1}…a_i are kept until their own backward step, so each segment is
// recomputed once; a kept a_i is read back for its backward step (one loadmem: every use of a stored activation is
// one), while the top of the segment is used as it is computed. Either mode: one loadmem per layer. Residency counts non-input activations: checkpoints from their forward step until their backward
// use, recomputed temporaries while alive; a forward step holds its input and its output at the same time.
//
// out (f64 × 3) ← [forward steps, loadmem reads, peak resident activations]. scratch (n × i32) is caller-owned.

export const REMAT_MODE_RECOMPUTE: i32 = 0;
export const REMAT_MODE_CACHE_SEGMENTS: i32 = 1;

export function rematSimulate(storedPtr: usize, n: i32, mode: i32, scratchPtr: usize, outPtr: usize): void {
  // Forward pass: scratch[i−1] ← index of the nearest checkpoint at or below layer i (0 = inputs);
  // the resident set grows by one checkpoint per stored layer, plus the step's live output (and input, if temporary).
  let nearest = 0;
  let checkpoints = 0;
  let peak = 0;
  for (let i = 1; i <= n; i++) {
    const isStored = load<u8>(storedPtr + <usize>(i - 1)) != 0;
    // Step a_{i−1} → a_i: a temporary input is still alive while the output is produced.
    const inputTemporary = i > 1 && nearest != i - 1 ? 1 : 0;
    const resident = checkpoints + inputTemporary + 1;
    if (resident > peak) peak = resident;
    if (isStored) {
      nearest = i;
      checkpoints++;
    }
    store<i32>(scratchPtr + (<usize>(i - 1) << 2), nearest);
  }

  let fwd: f64 = 0;
  let loadmem: f64 = 0;
  // Backward pass, layer n down to 1. `cachedFrom` is the lowest layer whose recomputed activation is cached
  // (cacheSegments mode); cached layers above i have been consumed.
  let cachedFrom = n + 1;
  for (let i = n; i >= 1; i--) {
    const j = load<i32>(scratchPtr + (<usize>(i - 1) << 2));
    const live = checkpoints; // checkpoints at or below i (those above were freed after their use)
    if (j == i) {
      loadmem += 1;
      if (live > peak) peak = live;
      checkpoints--;
      continue;
    }
    if (mode == REMAT_MODE_CACHE_SEGMENTS) {
      if (cachedFrom <= i) {
        // a_i was cached by this segment's recomputation and is read back (one loadmem); cached a_{cachedFrom}…a_i
        // are alive.
        loadmem += 1;
        const resident = live + (i - cachedFrom + 1);
        if (resident > peak) peak = resident;
        continue;
      }
      loadmem += 1;
      fwd += <f64>(i - j);
      cachedFrom = j + 1;
      // At the end of the recomputation a_{j+1}…a_i are all alive.
      const resident = live + (i - j);
      if (resident > peak) peak = resident;
    } else {
      loadmem += 1;
      fwd += <f64>(i - j);
      // Rolling recomputation from a_j: at most two temporaries alive (a step's input and output).
      const resident = live + (i - j >= 2 ? 2 : 1);
      if (resident > peak) peak = resident;
    }
  }
  store<f64>(outPtr, fwd, 0);
  store<f64>(outPtr, loadmem, 8);
  store<f64>(outPtr, <f64>peak, 16);
}
