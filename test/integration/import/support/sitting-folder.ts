/**
 * Import folders for tests: a valid `sitting.json` with its PDFs, which a
 * test then breaks in one place.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { makePdf } from './pdf-files';

/** The shape of `sitting.json`, loose enough to write invalid documents. */
export interface SittingDocument {
  title: string;
  subject: string;
  scheme: {
    title: string;
    questions: {
      id: string;
      label: string;
      maxPoints: number;
      step: number;
    }[];
  };
  graders: {
    username: string;
    displayName: string;
    password: string;
    role?: string;
  }[];
  batches: {
    grader: string;
    title: string;
    deadline: string;
    copies: { anonymousCode: string; file: string }[];
  }[];
}

export const PASSWORDS = {
  amartin: 'correct horse battery staple',
  bbernard: 'mot-de-passe-de-bbernard',
  chef: 'mot-de-passe-du-chef',
};

/**
 * A valid sitting: two graders with one batch each, a supervisor, and five
 * copies whose PDFs have 1 to 3 pages.
 */
export function validSitting(): SittingDocument {
  return {
    title: 'Baccalauréat 2026, philosophie',
    subject: 'Philosophie',
    scheme: {
      title: 'Dissertation',
      questions: [
        { id: 'q1', label: 'Introduction', maxPoints: 4, step: 0.5 },
        { id: 'q2', label: 'Développement', maxPoints: 12, step: 0.25 },
        { id: 'q3', label: 'Conclusion', maxPoints: 4, step: 0.5 },
      ],
    },
    graders: [
      {
        username: 'amartin',
        displayName: 'A. Martin',
        password: PASSWORDS.amartin,
      },
      {
        username: 'bbernard',
        displayName: 'B. Bernard',
        password: PASSWORDS.bbernard,
        role: 'grader',
      },
      {
        username: 'chef',
        displayName: 'Chef de jury',
        password: PASSWORDS.chef,
        role: 'supervisor',
      },
    ],
    batches: [
      {
        grader: 'amartin',
        title: 'Lot 12',
        deadline: '2026-07-03T18:00:00Z',
        copies: [
          { anonymousCode: 'A000005057', file: 'A000005057.pdf' },
          { anonymousCode: 'A000005058', file: 'A000005058.pdf' },
          { anonymousCode: 'A000005059', file: 'scans/A000005059.pdf' },
        ],
      },
      {
        grader: 'bbernard',
        title: 'Lot 13',
        deadline: '2026-07-04T20:00:00+02:00',
        copies: [
          { anonymousCode: 'B000000001', file: 'B000000001.pdf' },
          { anonymousCode: 'B000000002', file: 'B000000002.pdf' },
        ],
      },
    ],
  };
}

/** Pages of each copy's PDF in `validSitting`, by file name. */
export const PAGE_COUNTS: Record<string, number> = {
  'A000005057.pdf': 1,
  'A000005058.pdf': 2,
  'scans/A000005059.pdf': 3,
  'B000000001.pdf': 2,
  'B000000002.pdf': 1,
};

export interface SittingFolder {
  folder: string;
  /** Writes `sitting.json`, replacing the one there. */
  writeDocument(document: unknown): Promise<void>;
  /** Writes a file, relative to the folder, replacing any there. */
  writeFile(name: string, bytes: Buffer | string): Promise<void>;
  remove(): Promise<void>;
}

/**
 * Creates a temporary folder with `document` as `sitting.json` and a valid
 * PDF for each copy of `validSitting`.
 */
export async function createSittingFolder(
  document: unknown = validSitting(),
): Promise<SittingFolder> {
  const folder = await mkdtemp(path.join(tmpdir(), 'copydesk-import-'));

  const writeInFolder = async (name: string, bytes: Buffer | string) => {
    const target = path.join(folder, name);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bytes);
  };

  for (const [file, pages] of Object.entries(PAGE_COUNTS)) {
    await writeInFolder(file, await makePdf(pages, file));
  }
  await writeInFolder('sitting.json', JSON.stringify(document, null, 2));

  return {
    folder,
    writeDocument: (next) =>
      writeInFolder('sitting.json', JSON.stringify(next, null, 2)),
    writeFile: writeInFolder,
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}
