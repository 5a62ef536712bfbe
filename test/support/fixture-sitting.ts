/**
 * A small exam sitting for server tests: a folder with `sitting.json` and
 * one tiny PDF per copy, quick to write and to import.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';

export const PASSWORDS = {
  amartin: 'correct horse battery staple',
  bdupont: 'another long passphrase',
  chef: 'supervisor passphrase',
} as const;

export const QUESTIONS = [
  { id: 'q1', label: 'Introduction', maxPoints: 4, step: 0.5 },
  { id: 'q2', label: 'Développement', maxPoints: 12, step: 0.25 },
  { id: 'q3', label: 'Conclusion', maxPoints: 4, step: 0.5 },
];

export interface FixtureOptions {
  /** Copies in each grader's batch. */
  copiesPerBatch?: number;
  /** Deadline of every batch; by default a year from now. */
  deadline?: string;
  /** Questions of the marking scheme; by default `QUESTIONS`. */
  questions?: { id: string; label: string; maxPoints: number; step: number }[];
  /** The `/Rotate` of every page of every copy, in degrees; by default 0. */
  pageRotation?: 0 | 90 | 180 | 270;
  /** The sitting's `headerLayout`; by default none. */
  headerLayout?: unknown;
}

/**
 * Writes a PDF of `pages` A4 pages, each naming its code and number, with
 * `rotation` as each page's `/Rotate`.
 */
export async function writeTinyPdf(
  path: string,
  code: string,
  pages: number,
  rotation = 0,
): Promise<void> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let index = 1; index <= pages; index += 1) {
    const page = document.addPage([595.28, 841.89]);
    page.setRotation(degrees(rotation));
    page.drawText(`N° Anonymat : ${code}   Page ${index} / ${pages}`, {
      x: 50,
      y: 800,
      size: 12,
      font,
    });
  }
  await writeFile(path, await document.save());
}

/** Writes the sitting folder and returns its path. */
export async function writeFixtureSitting(
  options: FixtureOptions = {},
): Promise<string> {
  const copiesPerBatch = options.copiesPerBatch ?? 3;
  const deadline =
    options.deadline ??
    new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
  const folder = await mkdtemp(join(tmpdir(), 'copydesk-sitting-'));
  await mkdir(folder, { recursive: true });

  const batches = [];
  for (const [batchIndex, grader] of ['amartin', 'bdupont'].entries()) {
    const copies = [];
    for (let copyIndex = 0; copyIndex < copiesPerBatch; copyIndex += 1) {
      const code = `A${String(batchIndex * 1000 + copyIndex + 1).padStart(9, '0')}`;
      await writeTinyPdf(
        join(folder, `${code}.pdf`),
        code,
        2 + (copyIndex % 3),
        options.pageRotation,
      );
      copies.push({ anonymousCode: code, file: `${code}.pdf` });
    }
    batches.push({
      grader,
      title: `Lot ${batchIndex + 1}`,
      deadline,
      copies,
    });
  }

  const sitting = {
    title: `Baccalauréat test ${folder.slice(-6)}`,
    subject: 'Philosophie',
    scheme: {
      title: 'Dissertation',
      questions: options.questions ?? QUESTIONS,
    },
    graders: [
      {
        username: 'amartin',
        displayName: 'A. Martin',
        password: PASSWORDS.amartin,
      },
      {
        username: 'bdupont',
        displayName: 'B. Dupont',
        password: PASSWORDS.bdupont,
      },
      {
        username: 'chef',
        displayName: 'Chef de jury',
        password: PASSWORDS.chef,
        role: 'supervisor',
      },
    ],
    batches,
    headerLayout: options.headerLayout,
  };
  await writeFile(
    join(folder, 'sitting.json'),
    JSON.stringify(sitting, null, 2),
  );
  return folder;
}
