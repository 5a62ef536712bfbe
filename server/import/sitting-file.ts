/**
 * Reads `sitting.json` from an import folder and checks it against the
 * schema of `sitting-schema.ts`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { Compile } from 'typebox/compile';

import type { ImportProblem } from './import-problem';
import { describeSchemaErrors, DOCUMENT_NAME } from './schema-problems';
import { SittingFile } from './sitting-schema';

const validator = Compile(SittingFile);

export type SittingFileResult =
  | { sitting: SittingFile; problems: [] }
  | { sitting: null; problems: ImportProblem[] };

/** Reads and validates `<folder>/sitting.json`. */
export async function readSittingFile(
  folder: string,
): Promise<SittingFileResult> {
  const file = path.join(folder, DOCUMENT_NAME);

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return reject(describeReadError(error, folder));
  }

  // Editors on Windows may start UTF-8 files with a byte order mark.
  const source = text.replace(/^\uFEFF/, '');

  let document: unknown;
  try {
    document = JSON.parse(source);
  } catch (error) {
    const reason = (error as Error).message;
    return reject(
      `is not valid JSON (${reason}${describePosition(reason, source)}): fix the syntax and import again`,
    );
  }

  if (!validator.Check(document)) {
    return {
      sitting: null,
      problems: describeSchemaErrors(validator.Errors(document), document),
    };
  }
  return { sitting: document, problems: [] };
}

function reject(message: string): SittingFileResult {
  return { sitting: null, problems: [{ where: DOCUMENT_NAME, message }] };
}

function describeReadError(error: unknown, folder: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return `not found in ${folder}: the folder must contain sitting.json next to the scanned PDFs it lists`;
  }
  if (code === 'EISDIR') {
    return 'is a folder, not a file: sitting.json must be a JSON file';
  }
  return `cannot be read: ${(error as Error).message}`;
}

/** Adds the line and column of a JSON syntax error, when V8 gives a position. */
function describePosition(reason: string, text: string): string {
  const match = /at position (\d+)/.exec(reason);
  if (!match) {
    return '';
  }

  const before = text.slice(0, Number(match[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `, line ${line} column ${column}`;
}
