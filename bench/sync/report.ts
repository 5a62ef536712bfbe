/** The sync benchmark's output: a Markdown table and the raw rounds as JSON. */

import type { MachineInfo } from '../server/machine';
import type { SyncBenchOptions } from './options';

/** One round: the engine and the bare loop on the same work, milliseconds. */
export interface SyncRound {
  round: number;
  engineMs: number;
  bareMs: number;
}

export interface SyncReport {
  startedAt: string;
  command: string;
  options: SyncBenchOptions;
  machine: MachineInfo;
  push: SyncRound[];
  pull: SyncRound[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]!
    : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function describeRounds(
  label: string,
  count: number,
  unit: string,
  rounds: readonly SyncRound[],
): string {
  const engine = median(rounds.map((round) => round.engineMs));
  const bare = median(rounds.map((round) => round.bareMs));
  const perItem = (ms: number) => ((ms / count) * 1000).toFixed(0);
  return `| ${label} | ${count} ${unit} | ${engine.toFixed(0)} ms (${perItem(engine)} µs each) | ${bare.toFixed(0)} ms (${perItem(bare)} µs each) | ${(engine / bare).toFixed(2)} |`;
}

export function formatMarkdown(report: SyncReport): string {
  const { machine, options } = report;
  const lines = [
    `Sync benchmark, ${report.startedAt}: \`${report.command}\``,
    '',
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, load average ${machine.loadAverage.join(' / ')} at start.`,
    `Medians of ${options.rounds} rounds, ${options.concurrency} requests in flight, SQLite server on loopback.`,
    '',
    '| measurement | work | sync engine | bare fetch loop | ratio |',
    '| --- | --- | --- | --- | --- |',
    describeRounds('push', options.grades, 'grades', report.push),
  ];
  if (report.pull.length > 0) {
    lines.push(describeRounds('pull', options.changes, 'changes', report.pull));
  }
  return lines.join('\n');
}
