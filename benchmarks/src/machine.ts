// What the figures were measured on.
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';

export interface MachineInfo {
  node: string;
  v8: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  date: string;
  /** 1-, 5- and 15-minute load averages when the run started: other work on the machine skews every figure. */
  loadAverage: number[];
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()} ${arch()}`,
    date: new Date().toISOString(),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** A warning when other processes keep the cores busy (load average above half the cores), else undefined. */
export function busyWarning(info: MachineInfo): string | undefined {
  const load = info.loadAverage[0] ?? 0;
  if (load <= info.cores / 2) return undefined;
  return `warning: load average ${load} on ${info.cores} cores: other work shares the CPU and memory bus, so figures are low and noisy (--clock cpu leaves out the time they hold the core).`;
}
