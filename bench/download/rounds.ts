/**
 * The measured rounds: in each, curl downloads the batch before each
 * browser client does, so a slow spell of the machine hits both sides of a
 * comparison. The browser clients run detached from Playwright; after the
 * rounds, each runs again with Playwright attached, for the page's JS heap.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { downloadWithApp } from './app-client';
import { downloadWithCurl, type CurlJob } from './curl-client';
import type { DownloadServer } from './download-server';
import { downloadWithEnginePage } from './engine-client';
import type { EngineVariant } from './engine-page/page-api';
import {
  NODE_CPU,
  startNodeCpu,
  type ClientName,
  type Measurement,
} from './measurement';
import type { CachedSitting } from './sitting-cache';

/** Downloads in flight: the download engine's default, and curl's --parallel-max. */
export const PARALLELISM = 4;

export interface RoundOptions {
  server: DownloadServer;
  sitting: CachedSitting;
  clients: ClientName[];
  rounds: number;
  /** Runs of each browser client with Playwright attached, after the rounds. */
  attachedRuns: number;
  timeoutMs: number;
  /** Folder for curl's config files and the browser profiles. */
  workFolder: string;
  progress(message: string): void;
}

/** Runs one untimed curl pass, then the rounds, and returns every measurement. */
export async function runRounds(options: RoundOptions): Promise<Measurement[]> {
  const { server, progress } = options;
  await mkdir(options.workFolder, { recursive: true });

  // Loads the scans into the page cache and warms up the server.
  await measureCurl(options, 0);

  const measurements: Measurement[] = [];
  let profileNumber = 0;
  const measureBrowser = async (
    client: ClientName,
    round: number,
    attached: boolean,
  ): Promise<Measurement> => {
    profileNumber += 1;
    const common = {
      server,
      sitting: options.sitting,
      profileFolder: join(options.workFolder, `profile-${profileNumber}`),
      round,
      attached,
      timeoutMs: options.timeoutMs,
    };
    const measurement =
      client === 'app'
        ? await downloadWithApp(common)
        : await downloadWithEnginePage({
            ...common,
            variant: client as EngineVariant,
            concurrency: PARALLELISM,
          });
    const label = attached ? `${client}, Playwright attached` : client;
    progress(`round ${round}: ${label} ${formatSeconds(measurement)}`);
    return measurement;
  };

  for (let round = 1; round <= options.rounds; round += 1) {
    for (const client of options.clients) {
      const curl = await measureCurl(options, round);
      measurements.push(curl);
      progress(`round ${round}: curl ${formatSeconds(curl)}`);
      measurements.push(await measureBrowser(client, round, false));
    }
  }
  for (let run = 1; run <= options.attachedRuns; run += 1) {
    for (const client of options.clients) {
      measurements.push(await measureBrowser(client, run, true));
    }
  }
  return measurements;
}

async function measureCurl(
  options: RoundOptions,
  round: number,
): Promise<Measurement> {
  const { server, sitting } = options;
  const job: CurlJob = {
    urls: server.copies.map(
      (copy) => `${server.url}/api/v1/copies/${copy.id}/scan`,
    ),
    accessToken: await server.signIn(),
    parallelism: PARALLELISM,
    expectedBytes: sitting.totalBytes,
  };

  const nodeCpu = startNodeCpu();
  const bytesBefore = server.bytesSent();
  const run = await downloadWithCurl(job, options.workFolder);
  const serverBytes = server.bytesSent() - bytesBefore;
  const nodeSeconds = nodeCpu.stop();

  const cpuSeconds: Record<string, number> = { [NODE_CPU]: nodeSeconds };
  if (run.cpuSeconds !== null) {
    cpuSeconds.curl = run.cpuSeconds;
  }
  return {
    client: 'curl',
    round,
    attached: false,
    milliseconds: run.milliseconds,
    serverBytes,
    bodyBytes: run.bodyBytes,
    copiesDone: server.copies.length,
    copiesTotal: server.copies.length,
    memory:
      run.peakRssBytes === null
        ? null
        : {
            peakBytes: run.peakRssBytes,
            startBytes: null,
            peakAnonymousBytes: null,
            peakRendererBytes: null,
            peakJsHeapBytes: null,
          },
    cpuSeconds,
  };
}

function formatSeconds(measurement: Measurement): string {
  const seconds = measurement.milliseconds / 1000;
  const megabytesPerSecond = measurement.bodyBytes / 1e6 / seconds;
  return `${seconds.toFixed(2)} s (${megabytesPerSecond.toFixed(0)} MB/s)`;
}
