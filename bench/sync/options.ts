/** Command-line options of `npm run bench:sync`. */
import { parseBenchArgs, readInteger } from '../common/options';

export interface SyncBenchOptions {
  /** Pending grades pushed per round. */
  grades: number;
  /** Changes in the feed that the pull reads. */
  changes: number;
  /** Rounds of each measurement, alternating which client goes first. */
  rounds: number;
  /** Requests sent at the same time, by both clients. */
  concurrency: number;
}

export const HELP = `Usage: npm run bench:sync -- [options]

Measures the sync engine against the reference server on this machine
(SQLite database, loopback HTTP), beside a bare loop of fetch calls that
sends the same requests.

  --grades <n>       pending grades pushed per round, 1 to 20000 (default 1000)
  --changes <n>      changes in the feed to pull, 0 to 100000 (default 10000);
                     0 skips the pull measurement
  --rounds <n>       rounds of each measurement, 1 to 20 (default 3)
  --concurrency <n>  requests in flight at once, 1 to 16 (default 4, the
                     engine's default)
  --help             print this help

Results are printed as Markdown and written as JSON to bench/results/.
`;

/** Parses the options, or returns null for --help. Raises `OptionsError`. */
export function parseOptions(args: string[]): SyncBenchOptions | null {
  const { values } = parseBenchArgs(args, {
    grades: { type: 'string', default: '1000' },
    changes: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '4' },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    return null;
  }

  return {
    grades: readInteger('--grades', values.grades, 1, 20_000),
    changes: readInteger('--changes', values.changes, 0, 100_000),
    rounds: readInteger('--rounds', values.rounds, 1, 20),
    concurrency: readInteger('--concurrency', values.concurrency, 1, 16),
  };
}
