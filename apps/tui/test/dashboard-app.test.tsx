// Keyboard flows through the whole dashboard (ink-testing-library), with real experiments from core run on this
// thread: select, run, view, cancel (finished part kept), edit a parameter with inline validation, seed, help.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cleanup, render } from 'ink-testing-library';
import { experiments as registry, findExperiment, type Experiment } from '@hw3/core';
import { App } from '../src/dashboard/App.js';
import { InProcessRunner } from '../src/worker/in-process-runner.js';
import { KEY, slowExperiment, waitForFrame } from './dashboard-helpers.js';

const remat = findExperiment('remat')!;

function start(experiments: readonly Experiment[]) {
  const runner = new InProcessRunner(experiments, 0);
  const ui = render(<App experiments={experiments} runner={runner} size={{ columns: 110, rows: 40 }} />);
  const wait = (ok: (f: string) => boolean, what: string) => waitForFrame(ui.lastFrame, ok, what);
  const waitFor = (text: string) => wait((f) => f.includes(text), JSON.stringify(text));
  // Each key here changes the frame; wait for that, then let React run its effects (where Ink's useInput picks up
  // the new handlers) before the next key, so a busy machine cannot reorder keys and renders.
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      const before = ui.frames.length;
      ui.stdin.write(k);
      await waitForFrame(() => String(ui.frames.length), (n) => Number(n) > before, `a new frame after key ${JSON.stringify(k)}`);
      for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { ...ui, runner, wait, waitFor, press };
}

afterEach(() => cleanup());

