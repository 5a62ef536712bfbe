/**
 * `npm run scan:check -- <file.pdf>... [options]`: reads the printed header
 * of every page of scanned copies with local OCR, and reports pages from
 * another copy, missing or repeated pages, blank and turned pages.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

import {
  HeaderLayoutError,
  parseHeaderLayout,
  type HeaderLayout,
} from '../../shared/ocr/header-layout';
import type { OcrLogFields, OcrLogger } from '../../shared/ocr/ocr-logger';
import {
  checkNodeOcrFiles,
  nodeOcrPaths,
} from '../../shared/ocr/ocr-node-paths';
import {
  MAX_WORKER_COUNT,
  OcrPool,
  spareCoreWorkerCount,
} from '../../shared/ocr/ocr-pool';
import { DEFAULT_HEADER_DPI } from '../../shared/ocr/page-inspection';
import { checkScanFile, type FileCheckResult } from '../scan-check/check-file';
import { formatFileReport, jsonReport } from '../scan-check/report';

const PROGRAM = 'scan:check';

const HELP = `Usage: npm run scan:check -- <file.pdf>... [options]

Reads the printed header band of every page with local OCR (no network) and
prints, for each page, the anonymous code and page numbering read, whether the
page is blank, and its orientation; then, for each file, OK or its findings:
code missing or from another copy, declared page count different from the
file's, page numbers missing, repeated or out of sequence, blank, upside-down
and sideways pages.

Options:
  --code <code>        anonymous code every page must carry (default: the code
                       read on most pages, or the file name when no page shows
                       a code and the name looks like one)
  --layout <file>      JSON header layout: band, with all of left, top, right
                       and bottom from 0 to 1 of the page, and the regular
                       expressions anonymousCodePattern, pageCountPattern,
                       pageNumberPattern, labelPattern; a field left out
                       keeps the French answer sheet's default (README.md
                       has an example)
  --dpi <n>            resolution the header band is read at, 100 to 600 dots
                       per inch (default ${DEFAULT_HEADER_DPI})
  --workers <n>        OCR workers, 1 to ${MAX_WORKER_COUNT} (default: one per core but one, at most 4)
  --json               print one JSON document instead of the text report
  --help               print this help

Exit codes: 0 every file clean, 1 findings in at least one file (or the OCR
engine's files are missing), 2 invalid arguments or a file that cannot be
read (missing, not a PDF, encrypted).
`;

export interface CliOutput {
  out(line: string): void;
  error(line: string): void;
  /** Rewrites the progress line; undefined when the error stream is not a terminal. */
  progress?(line: string): void;
}

interface ScanCheckArguments {
  files: string[];
  code?: string;
  layout?: HeaderLayout;
  dpi: number;
  workers: number;
  json: boolean;
}

class UsageError extends Error {}

function parseBoundedNumber(
  option: string,
  text: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(
      `Invalid --${option}: "${text}". Use a whole number from ${min} to ${max}.`,
    );
  }
  return value;
}

async function readLayout(file: string): Promise<HeaderLayout> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `Invalid --layout: ${file} cannot be read (${(error as Error).message}). Give the path of a JSON layout file.`,
    );
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `Invalid --layout: ${file} is not valid JSON (${(error as Error).message}).`,
    );
  }
  try {
    return parseHeaderLayout(value);
  } catch (error) {
    if (error instanceof HeaderLayoutError) {
      throw new UsageError(
        `Invalid --layout ${file}: ${error.problems.join(' ')}`,
      );
    }
    throw error;
  }
}

async function parseArguments(
  argv: string[],
): Promise<ScanCheckArguments | 'help'> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        code: { type: 'string' },
        layout: { type: 'string' },
        dpi: { type: 'string' },
        workers: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  const { values, positionals } = parsed;
  if (values.help === true) {
    return 'help';
  }
  if (positionals.length === 0) {
    throw new UsageError('Missing <file.pdf>: name one or more scanned PDFs.');
  }
  if (values.code !== undefined && values.code.trim() === '') {
    throw new UsageError(
      'Invalid --code: it is empty. Give the anonymous code, such as A000005057.',
    );
  }

  return {
    files: positionals,
    code: values.code?.trim(),
    layout:
      values.layout === undefined ? undefined : await readLayout(values.layout),
    dpi: parseBoundedNumber('dpi', values.dpi, 100, 600) ?? DEFAULT_HEADER_DPI,
    workers:
      parseBoundedNumber('workers', values.workers, 1, MAX_WORKER_COUNT) ??
      spareCoreWorkerCount(availableParallelism()),
    json: values.json === true,
  };
}

/** Logs the OCR pool's warnings and errors on the error stream; no scan text reaches it. */
function ocrLogger(output: CliOutput): OcrLogger {
  const line = (level: string, message: string, fields?: OcrLogFields) => {
    const details = fields === undefined ? '' : ` ${JSON.stringify(fields)}`;
    output.error(`${PROGRAM}: ocr ${level}: ${message}${details}`);
  };
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (message, fields) => line('warning', message, fields),
    error: (message, fields) => line('error', message, fields),
  };
}

function exitCode(results: FileCheckResult[]): number {
  if (results.some((result) => !result.ok)) {
    return 2;
  }
  if (
    results.some((result) => result.ok && result.inspection.findings.length > 0)
  ) {
    return 1;
  }
  return 0;
}

/** Runs the command and returns its exit code. */
export async function runScanCheck(
  argv: string[],
  output: CliOutput = consoleOutput(),
): Promise<number> {
  let args: ScanCheckArguments;
  try {
    const parsed = await parseArguments(argv);
    if (parsed === 'help') {
      output.out(HELP);
      return 0;
    }
    args = parsed;
  } catch (error) {
    if (error instanceof UsageError) {
      output.error(
        `${PROGRAM}: ${error.message}\nRun with --help to list the options.`,
      );
      return 2;
    }
    throw error;
  }

  const paths = nodeOcrPaths('fra');
  try {
    await checkNodeOcrFiles(paths);
  } catch (error) {
    output.error(`${PROGRAM}: ${(error as Error).message}`);
    return 1;
  }
  const pool = new OcrPool({
    ...paths,
    workerCount: args.workers,
    logger: ocrLogger(output),
  });
  const results: FileCheckResult[] = [];
  try {
    for (const [index, file] of args.files.entries()) {
      const position = `${index + 1}/${args.files.length}`;
      output.progress?.(`${PROGRAM}: ${position} ${file}`);
      const result = await checkScanFile(file, pool, {
        expectedCode: args.code,
        layout: args.layout,
        dpi: args.dpi,
        pagesInFlight: args.workers * 2,
        onPage: (_, done, total) =>
          output.progress?.(
            `${PROGRAM}: ${position} ${file}: page ${done} of ${total}`,
          ),
      });
      results.push(result);
      output.progress?.('');

      if (!result.ok) {
        output.error(`${PROGRAM}: ${result.message}`);
      }
      if (!args.json) {
        output.out(formatFileReport(result).join('\n'));
      }
    }
  } finally {
    await pool.close();
  }

  if (args.json) {
    output.out(JSON.stringify(jsonReport(results), null, 2));
  }
  return exitCode(results);
}

function consoleOutput(): CliOutput {
  const terminal = process.stderr.isTTY === true;
  return {
    out: (line) => console.log(line),
    error: (line) => console.error(line),
    progress: terminal
      ? (line) => process.stderr.write(`\r\x1b[K${line}`)
      : undefined,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runScanCheck(process.argv.slice(2));
}
