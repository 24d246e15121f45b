import { editDistance } from './edit-distance.js';

/** Stable machine-readable error codes; `message` is for people. */
export type Hw3ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'SHAPE_MISMATCH'
  | 'DTYPE_MISMATCH'
  | 'MEMORY_LIMIT'
  | 'NOT_INITIALIZED'
  | 'USE_AFTER_FREE'
  | 'CANCELLED'
  | 'KERNEL_THREAD';

/** Base class of every error `@hw3/core` throws on purpose. `param` names the offending argument. */
export class Hw3Error extends Error {
  readonly code: Hw3ErrorCode;
  readonly param: string | undefined;
  readonly value: unknown;

  constructor(code: Hw3ErrorCode, message: string, param?: string, value?: unknown) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.param = param;
    this.value = value;
  }
}

/** A value is of the wrong kind or out of range (`n must be a positive integer, got -3`). */
export class InvalidArgumentError extends Hw3Error {
  /** What is allowed, in words (`an integer from 1 to 4096`). */
  readonly expected: string;
  constructor(param: string, value: unknown, expectation: string) {
    super('INVALID_ARGUMENT', `${param} must be ${expectation}, got ${describeValue(value)}`, param, value);
    this.expected = expectation;
  }
}

/** An options object has a key the function does not know (a typo would otherwise be silently ignored). */
export class UnknownOptionError extends InvalidArgumentError {
  readonly allowed: readonly string[];
  constructor(optionsParam: string, key: string, allowed: readonly string[]) {
    super(key, undefined, 'a known option');
    const hint = nearestKey(key, allowed);
    this.message = `${optionsParam} has an unknown option ${JSON.stringify(key)}${hint ? ` (did you mean ${hint}?)` : ''}; allowed: ${allowed.join(', ')}`;
    this.allowed = allowed;
  }
}

function nearestKey(key: string, allowed: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: { key: string; d: number } | undefined;
  for (const candidate of allowed) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (!best || d < best.d) best = { key: candidate, d };
  }
  return best && best.d <= Math.max(1, Math.floor(key.length / 3)) ? best.key : undefined;
}

/** Array lengths disagree with the declared shape. */
export class ShapeError extends Hw3Error {
  constructor(param: string, actual: number, expected: number, because: string) {
    super('SHAPE_MISMATCH', `${param} has length ${actual}, expected ${expected} (${because})`, param, actual);
  }
}

/** Arrays of different element types were mixed, or a non-float array was given. */
export class DTypeError extends Hw3Error {
  constructor(param: string, actual: string, expected: string) {
    super('DTYPE_MISMATCH', `${param} is ${actual}, expected ${expected}`, param, actual);
  }
}

/** What the memory held when a request was refused. */
export interface MemoryState {
  /** The WebAssembly memory's maximum (2 GiB). */
  maxBytes: number;
  /** The largest single buffer the allocator hands out (just under 1 GiB). */
  maxBufferBytes: number;
  /** Bytes in live buffers. */
  liveBytes: number;
  /** Linear memory committed so far (it never shrinks; freed space inside it is reused). */
  committedBytes: number;
}

/** The request does not fit in WebAssembly memory; nothing was allocated. */
export class MemoryLimitError extends Hw3Error {
  readonly memory: MemoryState;
  constructor(param: string, bytes: number, memory: MemoryState) {
    const fragmented = memory.liveBytes + bytes <= memory.maxBytes ? '; the free space is split and no free block is large enough' : '';
    const why =
      bytes > memory.maxBufferBytes
        ? `more than the largest single buffer (${memory.maxBufferBytes} bytes, just under 1 GiB; maximum ${formatBytes(memory.maxBytes)} in all); split it into smaller arrays`
        : `more than the WebAssembly memory can still hold (maximum ${formatBytes(memory.maxBytes)}, ` +
          `${formatBytes(memory.liveBytes)} in live buffers${fragmented}); free buffers or use smaller sizes`;
    super('MEMORY_LIMIT', `${param} needs ${formatBytes(bytes)}, ${why}`, param, bytes);
    this.memory = memory;
  }
}

/** The WebAssembly module is not loaded yet (browsers: `await init()` first). */
export class NotInitializedError extends Hw3Error {
  constructor(reason: string) {
    super('NOT_INITIALIZED', `the HW3 kernels are not loaded: ${reason}; call \`await init()\` first`);
  }
}

/** A WasmArray was used after `free()`. */
export class UseAfterFreeError extends Hw3Error {
  constructor(param: string) {
    super('USE_AFTER_FREE', `${param} was already freed`, param);
  }
}

/** Work was stopped through its AbortSignal; `partial` holds what finished. */
export class CancelledError<P = unknown> extends Hw3Error {
  readonly partial: P | undefined;
  constructor(what: string, partial?: P) {
    super('CANCELLED', `${what} was cancelled`);
    this.partial = partial;
  }
}

/** An error as plain data, able to cross a thread or worker boundary (structured cloning keeps only an Error's name
 * and message): the typed error's code and parameter, and a parameter error's list of problems. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  param?: string;
  /** One entry per rejected parameter (ParamError). */
  issues?: { param: string; message: string }[];
}

/** Any thrown value as a {@link SerializedError}: what a worker sends back when its work fails. */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, param, issues } = error as Error & { code?: unknown; param?: unknown; issues?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof param === 'string' ? { param } : {}),
    ...(Array.isArray(issues) ? { issues: issues.map((i: { param: unknown; message: unknown }) => ({ param: String(i.param), message: String(i.message) })) } : {}),
  };
}

/**
 * Text for a message, clipped so a huge value (a 10 000-entry list, a pasted file) cannot flood it: the first
 * characters, an ellipsis and the full length, e.g. `1,2,3,4,…(48893 characters)`.
 */
export function clipText(text: string, max = 60): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(1, max - 3))}…(${text.length} characters)`;
}

/** A short, safe rendering of any value for messages: strings quoted and clipped, NaN and -0 visible. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return value.length > 60 ? `${JSON.stringify(value.slice(0, 57))}…(${value.length} characters)` : JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as { length?: number }).length ?? value.byteLength})`;
  if (Array.isArray(value)) return `array(${value.length})`;
  if (typeof value === 'function') return 'a function';
  return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  if (bytes >= 2 ** 10) return `${(bytes / 2 ** 10).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/** The optional second kernel thread could not start, failed, or did not answer (see the `threads` options). */
export class KernelThreadError extends Hw3Error {
  constructor(message: string) {
    super('KERNEL_THREAD', message);
  }
}