describe('dashboard', () => {
  it('lists every registered experiment under its homework question, none run yet', async () => {
    const ui = start(registry);
    const frame = await ui.waitFor('HW3 Lab');
    expect(frame).toContain('Question 4');
    for (const e of registry) expect(frame).toContain(e.title.slice(0, 20));
    expect(frame.match(/not run/g)?.length).toBe(registry.length);
    expect(frame).toContain('? help');
    // The selected experiment's cost with its current parameters, before anything runs.
    expect(frame).toMatch(/cost: (under a second|about \d+ s on one core)/);
  });

  it('moves the selection, runs the selected experiment and shows its verdict, then its result', async () => {
    // The labs are listed after the homework questions whatever the registry order.
    const ui = start([slowExperiment, remat]);
    await ui.waitFor('❯ 4a–4c');
    await ui.press(KEY.down);
    await ui.waitFor('❯ slow');
    await ui.press(KEY.up);
    await ui.waitFor('❯ 4a–4c');
    await ui.press(KEY.enter);
    const frame = await ui.wait((f) => /✓ all \d+ checks pass/.test(f), 'every check to pass');
    // The finished run is printed above the dashboard with its checks table.
    expect(frame).toMatch(/layers=10 {2}every=5/);
    expect(frame).toContain('✓ fwd = closed form');
    await ui.press('v');
    const view = await ui.waitFor('── Checks');
    expect(view).toContain('── Values');
    expect(view).toContain('forward steps (recompute) = 20 steps');
    expect(view).toContain('memory loads = 10 loads');
    expect(view).not.toMatch(/\bbreakEvenNs\b|\bcachedFwd\b/);
    expect(view).toMatch(/lines 1–\d+ of \d+/);
    await ui.press(KEY.escape);
    await ui.waitFor('❯ 4a–4c');
  });

  it('runs all experiments in order, one at a time', async () => {
    const quick: Experiment = { ...slowExperiment, id: 'quick', params: slowExperiment.params.extend({ units: z.number().int().min(1).default(3) }) };
    const ui = start([remat, quick]);
    await ui.waitFor('❯ 4a–4c');
    await ui.press('a');
    // The first `a` says what it will cost; nothing runs until a second `a`.
    const question = await ui.waitFor('Run all 2 experiments');
    expect(question).toMatch(/Run all 2 experiments, one after another: .*Press a again to start/);
    expect(question).not.toContain('Running');
    await ui.press('a');
    const frame = await ui.wait((f) => /4a–4c .*✓ all \d+ checks pass/.test(f) && /quick .*✓ no checks/.test(f), 'both to finish');
    // The log above lists them in the order they ran.
    expect(frame.indexOf('4a–4c Rematerialization')).toBeLessThan(frame.indexOf('lab Slow counter'));
  });

  it('cancels a running experiment and keeps what finished', async () => {
    const ui = start([remat, slowExperiment]);
    await ui.waitFor('❯ 4a–4c');
    await ui.press(KEY.down, KEY.enter);
    await ui.wait((f) => /Running lab Slow counter/.test(f) && /unit \d+/.test(f), 'progress');
    await ui.press('c');
    const frame = await ui.waitFor('cancelled (partial result kept)');
    expect(frame).toContain('cancelled — partial result');
    await ui.press('v');
    const view = await ui.waitFor('── Values');
    const done = Number(/units counted = (\d+) units/.exec(view)?.[1]);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(100_000);
  });

  it('edits a parameter with inline validation messages, then runs with it', async () => {
    const ui = start([remat]);
    await ui.waitFor('❯ 4a–4c');
    await ui.press('p');
    await ui.waitFor('Parameters of');
    // Two backspaces in one read (a fast typist, a slow machine) still delete two characters.
    await ui.press(KEY.backspace + KEY.backspace, 'a', 'b', 'c');
    await ui.waitFor('✗ layers must be an integer, got "abc"');
    await ui.press(KEY.backspace, KEY.backspace, KEY.backspace, '0');
    // layers = 0 is out of range (and every = 5 then exceeds it): the form says how many fields to fix.
    const tooSmall = await ui.wait((f) => /\d+ fields? to fix before running/.test(f), 'fields to fix');
    expect(tooSmall).toMatch(/✗ layers: .*>=1/);
    // ⏎ with an invalid field does not run.
    await ui.press(KEY.enter);
    await ui.waitFor('Parameters of');
    await ui.press(KEY.backspace, '2', '0');
    await ui.waitFor('✓ valid');
    await ui.press(KEY.down, KEY.backspace, '7');
    await ui.wait((f) => /❯ every\s+7 /.test(f), 'every = 7');
    await ui.press(KEY.enter);
    const frame = await ui.wait((f) => f.includes('layers=20  every=7') && /✓ all \d+ checks pass/.test(f), 'the run with layers=20');
    expect(frame).not.toContain('Parameters of');
  });

  it('reruns with another seed', async () => {
    const ui = start([remat]);
    await ui.waitFor('❯ 4a–4c');
    await ui.press('s');
    await ui.waitFor('with seed 2');
    await ui.press(KEY.backspace, 'x');
    await ui.waitFor('✗ seed must be an integer');
    await ui.press(KEY.backspace, '7');
    await ui.press(KEY.enter);
    await ui.waitFor('seed 7 ·');
  });

  it('checks a claimed formula against a homework question: verdict, evidence, formula errors', async () => {
    const ui = start([remat]);
    await ui.waitFor('❯ 4a–4c');
    await ui.press('x');
    await ui.waitFor('which homework question');
    for (let i = 0; i < 20 && !/❯ 4a /.test(ui.lastFrame() ?? ''); i++) await ui.press(KEY.down);
    await ui.press(KEY.enter);
    await ui.waitFor('formula:');
    // 4a's answer in the homework's notation, then a wrong one: refuted, with the disagreeing points first.
    await ui.press('n', '*', '(', 'k', '-', '1', ')', '/', '2', KEY.enter);
    const right = await ui.waitFor('✓ consistent');
    expect(right).toContain('read as  n * (k - 1) / 2');
    await ui.press(...Array.from({ length: 9 }, () => KEY.backspace), 'n', '*', 'k', KEY.enter);
    const wrong = await ui.waitFor('✗ refuted');
    expect(wrong).toMatch(/✗ n=\d+ k=\d+/);
    await ui.press(KEY.backspace, KEY.backspace, '*', '*', KEY.enter);
    await ui.wait((f) => /✗ formula "n\*\*\*"/.test(f) || /✗ formula/.test(f), 'a formula error');
    await ui.press(KEY.escape);
    await ui.waitFor('which homework question');
    await ui.press(KEY.escape);
    await ui.waitFor('❯ 4a–4c');
  });

  it('shows keyboard help on ? and goes back on esc', async () => {
    const ui = start([remat]);
    await ui.waitFor('❯ 4a–4c');
    await ui.press('?');
    const help = await ui.waitFor('Keyboard help');
    expect(help).toContain('cancel the running experiment');
    await ui.press(KEY.escape);
    await ui.waitFor('❯ 4a–4c');
  });
});
