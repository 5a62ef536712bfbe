/**
 * The download benchmark's output: Markdown tables for people and the raw
 * measurements as JSON for comparing runs.
 */

import type { MachineInfo } from '../server/machine';
import type { ClientName, Measurement } from './measurement';
import type { DownloadBenchOptions } from './options';

/** Within this factor of curl's time, the download meets its budget. */
export const BUDGET_RATIO = 1.2;

export interface ClientSummary {
  client: ClientName;
  /** Whether Playwright stayed attached during these runs. */
  attached: boolean;
  /** The client's name in the tables. */
  label: string;
  runs: number;
  medianMilliseconds: number;
  minMilliseconds: number;
  maxMilliseconds: number;
  /** Median time divided by curl's median time. */
  ratioToCurl: number;
  medianServerBytes: number;
  /** Median RSS sum when the download started, bytes; null for curl. */
  medianStartBytes: number | null;
  /** Highest peak RSS sum of the rounds, bytes; null when not measured. */
  peakMemoryBytes: number | null;
  peakAnonymousBytes: number | null;
  peakRendererBytes: number | null;
  peakJsHeapBytes: number | null;
  /** Median CPU seconds of each process kind. */
  medianCpuSeconds: Record<string, number>;
}

export interface DownloadBenchReport {
  startedAt: string;
  command: string;
  /** Commit checked out; the build also contains uncommitted changes of the work tree. */
  commit: string | null;
  options: DownloadBenchOptions;
  machine: MachineInfo;
  chromium: string;
  curl: string;
  sitting: {
    copies: number;
    pagesPerCopy: number;
    dpi: number;
    bytes: number;
    importMilliseconds: number;
  };
  summaries: ClientSummary[];
  measurements: Measurement[];
}

/**
 * Summarises the measurements of each client, in the order they first ran,
 * the runs with Playwright attached apart from the others.
 */
export function summarise(measurements: Measurement[]): ClientSummary[] {
  const groups = new Map<string, Measurement[]>();
  for (const measurement of measurements) {
    const label = measurement.attached
      ? `${measurement.client}, Playwright attached`
      : measurement.client;
    groups.set(label, [...(groups.get(label) ?? []), measurement]);
  }

  const curlMedian = median(
    measurements
      .filter((measurement) => measurement.client === 'curl')
      .map((measurement) => measurement.milliseconds),
  );
  return [...groups].map(([label, runs]) => {
    const times = runs.map((run) => run.milliseconds);
    const medianMilliseconds = median(times);

    const cpuKinds = new Set(
      runs.flatMap((run) => Object.keys(run.cpuSeconds)),
    );
    const medianCpuSeconds: Record<string, number> = {};
    for (const kind of cpuKinds) {
      medianCpuSeconds[kind] = median(
        runs.map((run) => run.cpuSeconds[kind] ?? 0),
      );
    }

    return {
      client: runs[0]!.client,
      attached: runs[0]!.attached,
      label,
      runs: runs.length,
      medianMilliseconds,
      minMilliseconds: Math.min(...times),
      maxMilliseconds: Math.max(...times),
      ratioToCurl: medianMilliseconds / curlMedian,
      medianServerBytes: median(runs.map((run) => run.serverBytes)),
      medianStartBytes: medianOrNull(runs.map((run) => run.memory?.startBytes)),
      peakMemoryBytes: maxOrNull(runs.map((run) => run.memory?.peakBytes)),
      peakAnonymousBytes: maxOrNull(
        runs.map((run) => run.memory?.peakAnonymousBytes),
      ),
      peakRendererBytes: maxOrNull(
        runs.map((run) => run.memory?.peakRendererBytes),
      ),
      peakJsHeapBytes: maxOrNull(
        runs.map((run) => run.memory?.peakJsHeapBytes),
      ),
      medianCpuSeconds,
    };
  });
}

