// The hw3 command's full matrix of inputs, run in-process through the built `main` (same code as the binary, without
// a Node start-up per case): exit codes, stderr naming the flag and value, nothing on stdout for bad input, --help.
import { afterEach, describe, expect, it } from 'vitest';
// The built JavaScript (and its declarations): the same code as the binary.
import { main } from '../dist/cli/program.js';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function hw3(args: string[]): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = (await (main as (argv: string[]) => Promise<number>)(['node', 'hw3', ...args])) as number;
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    process.exitCode = undefined;
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('help everywhere', () => {
  it.each([[['--help']], [['run', '--help']], [['run', '1b', '--help']], [['run', 'remat', '--help']], [['check', '--help']], [['list', '--help']], [['report', '--help']], [['doctor', '--help']]])(
    '%j prints usage on stdout, exit 0',
    async (args) => {
      const r = await hw3(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: hw3/);
    },
  );

  it('run <experiment> --help lists every parameter as a flag, with its range and default', async () => {
    const r = await hw3(['run', 'remat', '--help']);
    for (const flag of ['--layers <n>', '--every <n>', '--fwdNs <x>', '--loadmemNs <x>']) expect(r.stdout).toContain(flag);
    expect(r.stdout).toMatch(/chain length n \(1…100000\); default 10/);
  });
});

describe('bad input: exit 2, message on stderr naming the flag and value, nothing on stdout', () => {
  it.each([
    [['run', '1b', '--d2', 'abc'], /--d2.*abc/],
    [['run', '1b', '--d2', '100000'], /--d2 100000 is rejected/],
    [['run', '1b', '--d2', '0x10'], /--d2.*0x10/],
    [['run', '1b', '--d2', ''], /--d2/],
    [['run', '1b', '--d1s', '4,x'], /--d1s.*"x"/],
    [['run', '1b', '--d1s', '4'], /--d1s 4 is rejected/],
    [['run', '1b', '--gradients', 'both'], /--gradients.*both/],
    [['run', '4b', '--every', '0'], /--every 0 is rejected/],
    [['run', '4b', '--fwdNs', 'NaN'], /--fwdNs.*NaN/],
    [['run', '1b', '--seed', '-1'], /--seed.*-1/],
    [['run', '1b', '--seed', '1.5'], /--seed.*1\.5/],
    [['run', '1b', '--seed', '99999999999999999999'], /--seed.*99999999999999999999/],
    [['run', '1b', '--bogus', '3'], /unknown option '--bogus'/],
    [['run', '1b', '--preset', 'slow'], /--preset.*slow/],
    [['run', '1d'], /unknown experiment "1d" \(did you mean 1a, 1b, 1c\?\)/],
    [['run', 'sgd-update'], /did you mean signgd-update/],
    [['run', '__proto__'], /unknown experiment "__proto__"/],
    [['run'], /missing required argument/],
    [['check', '1b', 'd1 +'], /formula "d1 \+" is not a valid expression/],
    [['check', '1b', 'd3*2'], /unknown variable "d3" \(did you mean d1\?\)/],
    [['check', '1b', '__proto__'], /unknown variable "__proto__"/],
    [['check', '1b', 'constructor'], /unknown variable "constructor"/],
    [['check', '1b', 'd1.constructor'], /property or index access/],
    [['check', '1b', 'f(x) = x'], /function definitions/],
    [['check', '1b', 'x = 3'], /assignments/],
    [['check', '1b', '[1, 2]'], /matrices/],
    [['check', '1b', 'sqr(d1)'], /unknown function "sqr" \(did you mean sqrt\?\)/],
    [['check', '1b', 'd'.repeat(10_000)], /too long \(10000 characters, at most 500\)/],
    [['check', '1b', 'd1+'.repeat(3_400)], /too long/],
    [['check', '1b', ''], /is empty/],
    [['check', '1x', 'd1'], /question must be a known question \(did you mean 1a, 1b, 1c\?\), got "1x"/],
    [['check', 'remat', 'n'], /one of 4a, 4b, 4c/],
    [['check', '4b', 'n', '--alpha', '2'], /--alpha.*"2"/],
    [['check', '4b', 'n', '--seed', 'x'], /--seed.*"x"/],
    [['check', '1b'], /missing required argument <formula>/],
    [['lsit'], /Did you mean list\?/],
  ])('%j → %s', async (args, message) => {
    const r = await hw3(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});

describe('verdicts and exit codes', () => {
  it.each([
    [['check', '4a', 'n*(k-1)/2'], 0],
    [['check', '4a', '20'], 0],
    [['check', '4a', 'n*k/2'], 1],
    [['check', '4c', 'loadmemNs + fwdNs*(k-1)/2'], 0],
    [['check', '4c', 'fwdNs*(k-1)/2'], 1],
    [['check', '4b', '8'], 1],
    [['check', '4b', 'n'], 0],
    [['run', 'remat', '--layers', '12', '--every', '4'], 0],
    [['run', '4b', '--layers', '10', '--every', '3'], 0],
  ])('%j → exit %i', async (args, code) => {
    const r = await hw3(args);
    expect(r.code).toBe(code);
    expect(r.stderr).toBe('');
  });

  it('--json output is exactly one JSON object (run and check)', async () => {
    for (const args of [['run', '4b', '--json'], ['check', '4b', 'n', '--json'], ['list', '--json'], ['doctor', '--json']]) {
      const r = await hw3(args);
      expect(r.stdout.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(typeof JSON.parse(r.stdout)).toBe('object');
    }
  });

  it('check --all shows every point; the default shows 20 and says how many more', async () => {
    const some = await hw3(['check', '4b', 'n']);
    expect(some.stdout).toMatch(/… 30 more points \(--all shows them\)/);
    const all = await hw3(['check', '4b', 'n', '--all']);
    expect(all.stdout.match(/✓/g)!.length).toBe(1 + 50);
  });

  it('run --tables prints the experiment’s tables', async () => {
    const r = await hw3(['run', 'remat', '--tables']);
    expect(r.stdout).toMatch(/Every k-th of 10 layers stored/);
  });
});

describe('colour', () => {
  it('only on a terminal, and never with NO_COLOR', async () => {
    const { createStyle } = (await import('../dist/cli/style.js')) as { createStyle: (s: { isTTY?: boolean }, env: Record<string, string>) => { enabled: boolean; ok(t: string): string } };
    expect(createStyle({ isTTY: true }, {}).enabled).toBe(true);
    expect(createStyle({ isTTY: true }, {}).ok('x')).toBe('\u001b[32mx\u001b[39m');
    expect(createStyle({ isTTY: true }, { NO_COLOR: '1' }).enabled).toBe(false);
    expect(createStyle({ isTTY: false }, {}).ok('x')).toBe('x');
  });
});
