// End to end, as a person would use it: the built dashboard (`npm start` runs dist/main.js) in a detached tmux
// session of fixed size; keys go in with send-keys and the assertions read the screen with capture-pane.
// Skipped, saying why, when tmux is not installed (CI installs it: scripts/ensure-test-deps.sh).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const socket = `hw3-dashboard-test-${process.pid}`;
let session = 'hw3';

const tmux = (...args: string[]) => {
  const r = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
};
const screen = (...flags: string[]) => tmux('capture-pane', '-p', ...flags, '-t', session);
/** The screen and the 100 rows above it that scrolled off. */
const withScrollback = () => screen('-S', '-100');
const keys = (...k: string[]) => tmux('send-keys', '-t', session, ...k);
const type = (text: string) => tmux('send-keys', '-t', session, '-l', text);

/** Polls the screen until `ok` holds (a busy machine may take a while: 60 s at most); returns it. */
async function waitScreen(ok: (s: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const s = screen();
    if (ok(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
/** Sends keys one at a time, each after the screen showed the previous one and the app settled (as a person types:
 * ink-text-input computes a new value from the last rendered one, so keys faster than the screen can be lost). */
async function typeSlowly(...k: string[]) {
  for (const key of k) {
    const before = screen();
    if (key.length === 1) type(key);
    else keys(key);
    await waitScreen((s) => s !== before, `the screen to show ${key}`);
    await settle();
  }
}
/** A pause after the screen changed, for the new screen to start listening to keys. */
const settle = () => new Promise((r) => setTimeout(r, 300));
/** Foreground colour parameters (30–38, 90–97) of the SGR escapes on screen. */
const colours = () =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
  [...screen('-e').matchAll(/\u001B\[([0-9;]*)m/g)]
    .flatMap((m) => m[1]!.split(';').map(Number))
    .filter((p) => (p >= 30 && p <= 38) || (p >= 90 && p <= 97));
const selectedLine = (s: string) => s.split('\n').find((l) => l.startsWith('❯')) ?? '';

afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
});

if (!hasTmux) {
  describe('dashboard under tmux', () => {
    it.skip('skipped: tmux is not installed (apt-get install tmux, or run scripts/ensure-test-deps.sh)', () => {});
  });
}

describe.runIf(hasTmux)('dashboard under tmux (120 × 40)', () => {
  it('runs, shows, re-parameterises and cancels experiments from the keyboard, and quits restoring the terminal', async () => {
    expect(existsSync(main), `${main} is missing: build @hw3/tui first`).toBe(true);
    // A person's terminal: without CI in the environment (with it, Ink draws only the last frame and chalk no
    // colours). After the dashboard exits, print its exit code and whether the terminal is back in canonical mode.
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40',
      `env -u CI -u CONTINUOUS_INTEGRATION node ${main}; echo "EXIT=$?"; stty -a | tr ' ;' '\\n\\n' | grep -x -- '-*icanon'; sleep 120`);

    const first = await waitScreen((s) => s.includes('HW3 Lab') && s.includes('? help'), 'the experiment list');
    expect(first).toContain('Question 1');
    expect(first).toContain('not run');
    // In colour by default (the NO_COLOR test below relies on telling the difference).
    expect(colours().length).toBeGreaterThan(0);

    // Select 4a–4c with j, run it with ⏎: ✓ in its row, and its checks printed above the dashboard.
    for (let i = 0; i < 30 && !selectedLine(screen()).includes('4a–4c'); i++) {
      const before = selectedLine(screen());
      keys('j');
      await waitScreen((s) => selectedLine(s) !== before, 'the selection to move');
    }
    expect(selectedLine(screen())).toContain('4a–4c');
    keys('Enter');
    const ran = await waitScreen((s) => /❯ 4a–4c .*✓ all \d+ checks pass/.test(s), 'remat to pass');
    // The printed result can be taller than what is left of the 40 rows: its heading may be in the scrollback.
    expect(withScrollback()).toMatch(/layers=10 {2}every=5/);
    expect(ran).toContain('✓ fwd = closed form');

    // Its result view, then the next page with the plots.
    await settle();
    keys('v');
    const view = await waitScreen((s) => s.includes('── Checks'), 'the result view');
    expect(view).toContain('forward steps (recompute) = 20 steps');
    expect(view).toMatch(/lines 1–\d+ of \d+/);
    await settle();
    keys('Space');
    await waitScreen((s) => s.includes('k (store every k-th)') && s.includes('┤'), 'a plot');
    keys('Escape');
    await waitScreen((s) => s.includes('a run all'), 'the list again');
    await settle();

    // The parameter form: an invalid value gets an inline message, a valid one runs.
    keys('p');
    await waitScreen((s) => s.includes('Parameters of'), 'the parameter form');
    await settle();
    await typeSlowly('BSpace', 'BSpace', 'a', 'b', 'c');
    await waitScreen((s) => s.includes('✗ layers must be an integer, got "abc"'), 'the inline message');
    await typeSlowly('BSpace', 'BSpace', 'BSpace', '2', '0');
    await waitScreen((s) => s.includes('✓ valid'), 'a valid form');
    keys('Enter');
    await waitScreen((s) => !s.includes('Parameters of') && /layers=20 {2}every=5/.test(withScrollback()), 'the run with layers = 20');

    // Cancel the first experiment (the longest homework runs) while it runs.
    await settle();
    keys('Home');
    await waitScreen((s) => !selectedLine(s).includes('4a–4c'), 'the first experiment');
    keys('Enter');
    await waitScreen((s) => s.includes('c cancels'), 'the live pane');
    keys('c');
    await waitScreen((s) => /■ cancelled|cancelled —/.test(s), 'the cancel');
    await settle();

    // Help, then quit: exit code 0 and the terminal back in canonical mode.
    keys('?');
    await waitScreen((s) => s.includes('Keyboard help'), 'the help');
    await settle();
    keys('Escape');
    await waitScreen((s) => s.includes('a run all'), 'the list after help');
    await settle();
    keys('q');
    // Wait for stty's line too: it prints after the exit code, and a capture in between would miss it.
    const sttyLine = (s: string) => s.split('\n').some((l) => /^-?icanon$/.test(l.trim()));
    const after = await waitScreen((s) => s.includes('EXIT=') && sttyLine(s), 'the exit and the terminal mode');
    expect(after).toContain('EXIT=0');
    expect(after.split('\n').map((l) => l.trim())).toContain('icanon');
  }, 300_000);

  it('draws without colours when NO_COLOR is set, and quits on Ctrl-C during a run', async () => {
    // A new session before the old one goes: killing a server's last session makes the server exit, and a
    // new-session racing with that exit fails ("server exited unexpectedly").
    const previous = session;
    session = 'hw3-no-color';
    tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', `env -u CI -u CONTINUOUS_INTEGRATION NO_COLOR=1 node ${main}; echo "EXIT=$?"; sleep 120`);
    tmux('kill-session', '-t', previous);
    await waitScreen((s) => s.includes('? help') && s.includes('not run'), 'the experiment list');
    // capture-pane -e keeps the escape codes: no foreground colour (30–37, 90–97, 38;…) may be among them.
    expect(colours()).toEqual([]);
    // Ctrl-C in the middle of a run quits too, and the worker thread does not keep the process alive.
    await settle();
    keys('Enter');
    await waitScreen((s) => s.includes('c cancels'), 'a run');
    keys('C-c');
    expect(await waitScreen((s) => s.includes('EXIT='), 'the exit')).toContain('EXIT=0');
  }, 120_000);
});
