// Calibrates the cost estimates: runs every experiment at each of its presets and its defaults (but those listed in
// SKIP, too long to run here), each in a fresh Node process as a user's first run would be (WebAssembly compile and
// MNIST decode included), measures the CPU time of `runExperiment` (all threads; the machine may be busy, CPU time
// is what load inflates least), fits CPU seconds = overhead + rate × work units per experiment, and writes
// src/lab/cost-calibration.ts. Run after `npm run build -w @hw3/core`:
//
//   npm run calibrate:cost -w @hw3/core            (every experiment; about 5 min of CPU, 15 min on a busy machine)
//   npm run calibrate:cost -w @hw3/core -- remat   (only these ids; the others keep their committed fits)
//
// `node scripts/calibrate-cost.mjs --measure <id> <preset|default>` measures one run and prints it as JSON (the
// cost test uses this mode, so it measures exactly as the calibration did).
//
// `node scripts/calibrate-cost.mjs --add-point '<json>'` adds a `--measure` line to the committed points and refits that
// experiment (how lr-transfer's default sweep, about 14 min of CPU, is part of its fit without being rerun each time).
//
// `node scripts/calibrate-cost.mjs --measure-cells 1024 2048 4096 8192` measures one MLP training run (lr-transfer's
// defaults: MNIST, 150 steps, batch 64, Adam, μP at 2^-10, seed 1, with its final evaluation) per width, in this one
// process after WebAssembly and MNIST are loaded, and prints each as a JSON line: CPU seconds per multiply-add, which
// grows once the weights outgrow the caches. These rates are MLP_WIDTH_COST in src/experiments/training-cost.ts.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const out = fileURLToPath(new URL('../src/lab/cost-calibration.ts', import.meta.url));

/** Runs not repeated: lr-transfer's and transformer-lr-transfer's default sweeps (about 14 and ≈ 10 min of CPU) and the
 * latter's paper preset (≈ 100 CPU-hours). They are fitted on their other presets and EXTRA, plus any committed point
 * measured once with `--measure` and added with `--add-point` (such points stay in later fits). */
const SKIP = new Set(['lr-transfer:default', 'transformer-lr-transfer:default', 'transformer-lr-transfer:paper']);
/** Parameter sets measured besides the presets: lr-transfer's presets stop at width 512, its defaults reach 2048,
 * where the kernels run at a different rate; this sweep (about a minute of CPU) reaches 2048 too. */
const EXTRA = {
  'lr-transfer': { 'wide-short': { widths: [128, 512, 2048], log2LrMin: -12, log2LrMax: -8, steps: 40, seeds: 1 } },
  // transformer-lr-transfer's quick preset stops at width 128, its defaults reach 256 (about 10 min of CPU): this
  // sweep (about a minute) reaches 256 too.
  'transformer-lr-transfer': { 'wide-short': { widths: [64, 256], log2LrMin: -8, log2LrMax: -6, steps: 30, seeds: 1 } },
};
/** Runs shorter than this are repeated and the least CPU time kept (start-up noise dominates them). */
const REPEAT_BELOW_SECONDS = 5;

async function measure(id, which) {
  const { experiments, runExperiment, estimateCost } = await import('../dist/index.js');
  const experiment = experiments.find((e) => e.id === id);
  if (!experiment) throw new Error(`unknown experiment ${id}`);
  const params = which === 'default' ? {} : (experiment.presets?.[which] ?? EXTRA[id]?.[which]);
  if (!params) throw new Error(`${id} has no preset ${which}`);
  const units = estimateCost(experiment, params).units;
  const before = process.cpuUsage();
  const started = performance.now();
  await runExperiment(experiment, params, { seed: 1 });
  const cpu = process.cpuUsage(before);
  return { id, preset: which, units, cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds: (performance.now() - started) / 1000 };
}

