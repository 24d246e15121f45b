// Every `npx hw3 …` line of the root README, exactly as written, with the exit code the README promises: 0, or 1 for
// a line whose comment says "refuted". The fresh-clone test shows that `npx hw3` resolves to apps/tui/bin/hw3.js; here
// the lines run through that same bin (in a temporary folder, so the reports they write land there), which keeps the
// README from promising a flag, an id or an output file that does not exist.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const README = fileURLToPath(new URL('../../../README.md', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/hw3.js', import.meta.url));

interface ReadmeLine {
  command: string;
  comment: string;
}

/** The lines of README.md's shell blocks that start with `npx hw3`, split into command and comment. */
function hw3Lines(readme: string): ReadmeLine[] {
  const lines: ReadmeLine[] = [];
  for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of block[1]!.split('\n')) {
      if (!line.startsWith('npx hw3 ')) continue;
      const hash = line.search(/\s#\s/);
      lines.push({ command: (hash < 0 ? line : line.slice(0, hash)).trim(), comment: hash < 0 ? '' : line.slice(hash).replace(/^\s*#\s*/, '') });
    }
  }
  return lines;
}

/** The README's words are the contract: "refuted" means exit 1 (see its exit-code paragraph), anything else 0. */
const promisedExit = (line: ReadmeLine) => (/^refuted\b/.test(line.comment) ? 1 : 0);
/** Files a line says it writes: `--out FILE`, or the default named in its comment. */
function promisedFiles(line: ReadmeLine): string[] {
  const out = /--out\s+(\S+)/.exec(line.command)?.[1];
  if (out) return [out];
  return [...line.comment.matchAll(/writes\s+(\S+\.html)/g)].map((m) => m[1]!);
}

const cwd = mkdtempSync(join(tmpdir(), 'hw3-readme-lines-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const lines = hw3Lines(readFileSync(README, 'utf8'));

describe('the README’s hw3 lines, as written', () => {
  it('finds the lines (the README still documents the command)', () => {
    expect(lines.length).toBeGreaterThanOrEqual(8);
  });

  // Hang guard only: the slowest lines run the quick set or the quick lr-transfer sweep (about a minute each idle).
  it.each(lines.map((l) => [l.command, l] as const))('%s', { timeout: 15 * 60_000 }, (_name, line) => {
    const command = line.command.replace(/^npx hw3\b/, `"${process.execPath}" "${BIN}"`);
    // One run store for the whole README, as a user's: its `hw3 runs …` lines read what the lines before them stored.
    const env = { ...process.env, NO_COLOR: '1', HW3_STORE: join(cwd, 'runs.sqlite') };
    const r = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env });
    expect(r.status, `exit ${r.status}\nstdout:\n${r.stdout.slice(-2000)}\nstderr:\n${r.stderr.slice(-2000)}`).toBe(promisedExit(line));
    expect(r.stdout.trim().length, 'prints something').toBeGreaterThan(0);
    if (/--json\b/.test(line.command)) expect(() => JSON.parse(r.stdout)).not.toThrow();
    for (const file of promisedFiles(line)) expect(existsSync(join(cwd, file)), file).toBe(true);
  });
});
