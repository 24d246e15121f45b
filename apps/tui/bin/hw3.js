#!/usr/bin/env node
// The `hw3` command as npm links it (node_modules/.bin/hw3): a committed file that loads the build, dist/cli.js.
//
// Why not `"bin": "./dist/cli.js"`: npm makes a workspace's bin links once, at install time (`npm ci`), before
// anything is built, and it makes no link at all for a target that does not exist yet — so `npx hw3` failed with
// "could not determine executable to run" on every fresh clone, even after a build. Building in a lifecycle script
// (prepare/postinstall) does not fix that either: npm links bins before it runs those scripts, `--ignore-scripts`
// skips them, and every install would pay for a build. This file exists from the first checkout, so the link is
// always made; when the build is missing (e.g. `npx hw3` right after `npm ci`) it builds it once, with a message.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(packageDir, 'dist', 'cli.js');

if (!existsSync(cli)) {
  const repoRoot = join(packageDir, '..', '..');
  let turbo;
  try {
    turbo = createRequire(join(repoRoot, 'package.json')).resolve('turbo/bin/turbo');
  } catch {
    process.stderr.write(`hw3: the command is not built yet (${cli} is missing). Run \`npm ci\` and then \`npm run build\` from the repository root.\n`);
    process.exit(2);
  }
  process.stderr.write('hw3: building the hw3 command first (once, about a minute: kernels, @hw3/core, the CLI)…\n');
  // The build's own output goes to stderr, so that `hw3 … --json` still prints exactly one JSON object on stdout.
  const build = spawnSync(process.execPath, [turbo, 'run', 'build', '--filter=@hw3/tui...', '--output-logs=errors-only'], {
    cwd: repoRoot,
    stdio: ['ignore', 2, 2],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0 || !existsSync(cli)) {
    process.stderr.write(`hw3: the build failed (${build.error?.message ?? `exit code ${build.status}`}); run \`npm run build\` from the repository root to see why.\n`);
    process.exit(build.status || 1);
  }
}

await import(pathToFileURL(cli).href);
