/**
 * Checks of `sitting.json` that the schema cannot express: unique ids and
 * names, valid question bounds, batches that name a listed grader, copy
 * file names that stay inside the import folder, and a valid header layout.
 */
import path from 'node:path';

import {
  DEFAULT_HEADER_LAYOUT,
  HeaderLayoutError,
  parseHeaderLayout,
} from '../../shared/ocr/header-layout';
import { checkQuestionBounds } from '../../shared/points';
import type { ImportProblem } from './import-problem';
import type { SittingFile } from './sitting-schema';

/** Returns every problem of a sitting that passed the schema. */
export function checkSittingRules(sitting: SittingFile): ImportProblem[] {
  return [
    ...checkQuestions(sitting),
    ...checkGraders(sitting),
    ...checkBatches(sitting),
    ...checkHeaderLayout(sitting.headerLayout),
  ];
}

/**
 * Checks the optional `headerLayout` with `parseHeaderLayout`, and places
 * each of its problems at the field it names, such as
 * `headerLayout.pageCountPattern`.
 */
export function checkHeaderLayout(layout: unknown): ImportProblem[] {
  if (layout === undefined) {
    return [];
  }
  try {
    parseHeaderLayout(layout);
    return [];
  } catch (error) {
    if (!(error instanceof HeaderLayoutError)) {
      throw error;
    }
    return error.problems.map((problem) => placeLayoutProblem(problem, layout));
  }
}

/**
 * Splits a `HeaderLayoutError` sentence, which starts with the field it
 * concerns ("band.left is missing ..."), into that field's JSON path and
 * the rest of the sentence. A sentence about the layout as a whole stays
 * at `headerLayout`.
 */
function placeLayoutProblem(problem: string, layout: unknown): ImportProblem {
  const fields = [
    ...Object.keys(DEFAULT_HEADER_LAYOUT),
    ...Object.keys(DEFAULT_HEADER_LAYOUT.band).map((edge) => `band.${edge}`),
    ...(typeof layout === 'object' && layout !== null
      ? Object.keys(layout)
      : []),
  ];
  // The longest match wins, so "band.left" is not read as "band".
  const field = fields
    .filter((name) => problem.startsWith(`${name} `))
    .sort((a, b) => b.length - a.length)[0];

  if (field === undefined) {
    return { where: 'headerLayout', message: problem.replace(/\.$/, '') };
  }
  return {
    where: `headerLayout${formatField(field)}`,
    message: problem.slice(field.length + 1).replace(/\.$/, ''),
  };
}

/** Writes a layout field as a JSON path suffix: `.band.left` or `["odd name"]`. */
function formatField(field: string): string {
  if (/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)?$/.test(field)) {
    return `.${field}`;
  }
  return `[${JSON.stringify(field)}]`;
}

function checkQuestions(sitting: SittingFile): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const firstPlace = new Map<string, string>();

  sitting.scheme.questions.forEach((question, index) => {
    const where = `scheme.questions[${index}]`;

    const earlier = firstPlace.get(question.id);
    if (earlier === undefined) {
      firstPlace.set(question.id, `${where}.id`);
    } else {
      problems.push({
        where: `${where}.id`,
        message: `question id ${JSON.stringify(question.id)} is already used by ${earlier}: give each question its own id`,
      });
    }

    const bounds = checkQuestionBounds(question);
    if (bounds !== null) {
      problems.push({ where, message: bounds });
    }
  });

  return problems;
}

function checkGraders(sitting: SittingFile): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const firstPlace = new Map<string, string>();

  sitting.graders.forEach((grader, index) => {
    const where = `graders[${index}].username`;
    const earlier = firstPlace.get(grader.username);
    if (earlier === undefined) {
      firstPlace.set(grader.username, where);
    } else {
      problems.push({
        where,
        message: `username ${JSON.stringify(grader.username)} is already used by ${earlier}: list each grader once`,
      });
    }
  });

  return problems;
}

function checkBatches(sitting: SittingFile): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const usernames = new Set(sitting.graders.map((grader) => grader.username));
  const codePlaces = new Map<string, string>();
  const filePlaces = new Map<string, string>();

  sitting.batches.forEach((batch, batchIndex) => {
    const batchPlace = `batches[${batchIndex}]`;

    if (!usernames.has(batch.grader)) {
      problems.push({
        where: `${batchPlace}.grader`,
        message: `grader ${JSON.stringify(batch.grader)} is not listed in graders: add that grader or correct the username`,
      });
    }

    // The schema accepts RFC 9557 suffixes such as [Europe/Paris], which
    // Date cannot read; the deadline is stored as a UTC time.
    if (Number.isNaN(Date.parse(batch.deadline))) {
      problems.push({
        where: `${batchPlace}.deadline`,
        message: `${JSON.stringify(batch.deadline)} cannot be read as a time: write it as 2026-07-03T18:00:00Z`,
      });
    }

    batch.copies.forEach((copy, copyIndex) => {
      const place = `${batchPlace}.copies[${copyIndex}]`;

      const earlierCode = codePlaces.get(copy.anonymousCode);
      if (earlierCode === undefined) {
        codePlaces.set(copy.anonymousCode, `${place}.anonymousCode`);
      } else {
        problems.push({
          where: `${place}.anonymousCode`,
          message: `anonymous code ${JSON.stringify(copy.anonymousCode)} is already used by ${earlierCode}: each copy needs its own code`,
        });
      }

      const fileProblem = checkRelativeFileName(copy.file);
      if (fileProblem !== null) {
        problems.push({ where: `${place}.file`, message: fileProblem });
        return;
      }

      const key = path.posix.normalize(copy.file.replaceAll('\\', '/'));
      const earlierFile = filePlaces.get(key);
      if (earlierFile === undefined) {
        filePlaces.set(key, `${place}.file`);
      } else {
        problems.push({
          where: `${place}.file`,
          message: `${JSON.stringify(copy.file)} is already the scan of ${earlierFile}: each copy needs its own PDF`,
        });
      }
    });
  });

  return problems;
}

/**
 * Checks that a copy's file name is a relative path that stays inside the
 * import folder. Returns a sentence naming the problem, or `null`.
 * Symbolic links are checked later, when the file is opened.
 */
export function checkRelativeFileName(file: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(file)) {
    return `${JSON.stringify(file)} contains a control character: rename the file`;
  }

  const slashed = file.replaceAll('\\', '/');
  if (path.posix.isAbsolute(slashed) || /^[A-Za-z]:/.test(slashed)) {
    return `${JSON.stringify(file)} is an absolute path: give the file name relative to the folder that holds sitting.json`;
  }

  if (slashed.split('/').includes('..')) {
    return `${JSON.stringify(file)} leads out of the import folder through "..": put the PDF inside the folder that holds sitting.json`;
  }

  return null;
}
