import { describe, expect, it } from 'vitest';

import type {
  Annotation,
  MarkingScheme,
} from '../../../../../shared/api/schemas';
import {
  buildChosenGrade,
  checkChosenGrade,
  chooseAll,
  compareGrades,
  hasDifferences,
  NO_CHOICES,
  pendingChoices,
  type ConflictChoices,
} from '../../../../../renderer/core/sync/conflict-choice';
import type { GradeContent } from '../../../../../renderer/core/store/rows';

const scheme: MarkingScheme = {
  id: 's1',
  version: 1,
  title: 'Dissertation',
  totalPoints: 20,
  questions: [
    { id: 'q1', label: 'Introduction', maxPoints: 4, step: 0.5 },
    { id: 'q2', label: 'Développement', maxPoints: 12, step: 0.25 },
    { id: 'q3', label: 'Conclusion', maxPoints: 4, step: 0.5 },
  ],
};

const tick: Annotation = {
  id: 'a1',
  page: 1,
  kind: 'tick',
  geometry: { x: 0.5, y: 0.5 },
};

function grade(overrides: Partial<GradeContent> = {}): GradeContent {
  return {
    status: 'draft',
    marks: {},
    comment: '',
    flags: [],
    annotations: [],
    ...overrides,
  };
}

const local = grade({
  marks: { q1: 3.5, q2: 9, q3: 2 },
  comment: 'Bonne copie',
  flags: ['illegible'],
  annotations: [tick],
});
const server = grade({
  marks: { q1: 2, q2: 10, q3: 2 },
  comment: 'Vu par le chef de jury',
  flags: ['illegible'],
  annotations: [],
});

describe('compareGrades', () => {
  it('lists every question in scheme order with both points', () => {
    const comparison = compareGrades(scheme, local, server);

    expect(comparison.questions.map((q) => q.label)).toEqual([
      'Introduction',
      'Développement',
      'Conclusion',
    ]);
    expect(comparison.questions[0]).toMatchObject({
      server: 2,
      local: 3.5,
      difference: 150,
      differs: true,
    });
    expect(comparison.questions[1]?.difference).toBe(-100);
    expect(comparison.questions[2]).toMatchObject({
      difference: 0,
      differs: false,
    });
  });

  it('marks which other fields differ', () => {
    const { fields } = compareGrades(scheme, local, server);

    expect(fields).toEqual({
      comment: true,
      flags: false,
      status: false,
      annotations: true,
    });
  });

  it('has no difference in points when a side lacks a mark', () => {
    const comparison = compareGrades(
      scheme,
      grade({ marks: { q1: 1 } }),
      grade({ marks: {} }),
    );

    expect(comparison.questions[0]).toMatchObject({
      local: 1,
      server: undefined,
      difference: null,
      differs: true,
    });
  });

  it('keeps marks of questions the scheme lacks, after its own', () => {
    const comparison = compareGrades(
      scheme,
      grade({ marks: { q1: 1, old: 2 } }),
      grade({ marks: { q1: 1 } }),
    );

    expect(comparison.questions.map((q) => q.questionId)).toEqual([
      'q1',
      'q2',
      'q3',
      'old',
    ]);
    expect(comparison.questions[3]).toMatchObject({
      label: 'old',
      differs: true,
    });
  });

  it('ignores the order of flags and of annotation keys', () => {
    const comparison = compareGrades(
      scheme,
      grade({ flags: ['illegible', 'blank-page'], annotations: [tick] }),
      grade({
        flags: ['blank-page', 'illegible'],
        annotations: [
          { geometry: { y: 0.5, x: 0.5 }, kind: 'tick', page: 1, id: 'a1' },
        ],
      }),
    );

    expect(hasDifferences(comparison)).toBe(false);
  });
});

describe('choices', () => {
  const comparison = compareGrades(scheme, local, server);

  it('start with every difference pending', () => {
    expect(pendingChoices(comparison, NO_CHOICES)).toEqual({
      questionIds: ['q1', 'q2'],
      fields: ['comment', 'annotations'],
    });
  });

  it('take all from one side leaves nothing pending', () => {
    const choices = chooseAll(comparison, 'server');

    expect(pendingChoices(comparison, choices)).toEqual({
      questionIds: [],
      fields: [],
    });
    expect(choices.questions).toEqual({ q1: 'server', q2: 'server' });
  });

  it('build all from the server gives the server grade', () => {
    const chosen = buildChosenGrade(
      local,
      server,
      chooseAll(comparison, 'server'),
    );

    expect(chosen).toEqual(server);
  });

  it('build all local gives the local grade', () => {
    const chosen = buildChosenGrade(
      local,
      server,
      chooseAll(comparison, 'local'),
    );

    expect(chosen).toEqual(local);
  });

  it('build mixes questions and fields as chosen', () => {
    const mine = chooseAll(comparison, 'local');
    const choices: ConflictChoices = {
      questions: { ...mine.questions, q2: 'server' },
      fields: { ...mine.fields, comment: 'server' },
    };

    const chosen = buildChosenGrade(local, server, choices);

    expect(chosen.marks).toEqual({ q1: 3.5, q2: 10, q3: 2 });
    expect(chosen.comment).toBe('Vu par le chef de jury');
    expect(chosen.annotations).toEqual([tick]);
    expect(chosen.flags).toEqual(['illegible']);
    expect(chosen.status).toBe('draft');
  });

  it('build leaves a question unmarked from a side without it', () => {
    const chosen = buildChosenGrade(
      grade({ marks: { q1: 1, q3: 2 } }),
      grade({ marks: { q1: 1 } }),
      { questions: { q3: 'server' }, fields: {} },
    );

    expect(chosen.marks).toEqual({ q1: 1 });
  });

  it('build raises while a difference has no choice', () => {
    const choices: ConflictChoices = {
      questions: { q1: 'local' },
      fields: { comment: 'local', annotations: 'local' },
    };

    expect(() => buildChosenGrade(local, server, choices)).toThrow(
      /question q2/,
    );
  });

  it('build raises for a field without a choice', () => {
    const choices: ConflictChoices = {
      questions: { q1: 'local', q2: 'local' },
      fields: { comment: 'local' },
    };

    expect(() => buildChosenGrade(local, server, choices)).toThrow(
      /annotations/,
    );
  });
});

describe('checkChosenGrade', () => {
  it('finds unmarked questions of a final mix', () => {
    const problems = checkChosenGrade(
      scheme,
      grade({ status: 'final', marks: { q1: 2, q2: 8 } }),
    );

    expect(problems.unmarked).toEqual(['q3']);
    expect(problems.invalid).toEqual([]);
  });

  it('lets a draft leave questions unmarked', () => {
    const problems = checkChosenGrade(scheme, grade({ marks: { q1: 2 } }));

    expect(problems.unmarked).toEqual([]);
  });

  it('finds marks the scheme rejects', () => {
    const problems = checkChosenGrade(
      scheme,
      grade({ marks: { q1: 4.5, q2: 0.1 } }),
    );

    expect(problems.invalid.map((mark) => mark.questionId)).toEqual([
      'q1',
      'q2',
    ]);
  });
});
