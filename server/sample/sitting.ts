/**
 * Writes a demo exam sitting: a folder with `sitting.json` and the scanned
 * PDFs it names, ready for `npm run server:import -- <folder>`.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_COPY_OPTIONS, type CopyAnomaly } from './copy-options';
import { generateCopyPdf } from './copy-pdf';
import type { ScanDpi } from './page-geometry';
import { SeededRandom } from './random';
import {
  DEMO_SCHEME,
  type SittingBatch,
  type SittingDocument,
  type SittingGrader,
} from './sitting-document';

export interface SittingOptions {
  /**
   * Graders, from 1 to 50. A supervisor account is added, and every account,
   * the supervisor's included, gets one batch. Default 2.
   */
  graderCount?: number;
  /** Copies in each batch, from 1 to 1000. Default 20. */
  copiesPerBatch?: number;
  /** Pages in every copy, from 1 to 100. By default each copy has 2 to 6 pages. */
  pagesPerCopy?: number;
  /** Scan resolution in dots per inch: 150 (default) or 300. */
  dpi?: ScanDpi;
  /** Seed of every random choice. Default 1. */
  seed?: number;
  /** Puts one blank, upside-down, wrong-copy and missing page in the first batch. Default true. */
  anomalies?: boolean;
  /** Time the deadline counts from. Default: now. */
  now?: Date;
}

/** One generated copy, with the defects put into it. */
export interface SampleCopySummary {
  anonymousCode: string;
  file: string;
  grader: string;
  pageCount: number;
  anomalies: CopyAnomaly[];
}

export interface SittingSummary {
  folder: string;
  /** Content of `sitting.json`, passwords included. */
  sitting: SittingDocument;
  copies: SampleCopySummary[];
  /** Size of all PDFs together, in bytes. */
  totalBytes: number;
}

export const SITTING_FILE = 'sitting.json';
const DEADLINE_DAYS = 21;
const SURNAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
];

/** Returns the password of a demo account: `demo-password-<n>`, n counting from 1. */
export function demoPassword(accountNumber: number): string {
  return `demo-password-${accountNumber}`;
}

function checkWholeNumber(
  name: string,
  value: number,
  min: number,
  max: number,
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `Invalid ${name}: ${String(value)}. Use a whole number from ${min} to ${max}.`,
    );
  }
}

function demoGraders(graderCount: number): SittingGrader[] {
  const graders: SittingGrader[] = [];
  for (let i = 0; i < graderCount; i++) {
    const surname = SURNAMES[i % SURNAMES.length] ?? 'Martin';
    const initial = String.fromCharCode(65 + (i % 26));
    const suffix =
      i < SURNAMES.length ? '' : String(Math.floor(i / SURNAMES.length) + 1);
    graders.push({
      username: `${initial.toLowerCase()}${surname.toLowerCase()}${suffix}`,
      displayName: `${initial}. ${surname}${suffix === '' ? '' : ` ${suffix}`}`,
      password: demoPassword(i + 1),
    });
  }

  graders.push({
    username: 'chef',
    displayName: 'Chef de jury',
    password: demoPassword(graderCount + 1),
    role: 'supervisor',
  });
  return graders;
}

/** Returns the defect of the n-th copy of the first batch, if it gets one. */
function demoAnomaly(
  copyIndex: number,
  pageCount: number,
): CopyAnomaly | undefined {
  switch (copyIndex) {
    case 1:
      return { kind: 'blank-page', page: pageCount };
    case 2:
      return { kind: 'upside-down', page: Math.min(2, pageCount) };
    case 3:
      return { kind: 'wrong-copy', page: pageCount };
    case 4:
      return { kind: 'missing-page', pageNumber: Math.min(2, pageCount) };
    default:
      return undefined;
  }
}

function deadlineFrom(now: Date): string {
  const deadline = new Date(now.getTime() + DEADLINE_DAYS * 24 * 3600 * 1000);
  deadline.setUTCHours(18, 0, 0, 0);
  return deadline.toISOString().replace('.000Z', 'Z');
}

/** Raised when the output folder already contains files. */
export class FolderNotEmptyError extends Error {
  constructor(folder: string, entryCount: number) {
    super(
      `Folder ${folder} is not empty (it holds ${entryCount} entries). Choose a new or empty folder.`,
    );
    this.name = 'FolderNotEmptyError';
  }
}

async function checkFolderEmpty(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  const entries = await readdir(folder);
  if (entries.length > 0) {
    throw new FolderNotEmptyError(folder, entries.length);
  }
}

/**
 * Generates a demo sitting into `folder`, which must be new or empty.
 * Raises a `RangeError` naming the option when an option is invalid.
 */
export async function writeSitting(
  folder: string,
  options: SittingOptions = {},
): Promise<SittingSummary> {
  const graderCount = options.graderCount ?? 2;
  const copiesPerBatch = options.copiesPerBatch ?? 20;
  const dpi = options.dpi ?? 150;
  const seed = options.seed ?? 1;
  checkWholeNumber('graderCount', graderCount, 1, 50);
  checkWholeNumber('copiesPerBatch', copiesPerBatch, 1, 1000);
  if (options.pagesPerCopy !== undefined) {
    checkWholeNumber('pagesPerCopy', options.pagesPerCopy, 1, 100);
  }
  checkWholeNumber('seed', seed, 0, 0xffffffff);
  await checkFolderEmpty(folder);

  const random = new SeededRandom(seed).derive('sitting');
  const { title, subject } = DEFAULT_COPY_OPTIONS;
  const graders = demoGraders(graderCount);
  const deadline = deadlineFrom(options.now ?? new Date());
  const batches: SittingBatch[] = [];
  const copies: SampleCopySummary[] = [];
  let codeNumber = random.integer(1000, 900_000);
  let totalBytes = 0;

  for (const [batchIndex, grader] of graders.entries()) {
    const batch: SittingBatch = {
      grader: grader.username,
      title: `Lot ${batchIndex + 1}`,
      deadline,
      copies: [],
    };

    for (let copyIndex = 0; copyIndex < copiesPerBatch; copyIndex++) {
      codeNumber += random.integer(1, 9);
      const anonymousCode = `A${String(codeNumber).padStart(9, '0')}`;
      const file = `${anonymousCode}.pdf`;
      const pageCount = options.pagesPerCopy ?? random.integer(2, 6);
      const anomaly =
        options.anomalies === false || batchIndex > 0
          ? undefined
          : demoAnomaly(copyIndex, pageCount);
      const anomalies = anomaly === undefined ? [] : [anomaly];

      const pdf = await generateCopyPdf({
        anonymousCode,
        pageCount,
        dpi,
        seed: random.integer(0, 0xffffffff),
        title,
        subject,
        anomalies,
      });
      await writeFile(join(folder, file), pdf);

      totalBytes += pdf.length;
      batch.copies.push({ anonymousCode, file });
      copies.push({
        anonymousCode,
        file,
        grader: grader.username,
        pageCount,
        anomalies,
      });
    }
    batches.push(batch);
  }

  const sitting: SittingDocument = {
    title,
    subject,
    scheme: DEMO_SCHEME,
    graders,
    batches,
  };
  await writeFile(
    join(folder, SITTING_FILE),
    `${JSON.stringify(sitting, null, 2)}\n`,
  );
  return { folder, sitting, copies, totalBytes };
}
