// The built `hw3` binary, spawned as a user would: exit codes (0 pass/consistent, 1 fail/refuted, 2 bad input,
// 130 interrupted), exactly one JSON object on stdout with --json, messages on stderr naming the flag and value,
// nearest-id suggestions, --help, no colour when stdout is not a terminal. Build first (turbo does). Each spawn costs
// a Node start-up, so the full matrix of bad inputs runs in-process in cli-inprocess.test.ts.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function hw3(args: string[], options: { env?: NodeJS.ProcessEnv; interruptOn?: RegExp } = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (options.interruptOn && !interrupted && options.interruptOn.test(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
const ANSI = /\u001b\[/;

describe.concurrent('hw3 list / help', { timeout: 120_000 }, () => {
  it('list shows the experiments in homework order and the claim questions', async () => {
    const r = await hw3(['list']);
    expect(r.code).toBe(0);
    const at = (s: string) => r.stdout.indexOf(s);
    for (const id of ['rms-at-init', 'signgd-update', 'fan-in-only', 'remat']) expect(at(id)).toBeGreaterThan(-1);
    expect(at('rms-at-init')).toBeLessThan(at('signgd-update'));
    expect(at('signgd-update')).toBeLessThan(at('fan-in-only'));
    expect(at('fan-in-only')).toBeLessThan(at('remat'));
    expect(r.stdout).toMatch(/hw3 check <question>/);
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('list --json is one object with experiments (and their params) and claim questions', async () => {
    const r = await hw3(['list', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { experiments: { id: string; params: { name: string }[] }[]; claimQuestions: { question: string }[] };
    expect(out.experiments.find((e) => e.id === 'signgd-update')!.params.map((p) => p.name)).toContain('d1s');
    expect(out.claimQuestions.map((q) => q.question)).toEqual(expect.arrayContaining(['1a', '1b', '1c', '4a', '4b', '4c']));
  });

  it.each([[['--help']], [['check', '--help']]])('%j prints usage and exits 0', async (args) => {
    const r = await hw3(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: hw3/);
  });

  it('run 1b --help lists the experiment’s own flags', async () => {
    const r = await hw3(['run', '1b', '--help']);
    for (const flag of ['--d1s', '--d2', '--batches', '--gradients', '--seed', '--json', '--preset']) expect(r.stdout).toContain(flag);
  });

  it('run lr-transfer --help says what a run costs before it starts: defaults and each preset', async () => {
    const r = await hw3(['run', 'lr-transfer', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/cost \(estimated from the parameters; calibrated on .+\):/);
    expect(r.stdout).toMatch(/ {2}defaults +about \d+ min on \d+ cores/);
    expect(r.stdout).toMatch(/ {2}--preset quick +about \d+ (s|min) on \d+ cores/);
    expect(r.stdout).toMatch(/ {2}--preset smoke +(under a second|about \d+ s on \d+ cores)/);
  });

  it('no arguments: usage on stderr, exit 2; an unknown command suggests the nearest', async () => {
    const none = await hw3([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Usage: hw3/);
    const typo = await hw3(['rnu']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Did you mean run\?/);
  });
});

describe.concurrent('hw3 run', { timeout: 120_000 }, () => {
  it('run 4b --json prints exactly one JSON object with the promised keys; exit 0', async () => {
    const r = await hw3(['run', '4b', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & { values: Record<string, number> };
    for (const key of ['id', 'question', 'title', 'seed', 'params', 'values', 'checks', 'series', 'tables']) expect(out).toHaveProperty(key);
    expect(out.values).toMatchObject({ fwd: 20, loadmem: 10, breakEvenNs: 50 });
  });

  it('run 1b --preset quick --json: every check passes, series lengths match, flags override the preset', async () => {
    const r = await hw3(['run', '1b', '--preset', 'quick', '--d2', '8', '--seed', '5', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { seed: number; params: { d2: number }; checks: { pass: boolean }[]; series: { x: unknown[]; y: unknown[] }[] };
    expect(out.seed).toBe(5);
    expect(out.params.d2).toBe(8);
    expect(out.checks.every((c) => c.pass)).toBe(true);
    for (const s of out.series) expect(s.y.length).toBe(s.x.length);
  });

  it('human output: a checks table with ✓, measured ± stderr and expected, no colour off a terminal', async () => {
    const r = await hw3(['run', 'fan-in-only', '--preset', 'quick']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ all \d+ checks pass/);
    expect(r.stdout).toMatch(/✓ +slope of E‖Wx‖²_rms in d₂ = 0\s+-?[\d.e+-]+ +0 +± [\d.e+-]+ z -?[\d.e+-]+\/[\d.]+/);
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stderr).toBe('');
  });

  it.each([
    [['run', '1b', '--d2', 'abc'], /--d2.*abc/],
    [['run', '4b', '--every', '0'], /--every 0/],
    [['run', '1d'], /unknown experiment "1d" \(did you mean 1a, 1b, 1c\?\)/],
  ])('%j → exit 2 and %s on stderr, nothing on stdout', async (args, message) => {
    const r = await hw3(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('Ctrl-C cancels a run and still prints what finished (status cancelled), exit 130', async () => {
    const r = await hw3(['run', '1a', '--json', '--progress'], { interruptOn: /progress \d+%/ });
    expect(r.code).toBe(130);
    const out = JSON.parse(r.stdout) as { status: string; values: { gridPoints: number } };
    expect(out.status).toBe('cancelled');
    expect(out.values.gridPoints).toBeGreaterThanOrEqual(1);
    expect(r.stderr).toMatch(/interrupted/);
  });
});

describe.concurrent('hw3 check', { timeout: 120_000 }, () => {
  it.each([
    ['1b', 'd1', 1, 'refuted'],
    ['4b', '8', 1, 'refuted'],
    ['1b', 'd1*(1-2/pi+2*d1/pi)', 0, 'consistent'],
    ['4b', 'n', 0, 'consistent'],
  ])('check %s "%s" → exit %i (%s), JSON { question, claim, verdict, evidence }', async (question, formula, code, verdict) => {
    const r = await hw3(['check', question, formula, '--json']);
    expect(r.code).toBe(code);
    const out = JSON.parse(r.stdout) as { question: string; claim: string; verdict: string; evidence: { claimed: number; measured: number; stderr: number }[] };
    expect(out).toMatchObject({ question, claim: formula, verdict });
    expect(out.evidence.length).toBeGreaterThan(0);
    for (const e of out.evidence) for (const k of ['point', 'claimed', 'measured', 'stderr', 'z']) expect(e).toHaveProperty(k);
  });

  it('human output names the verdict and shows the evidence', async () => {
    const r = await hw3(['check', '1b', 'd1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/verdict +✗ refuted/);
    expect(r.stdout).toMatch(/d1=256 d2=1 +256 +[\d.]+ ± [\d.]+ +z /);
  });

  it.each([
    [['check', '1b', 'd1 +'], /formula "d1 \+" is not a valid expression/],
    [['check', '1b', 'd3*2'], /unknown variable "d3" \(did you mean d1\?\)/],
    [['check', '1b', '__proto__'], /unknown variable "__proto__"/],
    [['check', '1b', 'd'.repeat(10_000)], /too long \(10000 characters, at most 500\)/],
  ])('%j → exit 2 and %s on stderr', async (args, message) => {
    const r = await hw3(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});
