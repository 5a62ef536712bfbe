/**
 * `npm run server:import -- <folder>`: imports an exam sitting from a folder
 * into the database and scan storage named by the environment.
 */
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { readConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { formatProblem, ImportError } from '../import/import-problem';
import { DEFAULT_PDF_READERS } from '../import/check-scans';
import {
  DEFAULT_PDF_TIMEOUT_MS,
  importSitting,
  type ImportProgress,
  type ImportSummary,
} from '../import/import-sitting';
import { openScanStorage } from '../storage/open-scan-storage';

const HELP = `Usage: npm run server:import -- <folder> [options]

Imports an exam sitting from <folder>, which holds sitting.json and the
scanned PDFs it lists. Every part is checked first: when anything is
invalid, the import lists every problem and imports nothing. Otherwise it
stores the scans and writes the sitting, scheme, graders, batches and copies
in one database transaction. A grader whose username already exists keeps
that account and password.

Options:
  --pdf-timeout <seconds>  time limit for reading one PDF (default ${DEFAULT_PDF_TIMEOUT_MS / 1000})
  --pdf-readers <n>        PDFs read at once, each in a worker thread
                           (default ${DEFAULT_PDF_READERS}: one per core, at most 4)
  --help                   print this help

Environment:
  DATABASE_URL   sqlite:<path> or postgres://... (default sqlite:data/copydesk.sqlite)
  SCAN_STORAGE   file:<dir> or s3://<bucket>/<prefix> (default file:data/scans)

Exit codes: 0 imported, 1 nothing imported (invalid folder content, or the
database or scan storage failed), 2 invalid arguments or settings.
`;

export interface CliOutput {
  out(line: string): void;
  error(line: string): void;
}

class UsageError extends Error {}

interface ImportArguments {
  folder: string;
  pdfTimeoutMs: number;
  pdfReaders: number;
}

/** Runs the command and returns its exit code. */
export async function runImport(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  output: CliOutput = consoleOutput,
): Promise<number> {
  let args: ImportArguments;
  try {
    const parsed = await parseArguments(argv);
    if (parsed === 'help') {
      output.out(HELP);
      return 0;
    }
    args = parsed;
  } catch (error) {
    if (error instanceof UsageError) {
      output.error(`server:import: ${error.message}`);
      output.error('Run "npm run server:import -- --help" for usage.');
      return 2;
    }
    throw error;
  }

  // Invalid settings (ConfigError, DatabaseUrlError, a bad SCAN_STORAGE)
  // are reported like invalid arguments.
  let handle;
  let storage;
  try {
    const config = readConfig(env);
    storage = openScanStorage(config.scanStorage, env);
    handle = openDatabase(config.databaseUrl);
  } catch (error) {
    output.error(`server:import: ${(error as Error).message}`);
    return 2;
  }

  const folder = args.folder;
  try {
    await migrateToLatest(handle);
    output.out(
      `Importing ${folder} into ${handle.displayUrl}, scans in ${storage.description}`,
    );

    const summary = await importSitting(folder, {
      db: handle,
      storage,
      pdfTimeoutMs: args.pdfTimeoutMs,
      pdfReaders: args.pdfReaders,
      onProgress: (progress) => output.out(formatProgress(progress)),
    });

    printSummary(summary, output);
    return 0;
  } catch (error) {
    if (error instanceof ImportError) {
      const count = error.problems.length;
      output.error(
        `Nothing was imported: ${folder} has ${count === 1 ? '1 problem' : `${count} problems`}.`,
      );
      for (const problem of error.problems) {
        output.error(`  ${formatProblem(problem)}`);
      }
      return 1;
    }
    output.error(
      `server:import: import of ${folder} failed, nothing was imported: ${(error as Error).message}`,
    );
    return 1;
  } finally {
    await handle.close();
  }
}

async function parseArguments(
  argv: string[],
): Promise<ImportArguments | 'help'> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        'pdf-timeout': { type: 'string' },
        'pdf-readers': { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  if (parsed.values.help) {
    return 'help';
  }
  if (parsed.positionals.length !== 1) {
    throw new UsageError(
      parsed.positionals.length === 0
        ? 'the folder to import is missing'
        : `expected one folder, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`,
    );
  }
  const folder = parsed.positionals[0] as string;

  const isFolder = await stat(folder).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  if (!isFolder) {
    throw new UsageError(`${folder} is not a folder`);
  }

  let pdfTimeoutMs = DEFAULT_PDF_TIMEOUT_MS;
  const timeout = parsed.values['pdf-timeout'];
  if (timeout !== undefined) {
    const seconds = Number(timeout);
    if (!/^\d+(\.\d+)?$/.test(timeout) || seconds <= 0) {
      throw new UsageError(
        `invalid --pdf-timeout "${timeout}": give a number of seconds above 0`,
      );
    }
    pdfTimeoutMs = seconds * 1000;
  }

  let pdfReaders = DEFAULT_PDF_READERS;
  const readers = parsed.values['pdf-readers'];
  if (readers !== undefined) {
    if (!/^\d+$/.test(readers) || Number(readers) < 1 || Number(readers) > 64) {
      throw new UsageError(
        `invalid --pdf-readers "${readers}": give a whole number from 1 to 64`,
      );
    }
    pdfReaders = Number(readers);
  }

  return { folder, pdfTimeoutMs, pdfReaders };
}

function formatProgress(progress: ImportProgress): string {
  const verb = progress.step === 'checking' ? 'Checked' : 'Stored';
  return `${verb} ${progress.done}/${progress.total} ${progress.file}`;
}

function printSummary(summary: ImportSummary, output: CliOutput): void {
  output.out(
    `Imported "${summary.title}" as sitting ${summary.sittingId}: ` +
      `${summary.copyCount} copies, ${summary.pageCount} pages, ` +
      `${summary.scanBytes} bytes of scans.`,
  );
  output.out(`Scheme: ${summary.schemeId}`);

  output.out('Graders:');
  for (const grader of summary.graders) {
    const account = grader.created ? 'new account' : 'existing account kept';
    output.out(
      `  ${grader.username} (${grader.role}, ${account}): ${grader.id}`,
    );
  }

  output.out('Batches:');
  for (const batch of summary.batches) {
    output.out(
      `  ${batch.title} for ${batch.grader}, ${batch.copyCount} copies: ${batch.id}`,
    );
  }
}

const consoleOutput: CliOutput = {
  out: (line) => console.log(line),
  error: (line) => console.error(line),
};

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runImport(process.argv.slice(2));
}
