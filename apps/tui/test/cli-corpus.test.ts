// The committed hostile corpus (test/corpus/cli-cases.json), each case spawned against the built binaries as a user
// would run them, a few at a time. Besides each case's own expectations, every case obeys the output contract:
// exit 0, 1 or 2 (130 after Ctrl-C) within a generous hang guard; no stack trace on stderr; with --json exactly one
// JSON object on stdout (for bad input an error object whose flag or argument stderr names too); without --json
// nothing on stdout for bad input. A summary line gives the number of cases and the slowest rejection.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

type Arg = string | { list: number; append?: string } | { repeat: string; times: number };

interface CorpusCase {
  name: string;
  issue: string;
  bin?: 'hw3' | 'start';
  argv: Arg[];
  exit: number | number[];
  stdout?: string[];
  stderr?: string[];
  notStdout?: string[];
  maxStderr?: number;
  json?: 'result' | 'cancelled' | 'any';
  jsonError?: Record<string, string>;
  /** 'early': Ctrl-C while the modules load; otherwise a pattern on stderr to wait for before Ctrl-C. */
  signal?: string;
  /** Close the reading end of stdout after this many bytes (`| head -c N`). */
  closeStdoutAfter?: number;
  pending?: string;
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

const corpus = JSON.parse(readFileSync(new URL('./corpus/cli-cases.json', import.meta.url), 'utf8')) as { cases: CorpusCase[] };
const BINS = { hw3: fileURLToPath(new URL('../dist/cli.js', import.meta.url)), start: fileURLToPath(new URL('../dist/main.js', import.meta.url)) };
/** A hang guard, not a speed claim: far above any case's time even on a loaded machine. */
const HANG_GUARD_MS = 120_000;
const POOL = 3;
const runPending = process.env.HW3_CORPUS_PENDING === '1';

function expand(arg: Arg): string {
  if (typeof arg === 'string') return arg;
  if ('list' in arg) return Array.from({ length: arg.list }, (_, i) => i + 1).join(',') + (arg.append ?? '');
  return arg.repeat.repeat(arg.times);
}

/** At most POOL children at once (each is a Node start-up plus the kernels). */
let running = 0;
const waiting: (() => void)[] = [];
async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= POOL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function spawnCase(c: CorpusCase, args: string[], interruptAfterMs?: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BINS[c.bin ?? 'hw3'], ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    const guard = setTimeout(() => child.kill('SIGKILL'), HANG_GUARD_MS);
    const early = interruptAfterMs !== undefined ? setTimeout(() => child.kill('SIGINT'), interruptAfterMs) : undefined;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (c.closeStdoutAfter !== undefined && stdout.length >= c.closeStdoutAfter) child.stdout.destroy();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (c.signal && c.signal !== 'early' && !interrupted && new RegExp(c.signal).test(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      clearTimeout(early);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/**
 * Ctrl-C "while the modules load": a signal that lands before Node has run the first line of the binary kills it
 * (no program can answer that), so start early and wait a little longer each time until the binary answers.
 */
async function runEarlyInterrupt(c: CorpusCase, args: string[]): Promise<Outcome> {
  let delay = 150;
  for (let attempt = 0; ; attempt++) {
    const outcome = await spawnCase(c, args, delay);
    if (outcome.signal !== 'SIGINT' || attempt === 10) return outcome;
    delay = Math.round(delay * 1.5);
  }
}

const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\))$|internal error|\b(TypeError|RangeError|ReferenceError|SyntaxError|RuntimeError)\b/m;
const rejections: { name: string; ms: number }[] = [];

describe.concurrent('hw3 hostile corpus (test/corpus/cli-cases.json)', () => {
  for (const c of corpus.cases) {
    const test = c.pending && !runPending ? it.skip : it;
    test(`${c.issue} ${c.name}${c.pending ? ` [after ${c.pending}]` : ''}`, { timeout: HANG_GUARD_MS * 3 }, async () => {
      const args = c.argv.map(expand);
      const r = await withSlot(() => (c.signal === 'early' ? runEarlyInterrupt(c, args) : spawnCase(c, args)));
      const where = `${c.bin ?? 'hw3'} ${args.join(' ').slice(0, 120)}\nstderr: ${r.stderr.slice(0, 1500)}`;
      const expected = Array.isArray(c.exit) ? c.exit : [c.exit];

      expect(r.signal, `ended by ${r.signal} (hang guard or unhandled signal): ${where}`).toBeNull();
      expect(c.signal ? [130] : [0, 1, 2]).toContain(r.code);
      expect(expected, where).toContain(r.code);
      expect(r.stderr, `stack trace: ${where}`).not.toMatch(STACK_TRACE);
      if (c.maxStderr !== undefined) expect(r.stderr.length, where).toBeLessThanOrEqual(c.maxStderr);
      for (const text of c.stderr ?? []) expect(r.stderr, where).toContain(text);
      for (const text of c.stdout ?? []) expect(r.stdout, where).toContain(text);
      for (const text of c.notStdout ?? []) expect(r.stdout, where).not.toContain(text);

      if (args.includes('--json') && c.closeStdoutAfter === undefined) {
        const lines = r.stdout.trim().split('\n');
        expect(lines, `one JSON object: ${where}`).toHaveLength(1);
        const out = JSON.parse(lines[0]!) as Record<string, unknown>;
        expect(typeof out).toBe('object');
        if (r.code === 2) {
          const error = out.error as Record<string, unknown>;
          for (const key of ['code', 'param', 'allowed', 'message']) expect(typeof error[key] === 'string' && error[key] !== '', `error.${key}: ${where}`).toBe(true);
          expect(r.stderr, where).toContain(String(error.param).replace(/[<>]/g, ''));
          expect(error, where).toMatchObject(c.jsonError ?? {});
        }
        if (c.json === 'result') expect(out).toMatchObject({ status: 'complete', checks: expect.any(Array), values: expect.any(Object) });
        if (c.json === 'cancelled') expect(out.status ?? (out.results ? 'cancelled' : undefined)).toBe('cancelled');
      } else if (r.code === 2) {
        expect(r.stdout, `bad input prints nothing on stdout: ${where}`).toBe('');
      }
      if (r.code === 2) rejections.push({ name: c.name, ms: r.ms });
    });
  }
});

afterAll(() => {
  const ran = corpus.cases.filter((c) => !c.pending || runPending).length;
  const slowest = rejections.reduce((a, b) => (b.ms > a.ms ? b : a), { name: '—', ms: 0 });
  console.log(
    `corpus: ${corpus.cases.length} cases, ${ran} run, ${corpus.cases.length - ran} pending; ` +
      `${rejections.length} rejections (exit 2), slowest ${slowest.ms} ms (${slowest.name}), process start-up included`,
  );
});
