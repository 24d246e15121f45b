// The optional two-thread path: the kernels of build/hw3-shared.wasm instantiated twice on one shared memory, once in
// this realm and once in a kernel thread. A product is split between the two by output columns (GEMM), output rows
// (matvec) or elements (optimizer steps): every output element is computed by exactly the operations of the
// one-thread kernel, so the results are the same bits whatever the number of threads. The hand-off is a control
// block in the shared memory (Atomics.wait/notify): no messages, no copies.
//
// Where the kernel thread comes from is the one thing that depends on the host (KernelThreadHandle): a Node worker
// thread (started synchronously; Atomics.wait is allowed on Node's main thread), or a Web Worker started by a worker
// realm of a cross-origin-isolated page (`await startKernelThreads()`: a browser starts a nested worker only once
// its creator yields, and only a worker may block in Atomics.wait). Elsewhere `kernelThreadsSupport()` says why not,
// and callers use one thread.
import { createSharedMemory, instantiateSharedKernelsSync, MAX_MEMORY_BYTES, type KernelExports } from '@hw3/kernels';
import { compileSharedKernels, compileSharedKernelsSync } from '@hw3/kernels/source';
import { KernelThreadError, MemoryLimitError } from './errors.js';
import { gemmF32Batch } from './gemm-batch.js';
import { CONTROL, THREAD_OPS, type KernelThreadHandle, type KernelThreadStart, type ThreadOp } from './kernel-thread-protocol.js';

interface NodeWorker {
  unref(): void;
  terminate(): Promise<number>;
  on(event: 'error', listener: (error: Error) => void): void;
}
interface WorkerThreads {
  Worker: new (url: URL, options: { workerData: unknown }) => NodeWorker;
}
interface NodeProcess {
  versions?: { node?: string };
  getBuiltinModule?: (name: string) => unknown;
}

/** A worker that does not answer within this long is taken as lost (a hang guard; no kernel call takes a minute). */
const ANSWER_TIMEOUT_MS = 120_000;
/** Products below this many multiply–adds run on one thread: the hand-off (tens of µs) would cost more than it saves. */
const MIN_SPLIT_MACS = 1 << 18;

function nodeProcess(): NodeProcess | undefined {
  const p = (globalThis as { process?: NodeProcess }).process;
  return typeof p?.versions?.node === 'string' ? p : undefined;
}

/** Whether this realm can run a kernel thread, and if not, why (for the run's record and the page). */
export type KernelThreadSupport = { available: true } | { available: false; reason: string };

/** Where a second kernel thread can run: Node with worker_threads, or a worker of a cross-origin-isolated page. */
export function kernelThreadsSupport(): KernelThreadSupport {
  const proc = nodeProcess();
  if (proc) {
    if (typeof proc.getBuiltinModule !== 'function') return { available: false, reason: 'kernel threads need Node ≥ 20.16' };
    return typeof SharedArrayBuffer === 'function' ? { available: true } : { available: false, reason: 'this Node has no shared memory (SharedArrayBuffer)' };
  }
  const scope = globalThis as { crossOriginIsolated?: boolean; WorkerGlobalScope?: unknown; Worker?: unknown };
  if (scope.crossOriginIsolated !== true || typeof SharedArrayBuffer !== 'function') {
    return { available: false, reason: 'the page is not cross-origin isolated (that needs the headers COOP: same-origin and COEP: require-corp, which a static host does not send)' };
  }
  if (typeof scope.WorkerGlobalScope === 'undefined') return { available: false, reason: 'a page’s main thread cannot wait for a kernel thread (runs in a Web Worker can)' };
  if (typeof scope.Worker !== 'function') return { available: false, reason: 'this browser cannot start a Web Worker from a worker' };
  return { available: true };
}

/**
 * True where `threads: 2` runs on two threads now: in Node wherever kernelThreadsSupport() allows, in a browser once
 * `startKernelThreads()` has started this realm's kernel thread.
 */
export function kernelThreadsAvailable(): boolean {
  if (!nodeProcess()) return shared !== undefined && !shared.closed;
  return kernelThreadsSupport().available;
}

/**
 * This realm's kernels on a shared memory plus one worker thread running the same kernels on it. Buffers come from
 * `alloc` (this realm's allocator; the worker never allocates). Not re-entrant: one call at a time.
 * @internal — apps use the `threads` options of the trainer and of `matvec`, never this class.
 */
export class KernelThreads {
  /** The kernels instance of this realm, on the shared memory. */
  readonly kernels: KernelExports;
  readonly #control: Int32Array;
  readonly #args: Float64Array;
  #seq = 0;
  #liveBytes = 0;
  #scratch = 0;
  #scratchBytes = 0;
  #closed = false;
  #failure: Error | undefined;

