/**
 * Scan downloads: every scan of the batch fetched from the server
 * (`GET /api/v1/copies/{id}/scan`, signed in) and from a bare static file
 * server over the same folder, by each client at each parallelism. Rounds
 * alternate between the two servers so that a slow spell of the machine
 * hits both.
 */
import type { BenchServer } from './bench-server';
import {
  downloadWithCurl,
  downloadWithFetch,
  type DownloadJob,
  type DownloadTiming,
} from './download-clients';
import { startStaticFileServer } from './static-file-server';

export type DownloadClient = 'fetch' | 'curl';
export type DownloadTarget = 'server' | 'bare';

export interface DownloadTestOptions {
  parallelism: number[];
  rounds: number;
  clients: DownloadClient[];
  /** Folder for curl's config files. */
  workFolder: string;
}

export interface DownloadResult {
  client: DownloadClient;
  target: DownloadTarget;
  parallelism: number;
  files: number;
  bytes: number;
  /** One entry per round, milliseconds. */
  roundMilliseconds: number[];
  /** Throughput of the median round, in MB (10^6 bytes) per second. */
  medianMegabytesPerSecond: number;
}

export async function runDownloadTest(
  server: BenchServer,
  options: DownloadTestOptions,
): Promise<DownloadResult[]> {
  const bare = await startStaticFileServer(server.scanFolder);
  try {
    const expectedBytes = server.copies.reduce((sum, c) => sum + c.size, 0);
    const jobs = (
      parallelism: number,
    ): Record<DownloadTarget, DownloadJob> => ({
      server: {
        urls: server.copies.map(
          (copy) => `${server.url}/api/v1/copies/${copy.id}/scan`,
        ),
        headers: { authorization: `Bearer ${server.accessToken}` },
        expectedBytes,
        parallelism,
      },
      bare: {
        urls: server.copies.map(
          (copy) => `${bare.url}/${encodeStorageKey(copy.storageKey)}`,
        ),
        headers: {},
        expectedBytes,
        parallelism,
      },
    });

    // One unrecorded pass per server loads the files into the page cache
    // and warms up both processes.
    const largest = Math.max(...options.parallelism);
    await downloadWithFetch(jobs(largest).server);
    await downloadWithFetch(jobs(largest).bare);

    const results: DownloadResult[] = [];
    for (const parallelism of options.parallelism) {
      for (const client of options.clients) {
        const pair = jobs(parallelism);
        const timings: Record<DownloadTarget, DownloadTiming[]> = {
          server: [],
          bare: [],
        };
        for (let round = 0; round < options.rounds; round += 1) {
          for (const target of ['server', 'bare'] as const) {
            const job = pair[target];
            const timing =
              client === 'fetch'
                ? await downloadWithFetch(job)
                : await downloadWithCurl(job, options.workFolder);
            timings[target].push(timing);
          }
        }
        for (const target of ['server', 'bare'] as const) {
          results.push(
            summarise(client, target, parallelism, server, timings[target]),
          );
        }
      }
    }
    return results;
  } finally {
    await bare.close();
  }
}

function encodeStorageKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

function summarise(
  client: DownloadClient,
  target: DownloadTarget,
  parallelism: number,
  server: BenchServer,
  timings: DownloadTiming[],
): DownloadResult {
  const milliseconds = timings.map((timing) => timing.milliseconds);
  // For an even count of rounds this takes the slower of the middle two.
  const sorted = [...milliseconds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const bytes = timings[0]!.bytes;

  return {
    client,
    target,
    parallelism,
    files: server.copies.length,
    bytes,
    roundMilliseconds: milliseconds,
    medianMegabytesPerSecond: bytes / 1e6 / (median / 1000),
  };
}
