// The API reference (TypeDoc, `npm run docs`) stays complete: TypeDoc's own validation with every exported
// function, class, interface, type, enum and constant required to carry TSDoc (typedoc.json), warnings treated as
// errors here (only here: `npm run docs` and the explorer's build still produce a reference, warnings printed).
// Built into a temporary folder so the check never touches api-docs/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
// typedoc's package exports do not expose its bin: find it next to its package.json.
const typedoc = join(dirname(createRequire(import.meta.url).resolve('typedoc/package.json')), 'bin', 'typedoc');
const out = mkdtempSync(join(tmpdir(), 'hw3-api-docs-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('API reference', () => {
  it('every public export of @hw3/core is documented (TypeDoc validation, warnings are errors)', { timeout: 600_000 }, () => {
    const run = spawnSync(process.execPath, [typedoc, '--treatWarningsAsErrors', '--out', out], { cwd: packageDir, encoding: 'utf8' });
    expect(`${run.stdout}${run.stderr}`.split('\n').filter((line) => /warning|error/i.test(line))).toEqual([]);
    expect(run.status).toBe(0);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    const pages = (kind: string) => (existsSync(join(out, kind)) ? readdirSync(join(out, kind)) : []);
    // One page per export, across the areas: kernels, estimators, planner, μP trainer, experiments, claims, report.
    for (const [kind, name] of [
      ['functions', 'matvec.html'],
      ['functions', 'estimateGradient.html'],
      ['functions', 'optimalSchedule.html'],
      ['functions', 'trainRun.html'],
      ['functions', 'runExperiment.html'],
      ['functions', 'checkClaim.html'],
      ['functions', 'renderReportHtml.html'],
      ['classes', 'WasmArray.html'],
    ] as const) {
      expect(pages(kind), `${kind}/${name}`).toContain(name);
    }
  });
});
