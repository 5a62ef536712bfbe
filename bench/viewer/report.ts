/**
 * The viewer benchmark's output: Markdown tables for people and the raw
 * measurements as JSON for comparing runs.
 */

import type { MachineInfo } from '../server/machine';
import type { TurnTiming } from './app-probe';
import type { AppMeasurements } from './measure-app';
import type { BareMeasurements } from './measure-bare';
import type { ViewerBenchOptions } from './options';
import { distribution, type Distribution } from './stats';

/** Budgets of the design: page turn p95 and first page p95, milliseconds. */
export const TURN_BUDGET_MS = 50;
export const FIRST_PAGE_BUDGET_MS = 150;
/** One frame at 60 Hz, the main-thread budget of a page turn, milliseconds. */
export const FRAME_MS = 1000 / 60;

export interface ResolutionResult {
  dpi: number;
  /** Mean size of a copy's PDF, bytes. */
  meanCopyBytes: number;
  app: AppMeasurements;
  bare: BareMeasurements;
  /** Page turns in the viewer harness, without the marking workspace. */
  harness: TurnTiming[];
}

export interface ResolutionSummary {
  dpi: number;
  meanCopyBytes: number;
  canvas: { width: number; height: number };
  /** Key press to the painted new page. */
  turn: Distribution;
  turnsTimedOut: number;
  /** Key press to the end of the task that handled it. */
  keyTask: Distribution;
  /** Turns painted in the first frame after the key press. */
  turnsInFirstFrame: number;
  /** Key press to the painted page, pressed as soon as a copy's page 1 showed. */
  earlyTurn: Distribution;
  /** The viewer alone: key press to the painted page, and the key press's task. */
  harnessTurn: Distribution;
  harnessKeyTask: Distribution;
  bareRender: Distribution;
  firstPage: Distribution;
  opensTimedOut: number;
  bareOpen: Distribution;
  /** Long tasks that started between a key press and its painted page. */
  longTasksDuringTurns: number;
  /** Long tasks while the viewer rendered ahead after a turn. */
  longTasksAfterTurns: number;
  longestTaskAfterTurns: number;
  /** Long tasks between a copy's painted page 1 and the end of its renders. */
  longTasksAfterOpens: number;
  longestTaskAfterOpens: number;
}

export interface ViewerBenchReport {
  startedAt: string;
  command: string;
  commit: string | null;
  options: ViewerBenchOptions;
  machine: MachineInfo;
  chromium: string;
  summaries: ResolutionSummary[];
  results: ResolutionResult[];
}

/** Counts the long tasks that start in any of `windows`, and the longest. */
function countTasks(
  tasks: readonly { startTime: number; duration: number }[],
  windows: readonly { from: number; to: number }[],
): { count: number; longest: number } {
  let count = 0;
  let longest = 0;
  for (const task of tasks) {
    const inside = windows.some(
      (window) => task.startTime >= window.from && task.startTime <= window.to,
    );
    if (inside) {
      count += 1;
      longest = Math.max(longest, task.duration);
    }
  }
  return { count, longest };
}

export function summarise(result: ResolutionResult): ResolutionSummary {
  const { app, bare } = result;
  const turns = app.turns.filter((turn) => !turn.timedOut);
  const opens = app.opens.filter((open) => !open.timedOut);
  const harness = result.harness.filter((turn) => !turn.timedOut);
  const early = app.earlyTurns.filter((turn) => !turn.timedOut);

  const during = countTasks(
    app.longTasks,
    turns.map((turn) => ({ from: turn.input, to: turn.painted })),
  );
  const after = countTasks(
    app.longTasks,
    turns.map((turn) => ({ from: turn.painted, to: turn.settled })),
  );
  const afterOpens = countTasks(
    app.longTasks,
    opens.map((open) => ({ from: open.painted, to: open.settled })),
  );

  return {
    dpi: result.dpi,
    meanCopyBytes: result.meanCopyBytes,
    canvas: app.canvas,
    turn: distribution(turns.map((turn) => turn.painted - turn.input)),
    turnsTimedOut: app.turns.length - turns.length,
    keyTask: distribution(turns.map((turn) => turn.taskEnd - turn.input)),
    turnsInFirstFrame: turns.filter((turn) => turn.frames === 1).length,
    earlyTurn: distribution(early.map((turn) => turn.painted - turn.input)),
    harnessTurn: distribution(harness.map((turn) => turn.painted - turn.input)),
    harnessKeyTask: distribution(
      harness.map((turn) => turn.taskEnd - turn.input),
    ),
    bareRender: distribution(bare.renders),
    firstPage: distribution(opens.map((open) => open.painted - open.start)),
    opensTimedOut: app.opens.length - opens.length,
    bareOpen: distribution(bare.opens),
    longTasksDuringTurns: during.count,
    longTasksAfterTurns: after.count,
    longestTaskAfterTurns: after.longest,
    longTasksAfterOpens: afterOpens.count,
    longestTaskAfterOpens: afterOpens.longest,
  };
}

