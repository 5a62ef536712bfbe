/**
 * One download run in a prepared page: the page starts it after a delay,
 * Playwright disconnects first unless the run is attached, and Chromium's
 * processes are sampled until the page posts its result to the server.
 */
import type { CDPSession } from '@playwright/test';

import type { Connection, LaunchedChromium } from './browser-session';
import type { DownloadServer } from './download-server';
import { startNodeCpu } from './measurement';
import { startTreeWindow, type TreeWindow } from './process-tree';

/** Interval of the /proc samples, milliseconds. */
const PROCESS_SAMPLE_MS = 100;
/**
 * Interval of the JS heap samples, which go through the DevTools protocol,
 * milliseconds.
 */
const HEAP_SAMPLE_MS = 250;

export interface PageRunUsage extends TreeWindow {
  /** Highest `JSHeapUsedSize` of the page, bytes; null unless attached. */
  jsHeapUsedBytes: number | null;
  /** CPU time of this Node process (the server and the driver), seconds. */
  nodeSeconds: number;
  /** Bytes the server wrote during the run. */
  serverBytes: number;
}

export interface PageRunOptions {
  chromium: LaunchedChromium;
  connection: Connection;
  server: DownloadServer;
  /** Keep Playwright connected during the download, and sample the JS heap. */
  attached: boolean;
  /**
   * Makes the page start its download after `delayMs` and post its result
   * to the server's result path.
   */
  schedule(delayMs: number): Promise<void>;
  timeoutMs: number;
}

/**
 * Time between scheduling the download and its start, so a detached run has
 * disconnected first, milliseconds.
 */
const START_DELAY_MS = 1_000;

/**
 * Runs one download scheduled in the page, sampling Chromium's processes
 * from before the start until the page posts its result, and returns the
 * result as the page posted it.
 */
export async function measurePageRun(
  options: PageRunOptions,
): Promise<{ result: unknown; usage: PageRunUsage }> {
  const { server, connection } = options;
  const result = server.waitForPageResult(options.timeoutMs);
  await options.schedule(START_DELAY_MS);

  const tree = startTreeWindow(options.chromium.pid, PROCESS_SAMPLE_MS);
  const nodeCpu = startNodeCpu();
  const bytesBefore = server.bytesSent();
  const heap = options.attached ? startHeapSampler(connection.cdp) : null;
  if (!options.attached) {
    await connection.disconnect();
  }

  const settled = await result.then(
    (value: unknown) => ({ value }),
    (error: unknown) => ({ error }),
  );
  const usage: PageRunUsage = {
    serverBytes: server.bytesSent() - bytesBefore,
    nodeSeconds: nodeCpu.stop(),
    jsHeapUsedBytes: heap === null ? null : await heap.stop(),
    ...tree.stop(),
  };
  if (options.attached) {
    await connection.disconnect();
  }
  if ('error' in settled) {
    throw settled.error;
  }
  return { result: settled.value, usage };
}

function startHeapSampler(cdp: CDPSession): { stop(): Promise<number> } {
  let peak = 0;
  let sampling: Promise<void> = cdp
    .send('Performance.enable')
    .then(() => undefined);

  const sample = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize');
    peak = Math.max(peak, used?.value ?? 0);
  };
  const timer = setInterval(() => {
    // One request at a time: a slow response delays the next sample.
    sampling = sampling.then(sample).catch(() => undefined);
  }, HEAP_SAMPLE_MS);

  return {
    stop: async () => {
      clearInterval(timer);
      await sampling;
      await sample().catch(() => undefined);
      return peak;
    },
  };
}
