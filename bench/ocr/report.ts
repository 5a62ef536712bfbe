/** The OCR benchmark's output: a Markdown table and the raw figures as JSON. */

import type { MachineInfo } from '../server/machine';
import type { WorkerMemory } from './measure';
import type { OcrBenchOptions } from './options';

export interface PageResult {
  label: string;
  dpi?: number;
  width: number;
  height: number;
  /** Median times over the rounds, milliseconds. */
  poolMs: number;
  nativeMs: number;
  poolText: string;
  nativeText: string;
  poolErrorRate?: number;
  nativeErrorRate?: number;
}

export interface OcrBenchReport {
  startedAt: string;
  command: string;
  options: OcrBenchOptions;
  machine: MachineInfo;
  nativeVersion: string;
  pages: PageResult[];
  startupsMs: number[];
  memory: WorkerMemory;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function percent(rate: number | undefined): string {
  return rate === undefined ? '-' : `${(rate * 100).toFixed(1)} %`;
}

function quote(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 120);
}

export function formatMarkdown(report: OcrBenchReport): string {
  const { machine, options, memory } = report;
  const lines = [
    `OCR benchmark, ${report.startedAt}: \`${report.command}\``,
    '',
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, load average ${machine.loadAverage.join(' / ')} at start.`,
    `tesseract.js 7.0.0 in one Node worker thread (model @tesseract.js-data/${options.language} 4.0.0_best_int) beside ${report.nativeVersion} (OMP_THREAD_LIMIT=1, Debian's model), medians of ${options.rounds} reads of the same file. Native times include its process start and model load. Character error rates (CER) compare words in any order, because the two engines order the header's columns differently.`,
    '',
    '| page | dpi | pixels | tesseract.js | native | ratio (js / native) | CER tesseract.js | CER native |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const page of report.pages) {
    lines.push(
      `| ${page.label} | ${page.dpi ?? '-'} | ${page.width} x ${page.height} | ${page.poolMs.toFixed(0)} ms | ${page.nativeMs.toFixed(0)} ms | ${(page.poolMs / page.nativeMs).toFixed(2)} | ${percent(page.poolErrorRate)} | ${percent(page.nativeErrorRate)} |`,
    );
  }

  const startups = report.startupsMs;
  lines.push(
    '',
    `Worker start-up: median ${median(startups).toFixed(0)} ms over ${startups.length} starts (${startups.map((ms) => ms.toFixed(0)).join(', ')} ms).`,
    `Worker memory: the Node process's resident set grows by ${memory.startedMiB.toFixed(0)} MiB when one worker thread has started, and by at most ${memory.peakMiB.toFixed(0)} MiB while it reads the largest page (sampled every 50 ms, from ${memory.baselineMiB.toFixed(0)} MiB before).`,
    '',
    'Text read by tesseract.js (first 120 characters):',
    '',
  );
  for (const page of report.pages) {
    lines.push(`- ${page.label} ${page.dpi ?? ''}: ${quote(page.poolText)}`);
  }
  return lines.join('\n');
}
