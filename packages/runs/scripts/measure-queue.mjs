// Sweep wall time of lr-transfer computed on this machine's worker-thread pool and through BullMQ with 1, 2, …
// worker processes (`hw3 worker`), and the queue's overhead per cell (a sweep of near-empty cells: synthetic data,
// one step). Starts its own redis-server on a free port; stops everything it started.
//   node packages/runs/scripts/measure-queue.mjs [--preset quick|default|overhead] [--workers 1,2]
// Wall time only: on a shared machine it is inflated by whatever else runs (the CPU time of this process is printed
// too; the workers' CPU is theirs).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getExperiment, runExperiment } from '@hw3/core';
import { connectRedis, redisCellExecutor } from '@hw3/runs/queue';

const { values } = parseArgs({ options: { preset: { type: 'string', default: 'quick' }, workers: { type: 'string', default: '1,2' } } });
const experiment = getExperiment('lr-transfer');
const OVERHEAD = { dataset: 'synthetic', widths: [8, 16], baseWidth: 8, log2LrMin: -20, log2LrMax: 0, steps: 1, seeds: 1 };
const params = values.preset === 'overhead' ? OVERHEAD : values.preset === 'default' ? {} : experiment.presets[values.preset];
if (!params) throw new Error(`--preset: quick, default, overhead or a preset of lr-transfer; got ${values.preset}`);
const counts = values.workers.split(',').map(Number);
const cli = fileURLToPath(new URL('../../../apps/tui/dist/cli.js', import.meta.url));

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function timed(label, cellsCount, fn) {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const result = await fn();
  const wall = performance.now() - t;
  const used = process.cpuUsage(cpu);
  console.log(`${label.padEnd(34)} ${(wall / 1000).toFixed(2).padStart(8)} s wall  ${(wall / cellsCount).toFixed(1).padStart(8)} ms/cell  (this process CPU ${((used.user + used.system) / 1e6).toFixed(2)} s)`);
  return { result, wall };
}

const dir = mkdtempSync(join(tmpdir(), 'hw3-measure-'));
const port = await freePort();
const pidfile = join(dir, 'redis.pid');
execFileSync('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--daemonize', 'yes', '--pidfile', pidfile, '--dir', dir]);
const url = `redis://127.0.0.1:${port}`;
const procs = [];
try {
  const total = (() => {
    const p = { widths: [128, 256, 512, 1024, 2048], log2LrMin: -14, log2LrMax: -6, seeds: 2, ...params };
    return p.widths.length * (p.log2LrMax - p.log2LrMin + 1) * 3 * p.seeds;
  })();
  console.log(`lr-transfer, preset ${values.preset}: ${total} cells; ${url}`);
  const reference = await timed('worker-thread pool (all cores)', total, () => runExperiment(experiment, params, { seed: 1 }));
  await timed('inline (one thread, workers 1)', total, () => runExperiment(experiment, { ...params, workers: 1 }, { seed: 1 }));
  for (const n of counts) {
    while (procs.length < n) {
      const child = spawn(process.execPath, [cli, 'worker', '--redis', url], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HW3_STORE: 'off' } });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      procs.push(child);
      while (!/ready:/.test(err)) await new Promise((r) => setTimeout(r, 50));
    }
    const remote = await redisCellExecutor(url);
    // Redis keeps finished cells, which a repeat would collect instead of computing: start from an empty Redis.
    const admin = await connectRedis(url);
    await admin.flushall();
    admin.disconnect();
    const queued = await timed(`BullMQ, ${n} worker process${n === 1 ? '' : 'es'}`, total, () => runExperiment(experiment, params, { seed: 1, cells: { execute: remote.execute } }));
    const outcome = (r) => JSON.stringify([r.values, r.checks, r.series, r.tables]);
    if (outcome(reference.result) !== outcome(queued.result)) throw new Error('the queued result differs from the pool result');
    await remote.close();
  }
} finally {
  for (const p of procs) p.kill('SIGKILL');
  try {
    process.kill(Number(readFileSync(pidfile, 'utf8')), 'SIGTERM');
  } catch {}
  rmSync(dir, { recursive: true, force: true });
}
