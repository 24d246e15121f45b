// The architecture rules of @hw3/core and of the code that uses it, checked by dependency-cruiser
// (test/architecture.test.ts runs them under `npm test`; `npm run check:layers -w @hw3/core` prints them).
//
// Layers, lowest first; a folder imports only from folders listed before it:
//   libm · base · formula · stats · {mup, estimators, planner} (not each other) · transformer (reuses mup's scaling
//   tables) · lab · experiments · claims ·
//   {calibration, figures, report}
// Each layer's index.ts is its entry and may re-export what it likes; src/index.ts is the curated root entry.
// Apps (and the client layer) import only core's public entries: the `exports` of packages/core/package.json.
const { readFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const CORE = join(__dirname, '..');
const ROOT = join(CORE, '..', '..');

/** Folders below each layer, i.e. what it may import from inside core (besides its own folder). */
const BELOW = {
  libm: [],
  base: ['libm'],
  formula: ['libm', 'base'],
  stats: ['libm', 'base'],
  mup: ['libm', 'base', 'formula', 'stats', 'generated'],
  estimators: ['libm', 'base', 'formula', 'stats'],
  planner: ['libm', 'base', 'formula', 'stats'],
  transformer: ['libm', 'base', 'formula', 'stats', 'mup'],
  lab: ['libm', 'base', 'formula', 'stats'],
  experiments: ['libm', 'base', 'formula', 'stats', 'mup', 'estimators', 'planner', 'transformer', 'lab', 'generated'],
  claims: ['libm', 'base', 'formula', 'stats', 'mup', 'estimators', 'planner', 'transformer', 'lab', 'experiments'],
  calibration: ['libm', 'base', 'formula', 'stats', 'lab', 'experiments'],
  figures: ['lab'],
  report: ['lab', 'figures'],
};

/** A path as dependency-cruiser writes it when run in `base`: relative, with forward slashes. */
const rel = (base, path) => relative(base, path).split('\\').join('/');

/** Public entry files of the core package (every file its `exports` name: the .js and the .d.ts), as path regexes. */
function publicEntries(base, core) {
  const pkg = JSON.parse(readFileSync(join(core, 'package.json'), 'utf8'));
  const files = new Set();
  for (const target of Object.values(pkg.exports)) {
    for (const file of typeof target === 'string' ? [target] : Object.values(target)) files.add(rel(base, join(core, file)));
  }
  return [...files].map((f) => `^${escapeRegExp(f)}$`);
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The dependency-cruiser configuration, paths relative to `base` (the folder dependency-cruiser runs in). `core` is
 * the package whose src/ is layered (packages/core; a fixture in tests); `consumers` are the folders that may use it
 * only through its entries (the apps and the client layer).
 */
function rulesFor(base, { core = CORE, consumers = [join(ROOT, 'apps'), join(ROOT, 'packages', 'client'), join(ROOT, 'packages', 'runs')] } = {}) {
  const src = `${rel(base, join(core, 'src'))}/`;
  const corePrefix = rel(base, core) ? `${escapeRegExp(rel(base, core))}/` : '';
  const users = consumers.map((c) => escapeRegExp(rel(base, c))).join('|');
  const layerRules = Object.entries(BELOW).map(([layer, below]) => ({
    name: `layer-${layer}`,
    comment: `${layer} imports only from ${below.length ? below.join(', ') : 'itself'} (layers below it)`,
    severity: 'error',
    from: { path: `^${escapeRegExp(src)}${layer}/`, pathNot: `^${escapeRegExp(src)}${layer}/index\\.ts$` },
    to: { path: `^${escapeRegExp(src)}`, pathNot: `^${escapeRegExp(src)}(${[layer, ...below].join('|')})/` },
  }));
  return {
    forbidden: [
      {
        name: 'no-circular',
        comment: 'An import cycle (type-only imports count): layers must import downwards only.',
        severity: 'error',
        from: {},
        to: { circular: true },
      },
      ...layerRules,
      {
        name: 'no-root-files',
        comment: 'Every core module belongs to a layer folder; only the root entry src/index.ts sits at the top.',
        severity: 'error',
        from: { path: `^${escapeRegExp(src)}[^/]+\\.ts$`, pathNot: `^${escapeRegExp(src)}index\\.ts$` },
        to: {},
      },
      {
        name: 'no-test-oracle-in-core',
        comment: "The kernels' plain-TS references are test oracles: production code does not import them.",
        severity: 'error',
        from: { path: `^${escape(src)}` },
        to: { path: '(^|/)kernels/(src|dist)/reference/' },
      },
      {
        name: 'apps-use-public-entries',
        comment: "Apps and the client layer import @hw3/core only through its package.json exports, never its files.",
        severity: 'error',
        from: { path: `^(${users})/` },
        to: { path: `^${corePrefix}(src|dist)/`, pathNot: publicEntries(base, core) },
      },
      {
        name: 'apps-resolve-core',
        comment: 'An @hw3/core subpath that is not in its exports does not resolve: that is an internal.',
        severity: 'error',
        from: { path: `^(${users})/` },
        to: { couldNotResolve: true, path: '^@hw3/core' },
      },
    ],
    options: {
      tsPreCompilationDeps: true,
      doNotFollow: { path: 'node_modules|(^|/)dist/' },
      exclude: { path: '(^|/)(node_modules|\\.next|out|test-results|generated)/' },
      combinedDependencies: false,
      enhancedResolveOptions: {
        exportsFields: ['exports'],
        conditionNames: ['import', 'require', 'node', 'default', 'types'],
        extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
      },
      tsConfig: { fileName: join(core, 'tsconfig.json') },
    },
  };
}

module.exports = { rulesFor };