  readonly #thread: KernelThreadHandle;

  /**
   * Node: starts a worker thread and waits (at most 2 min) until it is ready. Browsers use `startKernelThreads()`,
   * which gives the compiled module and a Web Worker host here and waits for the thread without blocking.
   * @internal `host` is for startKernelThreads.
   */
  constructor(host?: { module: WebAssembly.Module; spawn: (start: KernelThreadStart) => KernelThreadHandle }) {
    if (!host && !(nodeProcess() && kernelThreadsAvailable())) throw new KernelThreadError('kernel threads need Node ≥ 20.16 (worker_threads, shared WebAssembly memory); in a browser worker, await startKernelThreads()');
    const memory = createSharedMemory();
    const module = host?.module ?? compileSharedKernelsSync();
    this.kernels = instantiateSharedKernelsSync(module, memory);
    const control = this.kernels.alloc(CONTROL.bytes);
    this.#control = new Int32Array(memory.buffer, control, CONTROL.bytes >> 2).fill(0);
    this.#args = new Float64Array(memory.buffer, control + CONTROL.argsOffset, CONTROL.maxArgs);
    this.#thread = (host?.spawn ?? spawnNodeKernelThread)({ module, memory, control });
    this.#thread.onError((error) => {
      this.#failure ??= error;
    });
    if (host) return;
    try {
      this.#waitFor(CONTROL.ready, 1, 'start');
    } catch (error) {
      void this.#thread.terminate();
      throw error;
    }
  }

  /** Resolves once the kernel thread is ready, without blocking this realm (a browser starts it only after we yield). */
  async ready(): Promise<void> {
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    for (let pause = 1; ; pause = Math.min(2 * pause, 50)) {
      const seen = Atomics.load(this.#control, CONTROL.ready);
      if (seen === 1) return;
      const failure = this.#startProblem(seen) ?? (Date.now() > deadline ? `the kernel thread did not start within ${ANSWER_TIMEOUT_MS / 1000} s` : undefined);
      if (failure) {
        void this.close();
        throw new KernelThreadError(failure);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /** Threads that share each call: this realm's and the worker's. */
  get threads(): number {
    return 2;
  }

  /** Bytes of shared memory handed out by `alloc` and not yet freed. */
  get liveBytes(): number {
    return this.#liveBytes;
  }

  /** A 16-byte-aligned block of shared memory; `param` names the request in a MemoryLimitError. */
  alloc(param: string, bytes: number): number {
    this.#checkOpen();
    if (this.#liveBytes + bytes > MAX_MEMORY_BYTES) throw this.#memoryLimit(param, bytes);
    try {
      const ptr = this.kernels.alloc(Math.max(bytes, 16));
      this.#liveBytes += bytes;
      return ptr;
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError || (error instanceof Error && /allocation too large|out of memory/i.test(error.message))) {
        throw this.#memoryLimit(param, bytes);
      }
      throw error;
    }
  }

  free(ptr: number, bytes: number): void {
    if (this.#closed) return;
    this.kernels.free(ptr);
    this.#liveBytes -= bytes;
  }

  /** gemmF32 (same arguments, same bits), split by columns of C at a multiple of 16 when the product is large enough. */
  gemmF32(a: number, b: number, c: number, m: number, n: number, k: number, transA: number, transB: number, alpha: number, accumulate: number, pack: number): void {
    const split = n >= 32 && m * n * k >= MIN_SPLIT_MACS ? Math.round(n / 32) * 16 : 0;
    if (!split) {
      this.kernels.gemmF32(a, b, c, m, n, k, transA, transB, alpha, accumulate, pack);
      return;
    }
    const scratch = this.#workerScratch(this.kernels.gemmScratchBytes(k));
    this.#post('gemmF32Columns', [a, b, c, m, n, k, transA, transB, alpha, accumulate, scratch, split, n]);
    this.#runHere(() => this.kernels.gemmF32Columns(a, b, c, m, n, k, transA, transB, alpha, accumulate, pack, 0, split));
  }

  /**
   * `count` products gemmF32(a + i·strideA, b + i·strideB, c + i·strideC, …) (byte strides), split by products: this
   * realm runs the first half, the worker the rest, each product by gemmF32 alone (same bits). A batch too small to
   * split runs here, each product through gemmF32 above (split by columns when large).
   */
  gemmF32Batch(a: number, b: number, c: number, m: number, n: number, k: number, transA: number, transB: number, alpha: number, accumulate: number, pack: number, count: number, strideA: number, strideB: number, strideC: number): void {
    const half = count >= 2 && count * m * n * k >= MIN_SPLIT_MACS ? count >> 1 : 0;
    if (!half) {
      for (let i = 0; i < count; i++) this.gemmF32(a + i * strideA, b + i * strideB, c + i * strideC, m, n, k, transA, transB, alpha, accumulate, pack);
      return;
    }
    const scratch = this.#workerScratch(this.kernels.gemmScratchBytes(k));
    this.#post('gemmF32Batch', [a + half * strideA, b + half * strideB, c + half * strideC, m, n, k, transA, transB, alpha, accumulate, scratch, count - half, strideA, strideB, strideC]);
    this.#runHere(() => gemmF32Batch(this.kernels, a, b, c, m, n, k, transA, transB, alpha, accumulate, pack, half, strideA, strideB, strideC));
  }

  /** y = W x (f32 or f64), split by rows of W at a multiple of 8: same bits (a row's sum does not depend on which rows share a kernel pass). */
  matvec(dtype: 'f32' | 'f64', w: number, x: number, y: number, rows: number, cols: number): void {
    const kernel = dtype === 'f32' ? 'matvecF32' : 'matvecF64';
    const split = rows >= 16 && rows * cols >= MIN_SPLIT_MACS ? Math.round(rows / 16) * 8 : 0;
    if (!split) {
      this.kernels[kernel](w, x, y, rows, cols);
      return;
    }
    const size = dtype === 'f32' ? 4 : 8;
    this.#post(kernel, [w + split * cols * size, x, y + split * size, rows - split, cols]);
    this.#runHere(() => this.kernels[kernel](w, x, y, split, cols));
  }

  /** adamF32 over n elements, split at a multiple of 4 (each element's update is independent): same bits. */
  adamF32(w: number, g: number, m: number, v: number, n: number, lr: number, beta1: number, beta2: number, eps: number, c1: number, c2: number): void {
    const split = this.#elementSplit(n);
    if (!split) {
      this.kernels.adamF32(w, g, m, v, n, lr, beta1, beta2, eps, c1, c2);
      return;
    }
    const o = split * 4;
    this.#post('adamF32', [w + o, g + o, m + o, v + o, n - split, lr, beta1, beta2, eps, c1, c2]);
    this.#runHere(() => this.kernels.adamF32(w, g, m, v, split, lr, beta1, beta2, eps, c1, c2));
  }

  /** sgdF32 over n elements (buf 0 without momentum), split like adamF32. */
  sgdF32(w: number, g: number, buf: number, n: number, lr: number, momentum: number): void {
    const split = this.#elementSplit(n);
    if (!split) {
      this.kernels.sgdF32(w, g, buf, n, lr, momentum);
      return;
    }
    const o = split * 4;
    this.#post('sgdF32', [w + o, g + o, buf ? buf + o : 0, n - split, lr, momentum]);
    this.#runHere(() => this.kernels.sgdF32(w, g, buf, split, lr, momentum));
  }

  /** signgdF32 over n elements, split like adamF32. */
  signgdF32(w: number, g: number, n: number, lr: number): void {
    const split = this.#elementSplit(n);
    if (!split) {
      this.kernels.signgdF32(w, g, n, lr);
      return;
    }
    const o = split * 4;
    this.#post('signgdF32', [w + o, g + o, n - split, lr]);
    this.#runHere(() => this.kernels.signgdF32(w, g, split, lr));
  }

  /** Stops and terminates the worker thread (idempotent). The shared memory is dropped with the last reference. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    Atomics.store(this.#control, CONTROL.op, THREAD_OPS.indexOf('stop'));
    Atomics.add(this.#control, CONTROL.seq, 1);
    Atomics.notify(this.#control, CONTROL.seq);
    await this.#thread.terminate();
  }

  get closed(): boolean {
    return this.#closed;
  }

  #elementSplit(n: number): number {
    return n >= MIN_SPLIT_MACS ? Math.floor(n / 8) * 4 : 0;
  }

  #workerScratch(bytes: number): number {
    if (bytes > this.#scratchBytes) {
      if (this.#scratch) this.free(this.#scratch, this.#scratchBytes);
      this.#scratch = 0;
      this.#scratch = this.alloc('pack', bytes);
      this.#scratchBytes = bytes;
    }
    return this.#scratch;
  }

  #post(op: ThreadOp, args: number[]): void {
    this.#checkOpen();
    this.#args.set(args);
    this.#control[CONTROL.op] = THREAD_OPS.indexOf(op);
    this.#control[CONTROL.status] = 0;
    this.#seq = (this.#seq + 1) | 0;
    Atomics.store(this.#control, CONTROL.seq, this.#seq);
    Atomics.notify(this.#control, CONTROL.seq);
  }

  /** Runs this realm's share, then waits for the worker's (also when this realm's share threw). */
  #runHere(share: () => void): void {
    try {
      share();
    } finally {
      this.#waitFor(CONTROL.done, this.#seq, 'call');
    }
    if (this.#control[CONTROL.status] !== 0) throw new KernelThreadError('the kernel thread trapped while running its share of a call');
  }

  #waitFor(word: number, value: number, what: string): void {
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    for (;;) {
      const seen = Atomics.load(this.#control, word);
      if (seen === value) return;
      const failure = this.#startProblem(word === CONTROL.ready ? seen : 0);
      if (failure) throw new KernelThreadError(failure);
      const left = deadline - Date.now();
      if (left <= 0) throw new KernelThreadError(`the kernel thread did not answer (${what}) within ${ANSWER_TIMEOUT_MS / 1000} s`);
      Atomics.wait(this.#control, word, seen, Math.min(left, 1000));
    }
  }

  /** Why the thread cannot answer, given the `ready` word it shows (or 0 while running), if it cannot. */
  #startProblem(readyWord: number): string | undefined {
    if (readyWord === CONTROL.startFailed) return 'the kernel thread could not instantiate build/hw3-shared.wasm';
    if (this.#failure) return `the kernel thread failed: ${this.#failure.message}`;
    return undefined;
  }

  #checkOpen(): void {
    if (this.#closed) throw new KernelThreadError('the kernel threads were closed');
  }

  #memoryLimit(param: string, bytes: number): MemoryLimitError {
    return new MemoryLimitError(param, bytes, {
      maxBytes: MAX_MEMORY_BYTES,
      maxBufferBytes: 2 ** 30 - 16,
      liveBytes: this.#liveBytes,
      committedBytes: this.kernels.memoryBytes(),
    });
  }
}

/** The Node host: a worker thread running kernel-thread.ts, unref'd so that a forgotten team does not keep Node alive. */
function spawnNodeKernelThread(start: KernelThreadStart): KernelThreadHandle {
  const { Worker } = nodeProcess()!.getBuiltinModule!('node:worker_threads') as WorkerThreads;
  const worker = new Worker(nodeWorkerUrl(), { workerData: start });
  worker.unref();
  return { onError: (listener) => worker.on('error', listener), terminate: () => worker.terminate() };
}

/** The worker's script: the built kernel-thread.js next to this file (under vitest, sources run from src/). */
function nodeWorkerUrl(): URL {
  const url = new URL('./kernel-thread.js', import.meta.url);
  return /\/src\/base\/kernel-thread\.js$/.test(url.pathname) ? new URL(url.href.replace(/\/src\/base\/kernel-thread\.js$/, '/dist/base/kernel-thread.js')) : url;
}

let shared: KernelThreads | undefined;
let starting: Promise<KernelThreads> | undefined;

/**
 * This realm's kernel threads, kept for later calls. In Node they start here on first use (about 0.1 s); in a browser
 * they must have been started by `startKernelThreads()`.
 * @throws KernelThreadError where threads are not available (see kernelThreadsSupport), not started yet (browsers),
 *   or the worker cannot start.
 */
export function kernelThreads(): KernelThreads {
  if (shared && !shared.closed) return shared;
  if (!nodeProcess()) throw new KernelThreadError('in a browser the kernel thread starts asynchronously: await startKernelThreads() first');
  shared = new KernelThreads();
  return shared;
}

/**
 * Starts this realm's kernel thread if it is not running (Node: at once; a browser worker: a nested Web Worker on the
 * fetched build/hw3-shared.wasm, ready in a fraction of a second) and resolves with it.
 * @throws KernelThreadError with the reason where threads are not available here, or when the thread cannot start.
 */
export async function startKernelThreads(): Promise<KernelThreads> {
  if (shared && !shared.closed) return shared;
  const support = kernelThreadsSupport();
  if (!support.available) throw new KernelThreadError(`no kernel thread here: ${support.reason}`);
  if (nodeProcess()) return kernelThreads();
  starting ??= (async () => {
    const [module, { spawnWebKernelThread }] = await Promise.all([compileSharedKernels(), import('./kernel-thread-web-host.js')]);
    const team = new KernelThreads({ module, spawn: spawnWebKernelThread });
    await team.ready();
    shared = team;
    return team;
  })().finally(() => {
    starting = undefined;
  });
  return starting;
}

/** Terminates this realm's kernel thread, if started (idempotent). Buffers of models built on it become unusable. */
export async function closeKernelThreads(): Promise<void> {
  const team = shared;
  shared = undefined;
  await team?.close();
}
