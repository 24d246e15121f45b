// What the live measurement scripts (sizes-live.ts, threads-live.ts) need before they start anything: the server build
// in .next/ and Chromium. A missing one ends the script with exit 2 and a sentence saying what to do, rather than a
// stack trace from next or from Playwright after half the work.
import { existsSync } from 'node:fs';
import { chromiumMissing } from '../test/helpers/browser';

export function requireLiveSetUp(script: string): void {
  const problems = [
    existsSync('.next/BUILD_ID') ? undefined : 'no server build in apps/web/.next: run `npm run build -w @hw3/web` first',
    chromiumMissing(),
  ].filter((p) => p !== undefined);
  if (problems.length === 0) return;
  for (const p of problems) console.error(`${script}: ${p}`);
  process.exit(2);
}
