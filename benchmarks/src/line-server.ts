// A helper process (the native probe, the numpy twins) answering one line per request, called synchronously: the
// bench's timing loops are synchronous, and pairing a kernel batch with a helper's measurement needs the answer before
// the next batch. Requests go through a FIFO; answers come back through another, read without blocking and polled
// with short sleeps, so a helper that dies or hangs becomes an error after a timeout instead of a hung bench.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const pause = new Int32Array(new SharedArrayBuffer(4));

function sleepMs(ms: number): void {
  Atomics.wait(pause, 0, 0, ms);
}

export class LineServerError extends Error {}

export class LineServer {
  readonly #child: ChildProcess;
  readonly #dir: string;
  readonly #cmd: number;
  readonly #res: number;
  #pending = '';
  #stderr = '';
  #exited: string | undefined;

  /**
   * Starts `command args… CMD_FIFO RESULT_FIFO extra…`.
   * @param extra arguments after the two FIFO paths.
   */
  constructor(
    readonly name: string,
    command: string,
    args: readonly string[],
    extra: readonly string[] = [],
    env?: NodeJS.ProcessEnv,
  ) {
    this.#dir = mkdtempSync(join(tmpdir(), 'hw3-bench-'));
    const cmdPath = join(this.#dir, 'cmd');
    const resPath = join(this.#dir, 'res');
    execFileSync('mkfifo', [cmdPath, resPath]);
    // O_RDWR on a FIFO never blocks on Linux, so neither open waits for the child.
    this.#cmd = openSync(cmdPath, constants.O_RDWR);
    this.#res = openSync(resPath, constants.O_RDWR | constants.O_NONBLOCK);
    this.#child = spawn(command, [...args, cmdPath, resPath, ...extra], { stdio: ['ignore', 'ignore', 'pipe'], env });
    this.#child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-2000);
    });
    this.#child.on('exit', (code, signal) => {
      this.#exited = `exited with ${signal ?? code}`;
    });
    this.#child.on('error', (error) => {
      this.#exited = error.message;
    });
  }

  /** Sends one request line; returns the answer line. @throws LineServerError after `timeoutMs` without an answer. */
  request(line: string, timeoutMs = 120_000): string {
    writeSync(this.#cmd, `${line}\n`);
    const buffer = Buffer.alloc(4096);
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const newline = this.#pending.indexOf('\n');
      if (newline >= 0) {
        const answer = this.#pending.slice(0, newline);
        this.#pending = this.#pending.slice(newline + 1);
        if (answer.startsWith('error')) throw new LineServerError(`${this.name}: ${answer} (request "${line}")`);
        return answer;
      }
      let got = 0;
      try {
        got = readSync(this.#res, buffer, 0, buffer.length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      }
      if (got > 0) {
        this.#pending += buffer.subarray(0, got).toString();
        continue;
      }
      if (performance.now() > deadline) {
        throw new LineServerError(`${this.name}: no answer to "${line}" within ${timeoutMs / 1000} s${this.#why()}`);
      }
      // Exit and stderr events arrive through the event loop, which a synchronous wait starves; poll the pid instead.
      if (!this.#alive()) throw new LineServerError(`${this.name}: stopped before answering "${line}"${this.#why()}`);
      sleepMs(0.2);
    }
  }

  #alive(): boolean {
    if (this.#exited !== undefined || this.#child.pid === undefined) return false;
    // A child that exited stays a zombie until the (starved) event loop reaps it: read its state from /proc.
    try {
      const stat = readFileSync(`/proc/${this.#child.pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  }

  #why(): string {
    const detail = [this.#exited, this.#stderr.trim()].filter(Boolean).join('; ');
    return detail ? ` (${detail})` : '';
  }

  /** Asks the helper to quit, then frees the FIFOs; kills it when it does not quit. */
  close(): void {
    try {
      writeSync(this.#cmd, 'quit\n');
    } catch {
      // already gone
    }
    closeSync(this.#cmd);
    closeSync(this.#res);
    if (this.#alive()) {
      const deadline = performance.now() + 2000;
      while (this.#alive() && performance.now() < deadline) sleepMs(5);
      if (this.#alive()) this.#child.kill('SIGKILL');
    }
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
