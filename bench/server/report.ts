/**
 * The benchmark's output: Markdown tables for people and the raw results as
 * JSON for comparing runs.
 */

import type { Dialect } from '../../server/db/database';
import type { DownloadResult } from './download-test';
import type { GradeLoadResult } from './grade-load';
import type { MachineInfo } from './machine';
import type { BenchOptions } from './options';

export interface WriteRun {
  database: Dialect;
  databaseVersion: string;
  importedCopies: number;
  /** Import of the sitting into this database, milliseconds. */
  importMilliseconds: number;
  result: GradeLoadResult | null;
}

export interface BenchReport {
  startedAt: string;
  command: string;
  options: BenchOptions;
  machine: MachineInfo;
  curl: string | null;
  sitting: {
    copies: number;
    pagesPerCopy: number;
    dpi: number;
    distinctScans: number;
    bytes: number;
    generateMilliseconds: number;
  };
  writes: WriteRun[];
  /** Database of the server that the downloads ran against. */
  downloadDatabase: Dialect | null;
  downloads: DownloadResult[];
}

export function formatMarkdown(report: BenchReport): string {
  const { machine, sitting } = report;
  const lines = [
    `Machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ` +
      `load average ${machine.loadAverage.join(' ')} at the start. Client and server share these cores.`,
    `Sitting: ${sitting.copies} copies of ${sitting.pagesPerCopy} pages at ${sitting.dpi} dpi, ` +
      `${formatMegabytes(sitting.bytes)} MB of scans.`,
    '',
  ];

  const writeRuns = report.writes.filter((run) => run.result !== null);
  if (writeRuns.length > 0) {
    lines.push(
      '| database | connections | duration (s) | writes/s | p50 (ms) | p99 (ms) | max (ms) | non-2xx | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const run of writeRuns) {
      const result = run.result!;
      lines.push(
        `| ${run.database} ${run.databaseVersion} | ${result.connections} | ${result.durationSeconds.toFixed(1)} | ` +
          `${result.writesPerSecond.toFixed(0)} | ${result.latencyP50} | ${result.latencyP99} | ${result.latencyMax} | ` +
          `${formatNon2xx(result)} | ${result.errors} |`,
      );
    }
    lines.push('');
  }

  if (report.downloads.length > 0) {
    lines.push(
      `Scan downloads (server on ${report.downloadDatabase}), median of ${report.options.rounds} rounds, MB = 10^6 bytes:`,
      '',
      '| client | parallelism | server (MB/s) | bare node:http (MB/s) | server / bare |',
      '| --- | ---: | ---: | ---: | ---: |',
    );
    for (const server of report.downloads.filter(
      (r) => r.target === 'server',
    )) {
      const bare = report.downloads.find(
        (r) =>
          r.target === 'bare' &&
          r.client === server.client &&
          r.parallelism === server.parallelism,
      );
      const bareSpeed = bare?.medianMegabytesPerSecond ?? Number.NaN;
      lines.push(
        `| ${server.client} | ${server.parallelism} | ${server.medianMegabytesPerSecond.toFixed(0)} | ` +
          `${bareSpeed.toFixed(0)} | ${(server.medianMegabytesPerSecond / bareSpeed).toFixed(2)} |`,
      );
    }
    lines.push('');
  }

  return lines.join('\n');
}

function formatMegabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(0);
}

/** Returns the non-2xx count, with its status codes when there are any. */
function formatNon2xx(result: GradeLoadResult): string {
  if (result.non2xx === 0) {
    return '0';
  }
  const codes = Object.entries(result.statusCounts)
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, count]) => `${count}×${status}`)
    .join(', ');
  return `${result.non2xx} (${codes})`;
}
