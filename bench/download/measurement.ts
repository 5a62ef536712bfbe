/**
 * One measured download of the whole batch by one client, as the report
 * and the JSON results hold it.
 */
import type { PageRunUsage } from './page-run';
import type { EngineVariant } from './engine-page/page-api';
import type { CpuSeconds } from './process-tree';

/** `curl`, the app driven through its screens, or one engine page variant. */
export type ClientName = 'curl' | 'app' | EngineVariant;

/** Name of the CPU entry of this Node process: the server and the benchmark's own work. */
export const NODE_CPU = 'node (server and driver)';

export interface MemoryFigures {
  /** Peak sum of the RSS of the client's processes, bytes. For curl, its maximum RSS. */
  peakBytes: number;
  /** Sum of the RSS when the download started, bytes; null for curl. */
  startBytes: number | null;
  /** Peak sum of the anonymous RSS (see `TreePeak`), bytes; null for curl. */
  peakAnonymousBytes: number | null;
  /** Peak RSS of one Chromium renderer process, bytes; null for curl. */
  peakRendererBytes: number | null;
  /** Peak V8 heap used by the page, bytes; null unless Playwright stayed attached. */
  peakJsHeapBytes: number | null;
}

export interface Measurement {
  client: ClientName;
  /** Round number, from 1. */
  round: number;
  /** Whether Playwright's DevTools connection stayed open during the download. */
  attached: boolean;
  /** From the start of the download to the end of the last scan, milliseconds. */
  milliseconds: number;
  /**
   * Bytes the server wrote to its sockets during the download, headers and API
   * calls included.
   */
  serverBytes: number;
  /** Scan bytes the client received or stored. */
  bodyBytes: number;
  copiesDone: number;
  copiesTotal: number;
  /** Null when it could not be measured (curl without GNU time). */
  memory: MemoryFigures | null;
  /** CPU time per process kind during the download, seconds. */
  cpuSeconds: CpuSeconds;
}

/** Starts counting this process's CPU time; `stop` returns it in seconds. */
export function startNodeCpu(): { stop(): number } {
  const start = process.cpuUsage();
  return {
    stop: () => {
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1e6;
    },
  };
}

/**
 * Builds the measurement of a browser client from its page's figures and the
 * sampled usage.
 */
export function toMeasurement(
  client: ClientName,
  run: { round: number; attached: boolean },
  usage: PageRunUsage,
  figures: Pick<
    Measurement,
    'milliseconds' | 'bodyBytes' | 'copiesDone' | 'copiesTotal'
  >,
): Measurement {
  return {
    client,
    round: run.round,
    attached: run.attached,
    ...figures,
    serverBytes: usage.serverBytes,
    memory: {
      peakBytes: usage.peak.treeBytes,
      startBytes: usage.peak.startTreeBytes,
      peakAnonymousBytes: usage.peak.anonymousBytes,
      peakRendererBytes: usage.peak.rendererBytes,
      peakJsHeapBytes: usage.jsHeapUsedBytes,
    },
    cpuSeconds: { ...usage.cpuSeconds, [NODE_CPU]: usage.nodeSeconds },
  };
}
