// The measurement scripts (`npm run sizes`, `npm run threads`) refuse to start without what they need, with exit 2 and a
// sentence naming what is missing and what to do, instead of a stack trace after part of the work.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const webDir = fileURLToPath(new URL('..', import.meta.url));
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, args, { cwd: webDir, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });

describe('the measurement scripts without their prerequisites', () => {
  it('sizes without a static export names the folder and the build command', () => {
    const r = run(['scripts/sizes.mjs', 'no-such-export']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no static export in no-such-export/');
    expect(r.stderr).toContain('npm run build -w @hw3/web');
  });

  it.each([
    ['sizes', 'scripts/sizes-live.ts'],
    ['threads', 'scripts/threads-live.ts'],
  ])('%s without Chromium names the path and how to install it', (_name, script) => {
    const r = run(['--import', 'tsx', script], { HW3_CHROMIUM: '/no/such/chromium' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no Chromium at /no/such/chromium (from HW3_CHROMIUM)');
    expect(r.stderr).toContain('scripts/ensure-test-deps.sh');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
