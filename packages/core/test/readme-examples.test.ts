// Runs every ```ts example of packages/core/README.md and packages/kernels/README.md and checks its console output
// against the ```text block that follows it, so the READMEs cannot rot: each README is the single copy of its
// examples. Each block is written to a temporary module (its package imports pointed at the builds) and imported.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const fileUrl = (...parts: string[]) => pathToFileURL(join(here, '..', ...parts)).href;
// Each README and how its examples' imports map to the built packages.
const READMES = [
  { name: '@hw3/core', path: join(here, '..', 'README.md'), imports: { '@hw3/core': fileUrl('dist', 'index.js') } },
  {
    name: '@hw3/kernels',
    path: join(here, '..', '..', 'kernels', 'README.md'),
    imports: {
      '@hw3/kernels/source': fileUrl('..', 'kernels', 'dist', 'source', 'node.js'),
      '@hw3/kernels': fileUrl('..', 'kernels', 'dist', 'index.js'),
    },
  },
];

interface Example {
  heading: string;
  code: string;
  expected: string | undefined;
}

function examples(readme: string): Example[] {
  const out: Example[] = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
  let heading = '(top)';
  let last = 0;
  let pending: Example | undefined;
  for (let m = fence.exec(readme); m; m = fence.exec(readme)) {
    const between = readme.slice(last, m.index);
    const headings = [...between.matchAll(/^#+ (.*)$/gm)];
    if (headings.length) heading = headings[headings.length - 1]![1]!;
    const [, lang, body] = m;
    if (lang === 'text' && pending && between.trim() === '') pending.expected = body;
    pending = undefined;
    if (lang === 'ts') {
      pending = { heading, code: body!, expected: undefined };
      out.push(pending);
    }
    last = m.index + m[0].length;
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'hw3-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const all = examples(readFileSync(READMES[0]!.path, 'utf8'));

describe('README examples', () => {
  it('cover every exported function and class of the kernel API, and each other area', () => {
    const code = all.map((e) => e.code).join('\n');
    for (const name of [
      'init', 'isReady', 'memoryUsage', 'createRng', 'Rng.fromState', 'getState', 'clone', 'jump', 'stream', 'split',
      'uniform', 'normal', 'int', 'fillNormal', 'fillUniform', 'matvec', 'matvecTransposed', 'signgdOuterUpdate',
      'signgdUpdate', 'simulateRemat', 'WasmArray', 'view', 'toArray', 'copyFrom', 'free', 'Hw3Error',
      'InvalidArgumentError', 'ShapeError',
      // one example per other area: estimators, planner, μP trainer, experiments, claims
      'estimateGradient', 'exactGradient', 'makeChain', 'planTrace', 'simulateTrace', 'breakEvenLoadDisk',
      'optimalSchedule', 'trainRun', 'syntheticDataset', 'getExperiment', 'runExperiment', 'ParamError', 'checkClaim',
    ]) {
      expect(code, name).toMatch(new RegExp(`\\b${name.replace('.', '\\.')}\\b`));
    }
    expect(all.filter((e) => e.expected !== undefined).length).toBeGreaterThanOrEqual(14);
  });

  const cases = READMES.flatMap((r) => examples(readFileSync(r.path, 'utf8')).map((e, i) => [r.name, i + 1, e.heading, e, r.imports] as const));
  it.each(cases)('%s example %i (%s) runs and prints what the README shows', async (name, i, _heading, example, imports) => {
    const file = join(dir, `${name.replace(/\W/g, '-')}-${i}.ts`);
    let code = example.code;
    for (const [specifier, url] of Object.entries(imports)) code = code.replaceAll(`from '${specifier}'`, `from '${url}'`);
    writeFileSync(file, code);
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(format(...args));
    });
    try {
      await import(/* @vite-ignore */ pathToFileURL(file).href);
    } finally {
      spy.mockRestore();
    }
    if (example.expected !== undefined) expect(`${lines.join('\n')}\n`).toBe(example.expected);
  });
});
