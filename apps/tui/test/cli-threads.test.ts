// `hw3 run <transformer experiment> --threads 1|2` through the built binary: the same JSON result either way, apart
// from the threads asked for and `threadsPerRun`. The smoke presets get a width of 256, whose products and Adam steps
// are large enough to be split between the two threads (narrower ones stay on one thread).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function hw3(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The parsed result with the thread fields taken out (they are the one intended difference). */
function withoutThreads(stdout: string): unknown {
  const result = JSON.parse(stdout) as { params: Record<string, unknown>; values: Record<string, unknown> };
  delete result.params.threads;
  delete result.values.threadsPerRun;
  return result;
}

describe('hw3 run with --threads 1 and 2: the same result', () => {
  it.each([
    ['transformer-lr-transfer', ['--widths', '16,256']],
    ['transformer-coord-check', ['--widths', '16,64,256']],
  ])('%s, smoke preset', async (experiment, extra) => {
    const args = (threads: number) => ['run', experiment, '--preset', 'smoke', ...extra, '--seed', '4', '--threads', String(threads), '--json', '--no-store'];
    const [one, two] = await Promise.all([hw3(args(1)), hw3(args(2))]);
    // The smoke presets train a few steps: checks may fail (exit 1); the point is that both give the same result.
    expect(one.code, one.stderr).not.toBe(2);
    expect(two.code, two.stderr).toBe(one.code);
    expect(JSON.parse(one.stdout).values.threadsPerRun).toBe(1);
    expect(JSON.parse(two.stdout).values.threadsPerRun).toBe(2);
    expect(withoutThreads(two.stdout)).toEqual(withoutThreads(one.stdout));
  }, 180_000);

  it('--threads 3 is refused: exit 2, the flag, its value and the range on stderr; with --json an error object', async () => {
    const [plain, json] = await Promise.all([hw3(['run', 'transformer-lr-transfer', '--threads', '3']), hw3(['run', 'transformer-coord-check', '--threads', '0', '--json'])]);
    expect(plain.code).toBe(2);
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toMatch(/--threads 3 is rejected: .*<=2/);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'INVALID_ARGUMENT', param: '--threads', value: '0' });
  }, 60_000);
});
