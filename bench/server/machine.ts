/**
 * The machine a benchmark ran on, recorded next to its figures.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  /** Cores this process may use, as `nproc` counts them. */
  cores: number;
  cpuModel: string;
  /** Total memory, GiB. */
  memoryGiB: number;
  node: string;
  platform: string;
  /**
   * 1, 5 and 15-minute load averages when the benchmark started. Well
   * above 0, they mean other processes were taking cores from it.
   */
  loadAverage: number[];
}

export function describeMachine(): MachineInfo {
  return {
    cores: availableParallelism(),
    cpuModel: readCpuModel(),
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

function readCpuModel(): string {
  try {
    const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
    const line = cpuinfo
      .split('\n')
      .find((item) => item.startsWith('model name'));
    if (line !== undefined) {
      return line.slice(line.indexOf(':') + 1).trim();
    }
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return cpus()[0]?.model ?? 'unknown';
}
