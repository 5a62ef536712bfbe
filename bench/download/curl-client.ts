/**
 * The reference client: one `curl --parallel` process fetching every scan
 * of the batch with the bearer token, bodies to /dev/null, under GNU time
 * for its peak memory.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parallelCurlArguments } from '../common/curl-arguments';

const execFileAsync = promisify(execFile);

const GNU_TIME = '/usr/bin/time';

export interface CurlJob {
  urls: string[];
  accessToken: string;
  parallelism: number;
  /** Sum of the scan sizes, bytes; another total fails the run. */
  expectedBytes: number;
}

export interface CurlRun {
  milliseconds: number;
  /** Body bytes curl reports, summed over the downloads. */
  bodyBytes: number;
  /** Maximum resident set size of curl, bytes, or null without GNU time. */
  peakRssBytes: number | null;
  /** User and system CPU time of curl, seconds, or null without GNU time. */
  cpuSeconds: number | null;
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

/** Tests whether GNU time, which reports a process's peak memory, is installed. */
export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

/**
 * Downloads every URL with one curl process. The token and URLs go in a
 * config file in `folder` (mode 0600), so the token does not appear in the
 * process list. The time includes starting curl, a few milliseconds.
 */
export async function downloadWithCurl(
  job: CurlJob,
  folder: string,
): Promise<CurlRun> {
  const configFile = join(folder, 'curl.conf');
  const timeFile = join(folder, 'curl-time.txt');
  const lines = [
    `header = "Authorization: Bearer ${job.accessToken}"`,
    ...job.urls.flatMap((url) => [`url = "${url}"`, 'output = "/dev/null"']),
  ];
  await writeFile(configFile, `${lines.join('\n')}\n`, { mode: 0o600 });

  const curlArguments = parallelCurlArguments(configFile, job.parallelism);
  const gnuTime = hasGnuTime();
  const [command, args] = gnuTime
    ? [
        GNU_TIME,
        [
          '--format',
          '%M %U %S',
          '--output',
          timeFile,
          'curl',
          ...curlArguments,
        ],
      ]
    : ['curl', curlArguments];

  const started = performance.now();
  const { stdout } = await execFileAsync(command, args, {
    maxBuffer: 16 * 1024 * 1024,
  });
  const milliseconds = performance.now() - started;

  const bodyBytes = sumDownloads(stdout, job, configFile);
  if (bodyBytes !== job.expectedBytes) {
    throw new Error(
      `curl downloaded ${bodyBytes} bytes, expected ${job.expectedBytes}: a response was cut short or the scans changed`,
    );
  }

  if (!gnuTime) {
    return { milliseconds, bodyBytes, peakRssBytes: null, cpuSeconds: null };
  }
  // GNU time writes the maximum RSS in KiB, then user and system seconds.
  const [kibibytes, user, system] = (await readFile(timeFile, 'utf8'))
    .trim()
    .split(' ')
    .map(Number);
  return {
    milliseconds,
    bodyBytes,
    peakRssBytes: kibibytes === undefined ? null : kibibytes * 1024,
    cpuSeconds:
      user === undefined || system === undefined ? null : user + system,
  };
}

/** Checks one `status size` line per URL and returns the sizes summed. */
function sumDownloads(
  stdout: string,
  job: CurlJob,
  configFile: string,
): number {
  const lines = stdout.trim().split('\n');
  if (lines.length !== job.urls.length) {
    throw new Error(
      `curl reported ${lines.length} downloads of ${job.urls.length} (config ${configFile})`,
    );
  }

  let bytes = 0;
  for (const line of lines) {
    const [status, size] = line.split(' ');
    if (status !== '200') {
      throw new Error(
        `curl got status ${status} for one of ${job.urls.length} downloads (config ${configFile})`,
      );
    }
    bytes += Number(size);
  }
  return bytes;
}