const ms = (value: number) => value.toFixed(1);

const withLongest = (count: number, longest: number) =>
  count === 0 ? '0' : `${count} (${ms(longest)})`;

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join(
    '\n',
  );
}

export function formatMarkdown(report: ViewerBenchReport): string {
  const { machine, summaries } = report;
  const parts = [
    `## Scan viewer, ${report.startedAt}`,
    `Command: \`${report.command}\`, commit ${report.commit ?? 'unknown'}.`,
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}, ${report.chromium}; load average ${machine.loadAverage.join(', ')} at the start.`,
    `Window ${report.options.width}x${report.options.height} CSS pixels at a pixel ratio of ${report.options.pixelRatio}.`,
    '',
    `Page turn, key press to the painted page, ms (budget: p95 under ${TURN_BUDGET_MS} ms):`,
    '',
    table(
      [
        'dpi',
        'canvas (px)',
        'turns',
        'viewer p50',
        'viewer p95',
        'viewer max',
        'bare pdf.js p50',
        'bare pdf.js p95',
      ],
      summaries.map((s) => [
        String(s.dpi),
        `${s.canvas.width}x${s.canvas.height}`,
        `${s.turn.count}${s.turnsTimedOut > 0 ? ` (${s.turnsTimedOut} timed out)` : ''}`,
        ms(s.turn.p50),
        ms(s.turn.p95),
        ms(s.turn.max),
        ms(s.bareRender.p50),
        ms(s.bareRender.p95),
      ]),
    ),
    '',
    `First page of a copy opened from the store, ms (budget: p95 under ${FIRST_PAGE_BUDGET_MS} ms):`,
    '',
    table(
      [
        'dpi',
        'MB a copy',
        'opens',
        'viewer p50',
        'viewer p95',
        'viewer max',
        'bare pdf.js p50',
        'bare pdf.js p95',
      ],
      summaries.map((s) => [
        String(s.dpi),
        (s.meanCopyBytes / 1e6).toFixed(2),
        `${s.firstPage.count}${s.opensTimedOut > 0 ? ` (${s.opensTimedOut} timed out)` : ''}`,
        ms(s.firstPage.p50),
        ms(s.firstPage.p95),
        ms(s.firstPage.max),
        ms(s.bareOpen.p50),
        ms(s.bareOpen.p95),
      ]),
    ),
    '',
    `Main thread during page turns (budget: the key press's task under one frame, ${ms(FRAME_MS)} ms):`,
    '',
    table(
      [
        'dpi',
        'key task p50',
        'key task p95',
        'key task max',
        'viewer alone: key task p50',
        'viewer alone: key task p95',
        'painted in the next frame',
      ],
      summaries.map((s) => [
        String(s.dpi),
        ms(s.keyTask.p50),
        ms(s.keyTask.p95),
        ms(s.keyTask.max),
        ms(s.harnessKeyTask.p50),
        ms(s.harnessKeyTask.p95),
        `${s.turnsInFirstFrame} of ${s.turn.count}`,
      ]),
    ),
    '',
    'Long tasks (50 ms or more) on the main thread, with the longest, and a turn pressed as soon as a copy shows page 1, while the rest of the copy renders, ms:',
    '',
    table(
      [
        'dpi',
        'during turns',
        'after turns',
        'after openings',
        'early turn p50',
        'early turn p95',
        'early turn max',
      ],
      summaries.map((s) => [
        String(s.dpi),
        String(s.longTasksDuringTurns),
        withLongest(s.longTasksAfterTurns, s.longestTaskAfterTurns),
        withLongest(s.longTasksAfterOpens, s.longestTaskAfterOpens),
        ms(s.earlyTurn.p50),
        ms(s.earlyTurn.p95),
        ms(s.earlyTurn.max),
      ]),
    ),
  ];
  return parts.join('\n');
}

/** Writes `report` as JSON into `outFolder` and returns the file's path. */
