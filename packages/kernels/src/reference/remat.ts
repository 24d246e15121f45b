// Plain-TypeScript remat simulation: walks the backward pass activation by activation, keeping the resident set
// explicitly (a Set), so it checks the kernel's bookkeeping with a different method. Model: assembly/remat.ts.

export interface RematCounts {
  fwd: number;
  loadmem: number;
  peak: number;
}

/** stored[i − 1] marks a_i as a checkpoint; mode 0 recomputes every activation, 1 caches each segment once. */
export function rematSimulate(stored: ArrayLike<number | boolean>, mode: 0 | 1): RematCounts {
  const n = stored.length;
  const isStored = (i: number) => i === 0 || Boolean(stored[i - 1]);
  const resident = new Set<string>(); // 'c5' checkpoint a_5, 't7' temporary a_7
  let peak = 0;
  const touch = () => (peak = Math.max(peak, resident.size));

  // Forward pass: a_{i−1} → a_i, the input (if temporary) still alive while the output is produced.
  for (let i = 1; i <= n; i++) {
    resident.add(isStored(i) ? `c${i}` : `t${i}`);
    touch();
    resident.delete(`t${i - 1}`);
  }
  resident.delete(`t${n}`);

  let fwd = 0;
  let loadmem = 0;
  for (let i = n; i >= 1; i--) {
    if (isStored(i)) {
      loadmem++;
      touch();
      resident.delete(`c${i}`);
      continue;
    }
    if (resident.has(`t${i}`)) {
      loadmem++; // a kept recomputation is read back from memory
      touch();
      resident.delete(`t${i}`);
      continue;
    }
    let j = i - 1;
    while (!isStored(j)) j--;
    loadmem++;
    for (let m = j + 1; m <= i; m++) {
      fwd++;
      resident.add(`t${m}`);
      touch();
      if (mode === 0 && m - 1 > j) resident.delete(`t${m - 1}`);
    }
    resident.delete(`t${i}`);
  }
  return { fwd, loadmem, peak };
}