export function formatMarkdown(report: DownloadBenchReport): string {
  const { machine, sitting } = report;
  const lines = [
    `Machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ` +
      `load average ${machine.loadAverage.join(' ')} at the start. Clients and server share these cores.`,
    `${report.chromium}; ${report.curl}.`,
    `Batch: ${sitting.copies} copies of ${sitting.pagesPerCopy} pages at ${sitting.dpi} dpi, ` +
      `${megabytes(sitting.bytes)} MB of scans. ${report.options.rounds} rounds, 4 downloads in flight, MB = 10^6 bytes.`,
    '',
    '| client | runs | median (s) | min–max (s) | MB/s | time / curl | server sent (MB) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const summary of report.summaries) {
    lines.push(
      `| ${summary.label} | ${summary.runs} | ${seconds(summary.medianMilliseconds)} | ` +
        `${seconds(summary.minMilliseconds)}–${seconds(summary.maxMilliseconds)} | ` +
        `${(sitting.bytes / 1e6 / (summary.medianMilliseconds / 1000)).toFixed(0)} | ` +
        `${summary.ratioToCurl.toFixed(2)} | ${(summary.medianServerBytes / 1e6).toFixed(1)} |`,
    );
  }

  lines.push(
    '',
    'Memory, MB: the RSS of every Chromium process summed (curl: its maximum RSS), at the press and at the peak; ' +
      'the peak of the anonymous RSS summed; the peak of one renderer; the peak V8 heap of the page, read only while Playwright is attached.',
    '',
    '| client | RSS at start | peak RSS | peak anonymous RSS | peak renderer RSS | peak JS heap |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const summary of report.summaries) {
    lines.push(
      `| ${summary.label} | ${optionalMegabytes(summary.medianStartBytes)} | ` +
        `${optionalMegabytes(summary.peakMemoryBytes)} | ${optionalMegabytes(summary.peakAnonymousBytes)} | ` +
        `${optionalMegabytes(summary.peakRendererBytes)} | ${optionalMegabytes(summary.peakJsHeapBytes)} |`,
    );
  }

  const kinds = [
    ...new Set(
      report.summaries.flatMap((summary) =>
        Object.keys(summary.medianCpuSeconds),
      ),
    ),
  ];
  lines.push(
    '',
    'Median CPU time during the download, seconds, by process:',
    '',
    `| client | ${kinds.join(' | ')} | total |`,
    `| --- | ${kinds.map(() => '---:').join(' | ')} | ---: |`,
  );
  for (const summary of report.summaries) {
    const values = kinds.map((kind) => summary.medianCpuSeconds[kind] ?? 0);
    const total = values.reduce((sum, value) => sum + value, 0);
    lines.push(
      `| ${summary.label} | ${values.map((value) => value.toFixed(2)).join(' | ')} | ${total.toFixed(2)} |`,
    );
  }

  const app = report.summaries.find(
    (summary) => summary.client === 'app' && !summary.attached,
  );
  if (app !== undefined) {
    const verdict = app.ratioToCurl <= BUDGET_RATIO ? 'within' : 'over';
    lines.push(
      '',
      `The app took ${app.ratioToCurl.toFixed(2)} times curl's median time: ${verdict} the ${BUDGET_RATIO}x budget.`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

/** Returns the median; for an even count, the mean of the middle two. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) {
    return sorted[middle]!;
  }
  return (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function medianOrNull(values: (number | null | undefined)[]): number | null {
  const known = values.filter((value): value is number => value != null);
  return known.length === 0 ? null : median(known);
}

function maxOrNull(values: (number | null | undefined)[]): number | null {
  const known = values.filter((value): value is number => value != null);
  return known.length === 0 ? null : Math.max(...known);
}

function seconds(milliseconds: number): string {
  return (milliseconds / 1000).toFixed(2);
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(0);
}

function optionalMegabytes(bytes: number | null): string {
  return bytes === null ? '–' : megabytes(bytes);
}
