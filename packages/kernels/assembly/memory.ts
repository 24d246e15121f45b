// Raw allocation for the host. Blocks come from the runtime's TLSF heap (16-byte aligned, so v128 loads on them are
// aligned) and are never touched by the garbage collector: the host owns them until it calls `free`.

export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

export function free(ptr: usize): void {
  heap.free(ptr);
}

/** Bytes of linear memory currently committed (grows as the heap grows). */
export function memoryBytes(): usize {
  return <usize>memory.size() << 16;
}