function measureInChild(id, which) {
  const text = execFileSync(process.execPath, [self, '--measure', id, which], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(text.trim().split('\n').at(-1));
}

/** Least squares on relative error: minimise Σ ((a + b·u)/t − 1)² with a, b ≥ 0. */
export function fitCost(points) {
  const rows = points.map((p) => [1 / p.cpuSeconds, p.units / p.cpuSeconds]);
  const s = (f) => rows.reduce((acc, r) => acc + f(r), 0);
  const [s11, s12, s22, s1, s2] = [s((r) => r[0] * r[0]), s((r) => r[0] * r[1]), s((r) => r[1] * r[1]), s((r) => r[0]), s((r) => r[1])];
  const det = s11 * s22 - s12 * s12;
  let a = det > 0 ? (s1 * s22 - s2 * s12) / det : -1;
  let b = det > 0 ? (s2 * s11 - s1 * s12) / det : -1;
  if (points.length < 2 || a < 0 || b < 0) {
    // One free constant: the rate alone, unless the work does not grow at all (then the overhead alone).
    const rateOnly = s22 > 0 ? s2 / s22 : 0;
    a = 0;
    b = rateOnly;
    if (!(b > 0)) {
      a = s1 / s11;
      b = 0;
    }
  }
  return { overheadSeconds: a, secondsPerUnit: b };
}

async function main(ids) {
  const { experiments } = await import('../dist/index.js');
  const { COST_CALIBRATION } = await import('../dist/lab/cost-calibration.js');
  const fits = { ...COST_CALIBRATION.fits };
  // Runs too long to repeat (SKIP) keep their committed measurement, and it stays part of their experiment's fit.
  const points = COST_CALIBRATION.points.filter((p) => (ids.length > 0 && !ids.includes(p.id)) || SKIP.has(`${p.id}:${p.preset}`));
  for (const experiment of experiments) {
    if (ids.length > 0 && !ids.includes(experiment.id)) continue;
    const runs = [...Object.keys(experiment.presets ?? {}), 'default', ...Object.keys(EXTRA[experiment.id] ?? {})].filter((w) => !SKIP.has(`${experiment.id}:${w}`));
    const mine = [];
    for (const which of runs) {
      let best = measureInChild(experiment.id, which);
      if (best.cpuSeconds < REPEAT_BELOW_SECONDS) {
        const again = measureInChild(experiment.id, which);
        if (again.cpuSeconds < best.cpuSeconds) best = again;
      }
      console.error(`${experiment.id} ${which}: ${best.units.toExponential(3)} units, ${best.cpuSeconds.toFixed(3)} s CPU (${best.wallSeconds.toFixed(1)} s wall)`);
      mine.push(best);
    }
    fits[experiment.id] = fitCost([...mine, ...points.filter((p) => p.id === experiment.id)]);
    points.push(...mine.map(({ id, preset, units, cpuSeconds }) => ({ id, preset, units, cpuSeconds: Number(cpuSeconds.toFixed(4)) })));
  }
  writeCalibration(experiments, fits, points);
}

/** Adds one run measured by `--measure` (its JSON line) to the committed points, replacing an earlier run of the same
 * preset, and refits that experiment from all its points: for runs too long to repeat with every calibration. */
async function addPoint(json) {
  const { experiments } = await import('../dist/index.js');
  const { COST_CALIBRATION } = await import('../dist/lab/cost-calibration.js');
  const { id, preset, units, cpuSeconds } = JSON.parse(json);
  if (!experiments.some((e) => e.id === id)) throw new Error(`unknown experiment ${id}`);
  const points = [...COST_CALIBRATION.points.filter((p) => !(p.id === id && p.preset === preset)), { id, preset, units, cpuSeconds: Number(cpuSeconds.toFixed(4)) }];
  const fits = { ...COST_CALIBRATION.fits, [id]: fitCost(points.filter((p) => p.id === id)) };
  writeCalibration(experiments, fits, points);
}

/** Four significant digits; an exact zero (a fit clamped at no overhead) as `0`, not `0.000`, which Biome misreads as
 * an approximation of a Math constant. */
const fourDigits = (x) => (x === 0 ? '0' : x.toPrecision(4));

function writeCalibration(experiments, fits, points) {
  const cpus = os.cpus();
  const machine = `${os.type()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.versions.node}`;
  const order = experiments.map((e) => e.id);
  points.sort((x, y) => order.indexOf(x.id) - order.indexOf(y.id));
  const fitText = order
    .filter((id) => fits[id])
    .map((id) => `    '${id}': { overheadSeconds: ${fourDigits(fits[id].overheadSeconds)}, secondsPerUnit: ${fourDigits(fits[id].secondsPerUnit)} },`)
    .join('\n');
  const pointText = points.map((p) => `    { id: '${p.id}', preset: '${p.preset}', units: ${p.units}, cpuSeconds: ${p.cpuSeconds} },`).join('\n');
  writeFileSync(
    out,
    `// Generated by \`npm run calibrate:cost -w @hw3/core\` (scripts/calibrate-cost.mjs); do not edit by hand.
/** Per-experiment CPU cost fits (CPU s = overheadSeconds + secondsPerUnit × work units) measured on one machine class,
 * and the runs (fresh process, seed 1) they were fitted to. */
export const COST_CALIBRATION = {
  machine: ${JSON.stringify(machine)},
  cores: ${cpus.length},
  measuredAt: '${new Date().toISOString().slice(0, 10)}',
  fits: {
${fitText}
  },
  points: [
${pointText}
  ],
} as const;
`,
  );
  console.error(`wrote ${out}`);
}

async function measureCells(widths) {
  const { init } = await import('../dist/base/runtime.js');
  const { loadDataset, trainRun } = await import('../dist/mup/index.js');
  const { mlpMultiplyAdds } = await import('../dist/experiments/training-cost.js');
  await init();
  const dataset = await loadDataset('mnist');
  const [steps, batchSize, evalRows] = [150, 64, 1024 + dataset.test.rows];
  for (const width of widths) {
    const config = { dataset: 'mnist', width, parameterization: 'mup', baseWidth: 128, optimizer: 'adam', lr: 2 ** -10, steps, batchSize, seed: 1 };
    const multiplyAdds = (3 * steps * batchSize + evalRows) * mlpMultiplyAdds(784, width);
    const before = process.cpuUsage();
    const started = performance.now();
    const result = trainRun(config, dataset);
    const cpu = process.cpuUsage(before);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(JSON.stringify({ width, multiplyAdds, cpuSeconds, secondsPerMultiplyAdd: cpuSeconds / multiplyAdds, wallSeconds: (performance.now() - started) / 1000, diverged: result.diverged }));
  }
}

const args = process.argv.slice(2);
if (args[0] === '--measure') console.log(JSON.stringify(await measure(args[1], args[2])));
else if (args[0] === '--add-point') await addPoint(args[1]);
else if (args[0] === '--measure-cells') await measureCells(args.slice(1).map(Number));
else await main(args);
