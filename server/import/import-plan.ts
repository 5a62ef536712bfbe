/**
 * The plan of an import, decided before anything is written: the ids of
 * every new row, the checked scans and their storage keys.
 */
import { randomUUID } from 'node:crypto';

import {
  parseHeaderLayout,
  type HeaderLayout,
} from '../../shared/ocr/header-layout';
import { toHundredths } from '../../shared/points';
import type { CheckedScan } from './scan-file-check';
import type { SittingFile } from './sitting-schema';

export interface PlannedGrader {
  username: string;
  displayName: string;
  role: 'grader' | 'supervisor';
  /** Clear-text password, hashed only for a username not in the database. */
  password: string;
}

export interface PlannedCopy {
  id: string;
  anonymousCode: string;
  /** File name as `sitting.json` gives it. */
  file: string;
  scan: CheckedScan;
  storageKey: string;
}

export interface PlannedBatch {
  id: string;
  grader: string;
  title: string;
  /** RFC 3339 UTC time. */
  deadline: string;
  copies: PlannedCopy[];
}

export interface ImportPlan {
  sittingId: string;
  schemeId: string;
  title: string;
  subject: string;
  /**
   * The header layout with every field filled in, or null when
   * `sitting.json` gives none and the default applies.
   */
  headerLayout: HeaderLayout | null;
  schemeTitle: string;
  questions: SittingFile['scheme']['questions'];
  totalHundredths: number;
  graders: PlannedGrader[];
  batches: PlannedBatch[];
}

/** Returns the storage key of a copy's first scan revision. */
export function scanKey(sittingId: string, copyId: string): string {
  return `${sittingId}/${copyId}-r1.pdf`;
}

/**
 * Builds the plan of a sitting whose every check passed. `scans` maps each
 * file name to its checked scan.
 */
export function planImport(
  sitting: SittingFile,
  scans: Map<string, CheckedScan>,
): ImportPlan {
  const sittingId = randomUUID();

  const batches = sitting.batches.map((batch): PlannedBatch => {
    const copies = batch.copies.map((copy): PlannedCopy => {
      const scan = scans.get(copy.file);
      if (scan === undefined) {
        throw new Error(`No checked scan for ${copy.file}`);
      }
      const id = randomUUID();
      return {
        id,
        anonymousCode: copy.anonymousCode,
        file: copy.file,
        scan,
        storageKey: scanKey(sittingId, id),
      };
    });

    return {
      id: randomUUID(),
      grader: batch.grader,
      title: batch.title,
      deadline: new Date(batch.deadline).toISOString(),
      copies,
    };
  });

  let totalHundredths = 0;
  for (const question of sitting.scheme.questions) {
    // checkQuestionBounds already accepted maxPoints, so it converts.
    totalHundredths += toHundredths(question.maxPoints) ?? 0;
  }

  return {
    sittingId,
    schemeId: randomUUID(),
    title: sitting.title,
    subject: sitting.subject,
    // checkHeaderLayout already accepted it, so it parses.
    headerLayout:
      sitting.headerLayout === undefined
        ? null
        : parseHeaderLayout(sitting.headerLayout),
    schemeTitle: sitting.scheme.title,
    questions: sitting.scheme.questions,
    totalHundredths,
    graders: sitting.graders.map((grader) => ({
      username: grader.username,
      displayName: grader.displayName,
      role: grader.role ?? 'grader',
      password: grader.password,
    })),
    batches,
  };
}
