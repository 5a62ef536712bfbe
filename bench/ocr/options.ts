/** Command-line options of `npm run bench:ocr`. */
import { parseArgs } from 'node:util';

import { OptionsError, readInteger } from '../common/options';

export interface OcrBenchOptions {
  /** Images (PNG, JPEG) and PDFs to read; empty for the generated sample pages. */
  inputs: string[];
  /** Reference texts, one per input in the same order. */
  references: string[];
  /** Resolutions PDF pages are rendered at, dots per inch. */
  dpis: number[];
  /** Times each page is read by each engine; the median counts. */
  rounds: number;
  /** Tesseract language code. */
  language: string;
}

export const HELP = `Usage: npm run bench:ocr -- [<image or pdf>...] [options]

Reads each page with tesseract.js (one worker thread, as the application runs
it) and with the native tesseract command (OMP_THREAD_LIMIT=1, -l <language>)
on the same PNG or JPEG file, and prints per page the time of each, their
ratio, the character error rate against a reference text where one is given,
and the text read. Also measures worker start-up time and the memory a worker
adds to the Node process.

Without inputs it generates two sample copies and reads, for each page at 150
and 300 dpi, the whole page and its printed header band, whose text is known.

  --reference <txt>   reference text of the input at the same position; repeat
                      it once per input
  --dpi <list>        resolutions PDF pages are rendered at, comma-separated,
                      72 to 600 (default 150,300)
  --rounds <n>        reads of each page by each engine, 1 to 20 (default 3);
                      the median counts
  --language <code>   Tesseract language code (default fra)
  --help              print this help

Results are printed as Markdown and written as JSON to bench/results/.
`;

/** Parses the options, or returns null for --help. Raises `OptionsError`. */
export function parseOptions(args: string[]): OcrBenchOptions | null {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        reference: { type: 'string', multiple: true, default: [] },
        dpi: { type: 'string', default: '150,300' },
        rounds: { type: 'string', default: '3' },
        language: { type: 'string', default: 'fra' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new OptionsError(
      `${(error as Error).message}. Run with --help for the options.`,
    );
  }

  const { values, positionals } = parsed;
  if (values.help) {
    return null;
  }

  const references = values.reference ?? [];
  if (references.length > 0 && references.length !== positionals.length) {
    throw new OptionsError(
      `${references.length} --reference files for ${positionals.length} inputs: give one reference per input, in the same order`,
    );
  }
  if (!/^[a-z_]+$/.test(values.language)) {
    throw new OptionsError(
      `--language "${values.language}" is invalid: use a Tesseract language code such as fra`,
    );
  }

  return {
    inputs: positionals,
    references,
    dpis: values.dpi
      .split(',')
      .map((text) => readInteger('--dpi', text.trim(), 72, 600)),
    rounds: readInteger('--rounds', values.rounds, 1, 20),
    language: values.language,
  };
}
