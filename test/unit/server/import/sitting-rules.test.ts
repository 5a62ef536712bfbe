import { describe, expect, test } from 'vitest';

import { formatJsonPath } from '../../../../server/import/schema-problems';
import {
  checkHeaderLayout,
  checkRelativeFileName,
  checkSittingRules,
} from '../../../../server/import/sitting-rules';
import type { SittingFile } from '../../../../server/import/sitting-schema';

function sitting(): SittingFile {
  return {
    title: 'Bac 2026',
    subject: 'Philosophie',
    scheme: {
      title: 'Dissertation',
      questions: [
        { id: 'q1', label: 'Introduction', maxPoints: 4, step: 0.5 },
        { id: 'q2', label: 'Développement', maxPoints: 0.75, step: 0.25 },
      ],
    },
    graders: [
      { username: 'amartin', displayName: 'A. Martin', password: 'x' },
      {
        username: 'chef',
        displayName: 'Chef',
        password: 'y',
        role: 'supervisor',
      },
    ],
    batches: [
      {
        grader: 'amartin',
        title: 'Lot 1',
        deadline: '2026-07-03T18:00:00Z',
        copies: [
          { anonymousCode: 'A1', file: 'A1.pdf' },
          { anonymousCode: 'A2', file: 'lot 1/A2.pdf' },
        ],
      },
      {
        grader: 'chef',
        title: 'Lot 2',
        deadline: '2026-07-03T18:00:00Z',
        copies: [{ anonymousCode: 'B1', file: 'B1.pdf' }],
      },
    ],
  };
}

describe('formatJsonPath', () => {
  test.each([
    ['', 'sitting.json'],
    ['/title', 'title'],
    ['/batches/2/copies/5/file', 'batches[2].copies[5].file'],
    ['/scheme/questions/0', 'scheme.questions[0]'],
    ['/batches/0/odd key', 'batches[0]["odd key"]'],
    ['/a~1b/c~0d', '["a/b"]["c~d"]'],
  ])('%s gives %s', (pointer, expected) => {
    expect(formatJsonPath(pointer)).toBe(expected);
  });
});

describe('checkRelativeFileName', () => {
  test.each(['A1.pdf', 'lot 1/A2.pdf', 'a/./b.pdf', 'é/Ä.pdf', '..pdf'])(
    'accepts %s',
    (file) => {
      expect(checkRelativeFileName(file)).toBeNull();
    },
  );

  test.each([
    ['../A1.pdf', 'leads out of the import folder'],
    ['lot/../../A1.pdf', 'leads out of the import folder'],
    ['..\\A1.pdf', 'leads out of the import folder'],
    ['/etc/passwd', 'is an absolute path'],
    ['\\\\server\\share\\A1.pdf', 'is an absolute path'],
    ['C:\\scans\\A1.pdf', 'is an absolute path'],
    ['c:A1.pdf', 'is an absolute path'],
    ['A1\u0000.pdf', 'contains a control character'],
  ])('rejects %s', (file, message) => {
    expect(checkRelativeFileName(file)).toContain(message);
  });
});

describe('checkSittingRules', () => {
  test('valid sitting has no problems', () => {
    expect(checkSittingRules(sitting())).toEqual([]);
  });

  test('bad question bounds name the question', () => {
    const document = sitting();
    Object.assign(document.scheme.questions[1] as object, { step: 0.5 });
    Object.assign(document.scheme.questions[0] as object, { maxPoints: 0 });

    expect(checkSittingRules(document)).toEqual([
      {
        where: 'scheme.questions[0]',
        message:
          'maxPoints 0 must be a number above 0 with at most two decimals',
      },
      {
        where: 'scheme.questions[1]',
        message: 'maxPoints 0.75 is not a whole number of steps of 0.5',
      },
    ]);
  });

  test('same file for two copies rejected', () => {
    const document = sitting();
    Object.assign(document.batches[1]?.copies[0] as object, {
      file: './lot 1/A2.pdf',
    });

    expect(checkSittingRules(document)).toEqual([
      {
        where: 'batches[1].copies[0].file',
        message:
          '"./lot 1/A2.pdf" is already the scan of batches[0].copies[1].file: each copy needs its own PDF',
      },
    ]);
  });

  test('duplicate codes across batches rejected', () => {
    const document = sitting();
    Object.assign(document.batches[1]?.copies[0] as object, {
      anonymousCode: 'A2',
    });

    const problems = checkSittingRules(document);

    expect(problems).toHaveLength(1);
    expect(problems[0]?.where).toBe('batches[1].copies[0].anonymousCode');
    expect(problems[0]?.message).toContain(
      'batches[0].copies[1].anonymousCode',
    );
  });

  test('deadline with time zone name rejected', () => {
    const document = sitting();
    Object.assign(document.batches[0] as object, {
      deadline: '2026-07-03T18:00:00Z[Europe/Paris]',
    });

    expect(checkSittingRules(document)).toEqual([
      {
        where: 'batches[0].deadline',
        message: expect.stringContaining('cannot be read as a time'),
      },
    ]);
  });
});

describe('checkHeaderLayout', () => {
  test('absent layout accepted', () => {
    expect(checkSittingRules(sitting())).toEqual([]);
  });

  test('partial layout accepted', () => {
    expect(
      checkHeaderLayout({ band: { left: 0, top: 0, right: 1, bottom: 0.2 } }),
    ).toEqual([]);
  });

  test('problems placed at their fields', () => {
    const problems = checkHeaderLayout({
      band: { left: 0, top: 0.5, right: 1, bottom: 0.2 },
      anonymousCodePattern: 'Code (?<candidat>\\w+)',
      pageCountPattern: '(?<count>\\d+',
      pageNumberPattern: '',
      labels: 'Feuillets',
    });

    expect(problems.map((problem) => problem.where)).toEqual([
      'headerLayout.labels',
      'headerLayout.band',
      'headerLayout.anonymousCodePattern',
      'headerLayout.pageCountPattern',
      'headerLayout.pageNumberPattern',
    ]);
    expect(problems[0]?.message).toMatch(/^is not a layout field: use band/);
    expect(problems[2]?.message).toBe(
      'has no named group "code": write it as (?<code>...)',
    );
    expect(problems[3]?.message).toMatch(
      /^is not a valid regular expression \(/,
    );
    expect(problems[4]?.message).toMatch(/^is missing: give a regular/);
  });

  test('band edge problem placed at edge', () => {
    expect(
      checkHeaderLayout({ band: { left: 0, top: 0, right: 1, bottom: '1/6' } }),
    ).toEqual([
      {
        where: 'headerLayout.band.bottom',
        message:
          'is missing or not a number: give it in page-relative units from 0 to 1',
      },
    ]);
  });

  test.each([null, 'A4', [1, 2]])('layout %j rejected as a whole', (value) => {
    const problems = checkHeaderLayout(value);

    expect(problems).toHaveLength(1);
    expect(problems[0]?.where).toBe('headerLayout');
    expect(problems[0]?.message).toMatch(/must be a JSON object/);
  });

  test('unknown field with odd name quoted', () => {
    expect(checkHeaderLayout({ 'odd name': 1 })[0]?.where).toBe(
      'headerLayout["odd name"]',
    );
  });

  test('layout problems listed with the others', () => {
    const document = sitting();
    document.headerLayout = { labelPattern: '(' };
    Object.assign(document.batches[0] as object, { grader: 'nobody' });

    expect(checkSittingRules(document).map((problem) => problem.where)).toEqual(
      ['batches[0].grader', 'headerLayout.labelPattern'],
    );
  });
});
