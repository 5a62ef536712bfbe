/**
 * Command line: writes a demo exam sitting folder.
 *
 *   npm run sample -- --out <folder> [--copies N] [--pages N] [--dpi 150|300] [--seed N] [--graders N]
 *
 * Exit codes: 0 written, 1 generation failed, 2 invalid arguments or a
 * folder that is not empty.
 */
import { parseArgs } from 'node:util';
import { SCAN_DPI_VALUES, type ScanDpi } from './page-geometry';
import {
  FolderNotEmptyError,
  SITTING_FILE,
  writeSitting,
  type SittingOptions,
  type SittingSummary,
} from './sitting';

const HELP = `Usage: npm run sample -- --out <folder> [options]

Writes a demo exam sitting: ${SITTING_FILE} and one scanned PDF per copy,
ready for "npm run server:import -- <folder>". The folder must be new or empty.

Options:
  --out <folder>     folder to write (required)
  --copies <n>       copies in each batch, 1 to 1000 (default 20)
  --pages <n>        pages in every copy, 1 to 100 (default: 2 to 6 at random)
  --dpi <150|300>    scan resolution in dots per inch (default 150)
  --seed <n>         seed of every random choice, 0 to 4294967295 (default 1);
                     the same seed and options write the same files
  --graders <n>      graders, 1 to 50, plus one supervisor; each account
                     marks one batch (default 2)
  --no-anomalies     leave out the blank, upside-down, wrong-copy and
                     missing pages put into the first batch
  --help             print this help
`;

class UsageError extends Error {}

/** Command line flag of each `SittingOptions` field that errors name. */
const FLAG_OF_OPTION: Record<string, string> = {
  copiesPerBatch: '--copies',
  pagesPerCopy: '--pages',
  graderCount: '--graders',
  seed: '--seed',
  dpi: '--dpi',
};

function withFlagNames(message: string): string {
  return message.replace(/^Invalid (\w+):/, (whole, field: string) => {
    const flag = FLAG_OF_OPTION[field];
    return flag === undefined ? whole : `Invalid ${flag}:`;
  });
}

function parseWholeNumber(
  option: string,
  text: string | undefined,
): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`Invalid --${option}: "${text}". Use a whole number.`);
  }
  return Number(text);
}

function parseOptions(
  argv: string[],
): { folder: string; options: SittingOptions } | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        out: { type: 'string' },
        copies: { type: 'string' },
        pages: { type: 'string' },
        dpi: { type: 'string' },
        seed: { type: 'string' },
        graders: { type: 'string' },
        'no-anomalies': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  const values = parsed.values;
  if (values.help === true) {
    return 'help';
  }
  if (values.out === undefined || values.out === '') {
    throw new UsageError(
      'Missing --out <folder>: give the folder to write the sitting into.',
    );
  }

  const dpi = parseWholeNumber('dpi', values.dpi);
  if (dpi !== undefined && !SCAN_DPI_VALUES.includes(dpi as ScanDpi)) {
    throw new UsageError(
      `Invalid --dpi: "${values.dpi}". Use ${SCAN_DPI_VALUES.join(' or ')}.`,
    );
  }

  const options: SittingOptions = {
    copiesPerBatch: parseWholeNumber('copies', values.copies),
    pagesPerCopy: parseWholeNumber('pages', values.pages),
    dpi: dpi as ScanDpi | undefined,
    seed: parseWholeNumber('seed', values.seed),
    graderCount: parseWholeNumber('graders', values.graders),
    anomalies: values['no-anomalies'] !== true,
  };
  return { folder: values.out, options };
}

function printSummary(summary: SittingSummary, seconds: number): void {
  const pages = summary.copies.reduce(
    (total, copy) => total + copy.pageCount,
    0,
  );
  const megabytes = (summary.totalBytes / 1024 / 1024).toFixed(1);

  console.log(`Wrote ${summary.folder}/${SITTING_FILE}`);
  console.log(
    `  ${summary.copies.length} copies, ${pages} pages, ${megabytes} MiB of PDF, in ${seconds.toFixed(1)} s`,
  );
  for (const batch of summary.sitting.batches) {
    console.log(
      `  ${batch.title}: ${batch.copies.length} copies for ${batch.grader}, deadline ${batch.deadline}`,
    );
  }

  console.log('Accounts (demo passwords):');
  for (const grader of summary.sitting.graders) {
    const role = grader.role === undefined ? 'grader' : grader.role;
    console.log(`  ${grader.username}  ${grader.password}  (${role})`);
  }

  const defective = summary.copies.filter((copy) => copy.anomalies.length > 0);
  if (defective.length > 0) {
    console.log('Copies with defects:');
    for (const copy of defective) {
      console.log(
        `  ${copy.file}: ${copy.anomalies.map((a) => JSON.stringify(a)).join(', ')}`,
      );
    }
  }
}

async function main(): Promise<number> {
  let request;
  try {
    request = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(
        `sample: ${error.message}\nRun with --help to list the options.`,
      );
      return 2;
    }
    throw error;
  }
  if (request === 'help') {
    console.log(HELP);
    return 0;
  }

  const started = performance.now();
  try {
    const summary = await writeSitting(request.folder, request.options);
    printSummary(summary, (performance.now() - started) / 1000);
    return 0;
  } catch (error) {
    if (error instanceof RangeError) {
      console.error(`sample: ${withFlagNames(error.message)}`);
      return 2;
    }
    if (error instanceof FolderNotEmptyError) {
      console.error(`sample: ${error.message}`);
      return 2;
    }
    console.error(
      `sample: writing the sitting into ${request.folder} failed: ${(error as Error).message}`,
    );
    return 1;
  }
}

process.exitCode = await main();
