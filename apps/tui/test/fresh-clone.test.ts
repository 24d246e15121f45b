// What a newcomer does, on a fresh clone of this repository's HEAD (committed state: uncommitted edits are not in the
// clone): the README's set-up command exactly as written (`npm ci && npm start`; without a terminal `npm start`
// prints the quick set as plain text), then `npx hw3 list` and `npx hw3 run 4b --json`. This is the path that
// broke when the hw3 bin pointed at a file that did not exist at install time (see apps/tui/bin/hw3.js).
// It runs with a fresh user config folder and without the telemetry variables CI sets, so it also shows that the
// scripts themselves keep turbo's and Next's telemetry notices away.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: here, encoding: 'utf8' });
const repoRoot = top.status === 0 ? top.stdout.trim() : undefined;

/** The first command of the README's set-up block, without its comment: what a newcomer types first. */
function setUpCommand(readme: string): string {
  const section = readme.slice(readme.indexOf('## Set-up'));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README.md has no ```sh block under "## Set-up"');
  return block[1]!.split('\n')[0]!.replace(/\s+#.*$/, '').trim();
}

// The child sees a newcomer's environment: no npm/turbo variables inherited from the `npm test` running this file,
// no telemetry opt-outs, a fresh config folder (where turbo would note that it showed its notice). npm's cache stays
// (HOME), and prefer-offline lets `npm ci` install from it without asking the registry.
const sandbox = mkdtempSync(join(tmpdir(), 'hw3-fresh-clone-'));
const clone = join(sandbox, 'hw3-lab');
const env: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(npm_|TURBO_|NEXT_TELEMETRY|VITEST|NODE_OPTIONS$)/i.test(k)),
);
Object.assign(env, { XDG_CONFIG_HOME: join(sandbox, 'config'), npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' });

// Deleting the clone's node_modules takes a while on a busy disk.
afterAll(() => rmSync(sandbox, { recursive: true, force: true }), 300_000);

function sh(command: string): SpawnSyncReturns<string> {
  const r = spawnSync('sh', ['-c', command], { cwd: clone, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

const explain = (r: SpawnSyncReturns<string>) => `exit ${r.status}\nstdout:\n${r.stdout.slice(-3000)}\nstderr:\n${r.stderr.slice(-3000)}`;

describe.skipIf(!repoRoot)('a newcomer on a fresh clone, following README.md', () => {
  // Hang guard only: npm ci from the cache ≈ 30 s, the build ≈ 80 s, the quick set ≈ 30–60 s on a 2-core machine.
  it('set-up command, then npx hw3 list and npx hw3 run 4b --json', { timeout: 30 * 60_000 }, () => {
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim();
    const cloned = spawnSync('git', ['clone', '--quiet', '--no-checkout', repoRoot!, clone], { encoding: 'utf8' });
    expect(cloned.status, cloned.stderr).toBe(0);
    const checkout = spawnSync('git', ['-C', clone, 'checkout', '--quiet', head], { encoding: 'utf8' });
    expect(checkout.status, checkout.stderr).toBe(0);

    const command = setUpCommand(readFileSync(join(clone, 'README.md'), 'utf8'));
    expect(command).toBe('npm ci && npm start');
    const setUp = sh(command);
    expect(setUp.status, explain(setUp)).toBe(0);
    expect(setUp.stdout).toMatch(/✓ all \d+ checks of \d+ experiments pass \(seed 1\)/);
    expect(setUp.stdout).toContain('npm start -- --full');
    expect(setUp.stderr).toMatch(/\[1\/\d+\] 1a rms-at-init/);
    // npm echoes the script (with its TURBO_TELEMETRY_DISABLED=1): look for the notices themselves, and for the file
    // turbo writes once it has shown its notice.
    const notices = `${setUp.stdout}${setUp.stderr}`.split('\n').filter((line) => /collects completely anonymous telemetry|Attention:/i.test(line));
    expect(notices).toEqual([]);
    expect(existsSync(join(sandbox, 'config', 'turborepo', 'telemetry.json'))).toBe(false);
    expect(existsSync(join(clone, 'node_modules', '.bin', 'hw3'))).toBe(true);

    const list = sh('npx hw3 list');
    expect(list.status, explain(list)).toBe(0);
    expect(list.stdout).toMatch(/4a–4c\s+remat\s/);
    expect(list.stdout).toMatch(/1b\s+signgd-update\s/);

    const run = sh('npx hw3 run 4b --json');
    expect(run.status, explain(run)).toBe(0);
    const result = JSON.parse(run.stdout) as { id: string; status: string; values: Record<string, number>; checks: { pass: boolean }[] };
    expect(result.id).toBe('remat');
    expect(result.status).toBe('complete');
    expect(result.values.fwd).toBe(20);
    expect(result.checks.length).toBeGreaterThan(0);
    expect(result.checks.every((c) => c.pass)).toBe(true);
  });
});
