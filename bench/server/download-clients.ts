/**
 * The two download clients: Node's fetch (undici) reading each body to the
 * end, and curl with --parallel. Both fetch a list of URLs with a fixed
 * number of downloads in flight and check every status and byte count.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parallelCurlArguments } from '../common/curl-arguments';

const execFileAsync = promisify(execFile);

export interface DownloadJob {
  urls: string[];
  headers: Record<string, string>;
  /** Sum of the file sizes, bytes; a different total fails the run. */
  expectedBytes: number;
  parallelism: number;
}

export interface DownloadTiming {
  bytes: number;
  milliseconds: number;
}

/** Downloads every URL with `parallelism` fetch loops sharing one queue. */
export async function downloadWithFetch(
  job: DownloadJob,
): Promise<DownloadTiming> {
  let next = 0;
  let bytes = 0;

  const downloadLoop = async () => {
    while (next < job.urls.length) {
      const url = job.urls[next]!;
      next += 1;

      const response = await fetch(url, { headers: job.headers });
      if (response.status !== 200 || response.body === null) {
        throw new Error(
          `GET ${url} returned ${response.status}: ${await response.text()}`,
        );
      }
      for await (const chunk of response.body) {
        bytes += chunk.byteLength;
      }
    }
  };

  const started = performance.now();
  const loops = Array.from({ length: job.parallelism }, downloadLoop);
  await Promise.all(loops);
  const milliseconds = performance.now() - started;

  checkBytes('fetch', bytes, job.expectedBytes);
  return { bytes, milliseconds };
}

/** Returns curl's version line, or null when curl is not installed. */
export async function findCurl(): Promise<string | null> {
  try {
    const { stdout } = await execFileAsync('curl', ['--version']);
    return stdout.split('\n')[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * Downloads every URL with one `curl --parallel` process, bodies to
 * /dev/null. The URLs and headers go in a config file in `folder`, so the
 * access token does not appear in the process list. The time includes
 * starting curl, a few milliseconds.
 */
export async function downloadWithCurl(
  job: DownloadJob,
  folder: string,
): Promise<DownloadTiming> {
  const configFile = join(folder, `curl-${job.parallelism}.conf`);
  const headerLines = Object.entries(job.headers).map(
    ([name, value]) => `header = "${name}: ${value}"`,
  );
  const urlLines = job.urls.flatMap((url) => [
    `url = "${url}"`,
    'output = "/dev/null"',
  ]);
  await writeFile(configFile, `${[...headerLines, ...urlLines].join('\n')}\n`, {
    mode: 0o600,
  });

  const started = performance.now();
  const { stdout } = await execFileAsync(
    'curl',
    parallelCurlArguments(configFile, job.parallelism),
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const milliseconds = performance.now() - started;

  let bytes = 0;
  const lines = stdout.trim().split('\n');
  for (const line of lines) {
    const [status, size] = line.split(' ');
    if (status !== '200') {
      throw new Error(
        `curl got status ${status} for one of ${job.urls.length} downloads (config ${configFile})`,
      );
    }
    bytes += Number(size);
  }
  if (lines.length !== job.urls.length) {
    throw new Error(
      `curl reported ${lines.length} downloads of ${job.urls.length} (config ${configFile})`,
    );
  }

  checkBytes('curl', bytes, job.expectedBytes);
  return { bytes, milliseconds };
}

function checkBytes(client: string, bytes: number, expected: number): void {
  if (bytes !== expected) {
    throw new Error(
      `${client} downloaded ${bytes} bytes, expected ${expected}: a response was cut short or the scans changed`,
    );
  }
}
