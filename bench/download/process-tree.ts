/**
 * Memory and CPU time of a process tree, read from /proc (Linux only).
 *
 * Memory is the resident set size (RSS) of every process of the tree,
 * summed, sampled on a timer. The sum counts a page shared by several
 * processes once per process (for Chromium, its shared libraries and the
 * shared-memory buffers between its processes), so it is an upper bound of
 * what the tree adds to the machine.
 */
import { readFileSync, readdirSync } from 'node:fs';

export interface TreePeak {
  /** Sum of the RSS of the tree's processes at the start of the window, bytes. */
  startTreeBytes: number;
  /** Highest sum of the RSS of the tree's processes, bytes. */
  treeBytes: number;
  /**
   * Highest sum of the anonymous RSS (`RssAnon`: heaps and other memory
   * not backed by a file or shared memory), bytes. It leaves out the pages
   * of the executable, which every process maps, and the shared-memory
   * buffers between processes.
   */
  anonymousBytes: number;
  /** Highest RSS of one renderer process (`--type=renderer`), bytes. */
  rendererBytes: number;
  /** Maximum count of processes in one sample. */
  processes: number;
  samples: number;
}

/** CPU time used during the window by each kind of process, seconds. */
export type CpuSeconds = Record<string, number>;

export interface TreeWindow {
  peak: TreePeak;
  cpuSeconds: CpuSeconds;
}

/**
 * Clock ticks per second of `utime` and `stime` in /proc/<pid>/stat
 * (USER_HZ, which `getconf CLK_TCK` prints): 100 on Linux x86 and arm.
 */
const CLOCK_TICKS_PER_SECOND = 100;

/** Returns the ids of the children of `parentPid` whose command name is `name`. */
export function findChildren(parentPid: number, name: string): number[] {
  return listProcesses()
    .filter((info) => info.parent === parentPid && readComm(info.pid) === name)
    .map((info) => info.pid);
}

/**
 * Starts sampling the tree of `rootPid` (the process and its descendants)
 * every `intervalMs`. `stop` returns the memory peaks and the CPU time each
 * kind of process used between start and stop.
 */
export function startTreeWindow(
  rootPid: number,
  intervalMs: number,
): { stop(): TreeWindow } {
  const kinds = new Map<number, string>();
  const startTicks = new Map<number, number>();
  const lastTicks = new Map<number, number>();
  const peak: TreePeak = {
    startTreeBytes: 0,
    treeBytes: 0,
    anonymousBytes: 0,
    rendererBytes: 0,
    processes: 0,
    samples: 0,
  };

  const take = () => {
    const pids = [rootPid, ...listDescendants(rootPid)];
    let treeBytes = 0;
    let anonymousBytes = 0;
    let rendererBytes = 0;
    for (const pid of pids) {
      const status = readProcessStatus(pid);
      if (status === null) {
        continue;
      }

      let kind = kinds.get(pid);
      if (kind === undefined) {
        kind = classifyChromiumProcess(pid);
        kinds.set(pid, kind);
      }
      if (!startTicks.has(pid)) {
        // A process born after the first sample has used its whole CPU time in the window.
        startTicks.set(pid, peak.samples === 0 ? status.cpuTicks : 0);
      }
      lastTicks.set(pid, status.cpuTicks);

      treeBytes += status.rssBytes;
      anonymousBytes += status.anonymousBytes;
      if (kind === 'renderer') {
        rendererBytes = Math.max(rendererBytes, status.rssBytes);
      }
    }

    if (peak.samples === 0) {
      peak.startTreeBytes = treeBytes;
    }
    peak.treeBytes = Math.max(peak.treeBytes, treeBytes);
    peak.anonymousBytes = Math.max(peak.anonymousBytes, anonymousBytes);
    peak.rendererBytes = Math.max(peak.rendererBytes, rendererBytes);
    peak.processes = Math.max(peak.processes, pids.length);
    peak.samples += 1;
  };

  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();

      const cpuSeconds: CpuSeconds = {};
      for (const [pid, ticks] of lastTicks) {
        const kind = kinds.get(pid) ?? 'other';
        const used =
          (ticks - (startTicks.get(pid) ?? 0)) / CLOCK_TICKS_PER_SECOND;
        cpuSeconds[kind] = (cpuSeconds[kind] ?? 0) + used;
      }
      return { peak, cpuSeconds };
    },
  };
}

interface ProcessInfo {
  pid: number;
  parent: number;
}

function listProcesses(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    const fields = readStatFields(Number(entry));
    if (fields !== null) {
      found.push({ pid: Number(entry), parent: Number(fields[1]) });
    }
  }
  return found;
}

/** Returns the ids of every process below `rootPid`. */
export function listDescendants(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const info of listProcesses()) {
    const list = children.get(info.parent) ?? [];
    list.push(info.pid);
    children.set(info.parent, list);
  }

  const found: number[] = [];
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      pending.push(child);
    }
  }
  return found;
}

/**
 * Returns the fields of /proc/<pid>/stat after the command name, so that
 * index 0 is the state (field 3 in proc(5)), or null once the process exited.
 */
function readStatFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in brackets, may contain spaces: fields start after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

function readProcessStatus(
  pid: number,
): { rssBytes: number; anonymousBytes: number; cpuTicks: number } | null {
  const fields = readStatFields(pid);
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  if (fields === null) {
    return null;
  }

  // utime and stime are fields 14 and 15 in proc(5).
  const cpuTicks = Number(fields[11]) + Number(fields[12]);
  return {
    rssBytes: readKibibytes(status, 'VmRSS'),
    anonymousBytes: readKibibytes(status, 'RssAnon'),
    cpuTicks,
  };
}

/** Reads a `Name:   123 kB` line of /proc/<pid>/status, in bytes; 0 when absent. */
function readKibibytes(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
  return match === null ? 0 : Number(match[1]) * 1024;
}

/** Tests whether a process with this id still runs (a zombie counts as gone). */
export function isRunning(pid: number): boolean {
  const fields = readStatFields(pid);
  return fields !== null && fields[0] !== 'Z';
}

function readComm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * Names a Chromium process by its `--type` switch: `browser` for the main
 * process, `renderer`, `gpu-process`, `zygote`, and for utility processes
 * `network` (network service), `storage` (storage service) or `utility`.
 */
function classifyChromiumProcess(pid: number): string {
  let commandLine: string[];
  try {
    // Chromium rewrites the command line of its child processes into one
    // space-separated string, so split on spaces as well as NUL bytes.
    commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
  } catch {
    return 'other';
  }

  const switchValue = (name: string) =>
    commandLine
      .find((argument) => argument.startsWith(`--${name}=`))
      ?.slice(name.length + 3);
  const type = switchValue('type');
  if (type === undefined) {
    return 'browser';
  }
  if (type !== 'utility') {
    return type;
  }

  const service = switchValue('utility-sub-type');
  if (service === 'network.mojom.NetworkService') {
    return 'network';
  }
  if (service === 'storage.mojom.StorageService') {
    return 'storage';
  }
  return 'utility';
}
