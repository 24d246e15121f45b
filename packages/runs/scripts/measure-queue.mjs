// Sweep wall time of lr-transfer computed on this machine's worker-thread pool, inline (one thread) and through
// BullMQ with 1, 2, … worker processes (`hw3 worker`), and the queue's overhead per cell (a sweep of near-empty
// cells: synthetic data, one step). Starts its own redis-server on a free port; stops everything it started.
//   node packages/runs/scripts/measure-queue.mjs [--preset quick|default|overhead] [--modes pool,inline,queue] [--workers 1,2,4]
// On a shared machine wall time is inflated by whatever else runs, so each line also gives the CPU time spent on the
// sweep (this process with its worker threads, plus the `hw3 worker` processes, read from /proc) and the 1-minute
// load average before and after: wall time ≈ CPU time / the cores the sweep actually got.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getExperiment, runExperiment } from '@hw3/core';
import { connectRedis, redisCellExecutor } from '@hw3/runs/queue';

const { values } = parseArgs({ options: { preset: { type: 'string', default: 'quick' }, modes: { type: 'string', default: 'pool,inline,queue' }, workers: { type: 'string', default: '1,2' } } });
const experiment = getExperiment('lr-transfer');
const OVERHEAD = { dataset: 'synthetic', widths: [8, 16], baseWidth: 8, log2LrMin: -20, log2LrMax: 0, steps: 1, seeds: 1 };
const params = values.preset === 'overhead' ? OVERHEAD : values.preset === 'default' ? {} : experiment.presets[values.preset];
if (!params) throw new Error(`--preset: quick, default, overhead or a preset of lr-transfer; got ${values.preset}`);
const modes = new Set(values.modes.split(','));
for (const m of modes) if (!['pool', 'inline', 'queue'].includes(m)) throw new Error(`--modes: a list of pool, inline, queue; got ${m}`);
const counts = modes.has('queue') ? values.workers.split(',').map(Number) : [];
const cli = fileURLToPath(new URL('../../../apps/tui/dist/cli.js', import.meta.url));
const TICKS_PER_S = 100; // Linux USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s.

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (0 where /proc is missing). */
function procCpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

async function timed(label, cellsCount, pids, fn) {
  const load = loadavg()[0];
  const cpu = process.cpuUsage();
  const others = pids.map(procCpuSeconds);
  const t = performance.now();
  const result = await fn();
  const wall = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const own = (used.user + used.system) / 1e6;
  const workers = pids.reduce((sum, pid, i) => sum + procCpuSeconds(pid) - others[i], 0);
  const total = own + workers;
  console.log(
    `${label.padEnd(30)} ${(wall / 1000).toFixed(1).padStart(7)} s wall ${(wall / cellsCount).toFixed(0).padStart(6)} ms/cell · CPU ${total.toFixed(1).padStart(6)} s (this process ${own.toFixed(1)} s, worker processes and redis ${workers.toFixed(1)} s) = ${(total / (wall / 1000)).toFixed(2)} cores busy · load ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)}`,
  );
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
  console.log(`lr-transfer, preset ${values.preset}: ${total} cells; ${availableParallelism()} cores; ${url}`);
  const outcome = (r) => JSON.stringify([r.values, r.checks, r.series, r.tables]);
  let reference;
  const same = (label, r) => {
    reference ??= outcome(r);
    if (outcome(r) !== reference) throw new Error(`${label}: the result differs from the first mode's`);
  };
  if (modes.has('pool')) same('pool', (await timed(`worker-thread pool (${availableParallelism()} threads)`, total, [], () => runExperiment(experiment, params, { seed: 1 }))).result);
  if (modes.has('inline')) same('inline', (await timed('inline (one thread, workers 1)', total, [], () => runExperiment(experiment, { ...params, workers: 1 }, { seed: 1 }))).result);
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
    const pids = [...procs.map((p) => p.pid), Number(readFileSync(pidfile, 'utf8'))];
    const queued = await timed(`BullMQ, ${n} worker process${n === 1 ? '' : 'es'}`, total, pids, () => runExperiment(experiment, params, { seed: 1, cells: { execute: remote.execute } }));
    same(`BullMQ ${n}`, queued.result);
    await remote.close();
  }
  console.log('every mode gave the same result (values, checks, series, tables)');
} finally {
  for (const p of procs) p.kill('SIGKILL');
  try {
    process.kill(Number(readFileSync(pidfile, 'utf8')), 'SIGTERM');
  } catch {}
  rmSync(dir, { recursive: true, force: true });
}
