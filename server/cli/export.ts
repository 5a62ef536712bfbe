/**
 * `npm run server:export -- --out <file.csv>`: writes the grades of every
 * sitting, or of one, from the database named by the environment.
 */
import { parseArgs } from 'node:util';

import { readConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { exportGrades, OutputExistsError } from '../export/export-grades';
import { UnknownSittingError } from '../export/grade-rows';

const HELP = `Usage: npm run server:export -- --out <file.csv> [options]

Writes one CSV row per copy: sitting, batch, grader, anonymous code, copy id,
grade status (empty when the copy has no grade), the points of each question,
total, flags (separated by ";"), comment, time and author of the last change.
Withdrawn batches and copies are left out. The file is UTF-8 with a byte
order mark, so spreadsheet programs read accents; a cell that starts like a
formula (=, +, -, @) gets a leading apostrophe.

Options:
  --out <file.csv>   file to write (required)
  --sitting <id>     export only the sitting with this id (default: every sitting)
  --force            replace <file.csv> when it exists
  --help             print this help

Environment:
  DATABASE_URL   sqlite:<path> or postgres://... (default sqlite:data/copydesk.sqlite)

Exit codes: 0 written, 1 export failed, 2 invalid arguments or settings, an
unknown sitting, or an existing file without --force.
`;

export interface CliOutput {
  out(line: string): void;
  error(line: string): void;
}

interface ExportArguments {
  out: string;
  sittingId?: string;
  force: boolean;
}

class UsageError extends Error {}

/** Runs the command and returns its exit code. */
export async function runExport(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  output: CliOutput = consoleOutput,
): Promise<number> {
  let args: ExportArguments;
  try {
    const parsed = parseArguments(argv);
    if (parsed === 'help') {
      output.out(HELP);
      return 0;
    }
    args = parsed;
  } catch (error) {
    if (error instanceof UsageError) {
      output.error(`server:export: ${error.message}`);
      output.error('Run "npm run server:export -- --help" for usage.');
      return 2;
    }
    throw error;
  }

  let handle;
  try {
    handle = openDatabase(readConfig(env).databaseUrl);
  } catch (error) {
    output.error(`server:export: ${(error as Error).message}`);
    return 2;
  }

  try {
    await migrateToLatest(handle);
    const summary = await exportGrades(handle, args.out, {
      sittingId: args.sittingId,
      force: args.force,
    });
    output.out(`Wrote ${summary.rows} rows to ${summary.path}`);
    return 0;
  } catch (error) {
    const message = (error as Error).message;
    if (
      error instanceof OutputExistsError ||
      error instanceof UnknownSittingError
    ) {
      output.error(`server:export: ${message}`);
      return 2;
    }
    output.error(`server:export: export to ${args.out} failed: ${message}`);
    return 1;
  } finally {
    await handle.close();
  }
}

function parseArguments(argv: string[]): ExportArguments | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        out: { type: 'string' },
        sitting: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  if (parsed.values.help) {
    return 'help';
  }
  const out = parsed.values.out;
  if (out === undefined || out === '') {
    throw new UsageError('--out <file.csv> is missing');
  }
  if (parsed.values.sitting === '') {
    throw new UsageError('--sitting needs a sitting id');
  }

  return {
    out,
    sittingId: parsed.values.sitting,
    force: parsed.values.force ?? false,
  };
}

const consoleOutput: CliOutput = {
  out: (line) => console.log(line),
  error: (line) => console.error(line),
};

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runExport(process.argv.slice(2));
}
