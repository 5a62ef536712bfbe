import { describe, expect, it } from 'vitest';

import {
  computePace,
  median,
  type PaceInput,
} from '../../../../../renderer/core/marking/pace';
import type { GradeSummary } from '../../../../../renderer/core/store/rows';

const NOW = new Date('2026-06-20T12:00:00.000Z');
const MINUTE = 60_000;

function summary(status: 'draft' | 'final'): GradeSummary {
  return {
    status,
    flags: [],
    markedCount: 3,
    annotationCount: 0,
    hasComment: false,
  };
}

/**
 * Builds the input for copies c1 to c`total`. `final` and `drafts` list the
 * copies with a final or draft grade, `minutes` the active minutes per copy
 * and `withdrawn` the withdrawn copies, all by number.
 */
function batch(options: {
  total: number;
  final?: number[];
  drafts?: number[];
  minutes?: Record<number, number>;
  withdrawn?: number[];
  deadline?: string;
}): PaceInput {
  const numbers = Array.from({ length: options.total }, (_, i) => i + 1);
  const final = new Set(options.final ?? []);
  const drafts = new Set(options.drafts ?? []);
  const withdrawn = new Set(options.withdrawn ?? []);

  return {
    copies: numbers.map((n) => ({
      id: `c${n}`,
      withdrawnAt: withdrawn.has(n) ? '2026-06-19T08:00:00Z' : null,
    })),
    grades: numbers
      .filter((n) => final.has(n) || drafts.has(n))
      .map((n) => ({
        copyId: `c${n}`,
        summary: summary(final.has(n) ? 'final' : 'draft'),
      })),
    markingTimes: Object.entries(options.minutes ?? {}).map(([n, value]) => ({
      copyId: `c${n}`,
      activeMs: value * MINUTE,
    })),
    deadline: options.deadline ?? '2026-06-24T12:00:00.000Z',
    now: NOW,
  };
}

describe('computePace', () => {
  it.each([
    {
      name: 'nothing marked yet',
      input: batch({ total: 8 }),
      expected: {
        copiesTotal: 8,
        copiesFinal: 0,
        copiesLeft: 8,
        medianActiveMs: null,
        daysLeft: 4,
        copiesPerDayNeeded: 2,
        activeMsPerDayNeeded: null,
      },
    },
    {
      name: 'odd count of final copies',
      input: batch({
        total: 7,
        final: [1, 2, 3],
        minutes: { 1: 12, 2: 30, 3: 18 },
      }),
      expected: {
        copiesTotal: 7,
        copiesFinal: 3,
        copiesLeft: 4,
        medianActiveMs: 18 * MINUTE,
        daysLeft: 4,
        copiesPerDayNeeded: 1,
        activeMsPerDayNeeded: 18 * MINUTE,
      },
    },
    {
      name: 'even count of final copies',
      input: batch({
        total: 12,
        final: [1, 2, 3, 4],
        minutes: { 1: 40, 2: 10, 3: 20, 4: 16 },
      }),
      expected: {
        copiesTotal: 12,
        copiesFinal: 4,
        copiesLeft: 8,
        medianActiveMs: 18 * MINUTE,
        daysLeft: 4,
        copiesPerDayNeeded: 2,
        activeMsPerDayNeeded: 36 * MINUTE,
      },
    },
    {
      name: 'all final',
      input: batch({
        total: 2,
        final: [1, 2],
        minutes: { 1: 10, 2: 20 },
      }),
      expected: {
        copiesTotal: 2,
        copiesFinal: 2,
        copiesLeft: 0,
        medianActiveMs: 15 * MINUTE,
        daysLeft: 4,
        copiesPerDayNeeded: 0,
        activeMsPerDayNeeded: 0,
      },
    },
    {
      name: 'deadline passed with copies left',
      input: batch({
        total: 3,
        final: [1],
        minutes: { 1: 25 },
        deadline: '2026-06-19T12:00:00.000Z',
      }),
      expected: {
        copiesTotal: 3,
        copiesFinal: 1,
        copiesLeft: 2,
        medianActiveMs: 25 * MINUTE,
        daysLeft: -1,
        copiesPerDayNeeded: null,
        activeMsPerDayNeeded: null,
      },
    },
    {
      name: 'deadline passed with all final',
      input: batch({
        total: 1,
        final: [1],
        minutes: { 1: 25 },
        deadline: '2026-06-19T12:00:00.000Z',
      }),
      expected: {
        copiesTotal: 1,
        copiesFinal: 1,
        copiesLeft: 0,
        medianActiveMs: 25 * MINUTE,
        daysLeft: -1,
        copiesPerDayNeeded: 0,
        activeMsPerDayNeeded: 0,
      },
    },
    {
      name: 'deadline now',
      input: batch({ total: 2, deadline: NOW.toISOString() }),
      expected: {
        copiesTotal: 2,
        copiesFinal: 0,
        copiesLeft: 2,
        medianActiveMs: null,
        daysLeft: 0,
        copiesPerDayNeeded: null,
        activeMsPerDayNeeded: null,
      },
    },
    {
      name: 'withdrawn copies left out',
      input: batch({
        total: 6,
        final: [1, 2, 5],
        minutes: { 1: 10, 2: 20, 5: 90 },
        withdrawn: [5, 6],
      }),
      expected: {
        copiesTotal: 4,
        copiesFinal: 2,
        copiesLeft: 2,
        medianActiveMs: 15 * MINUTE,
        daysLeft: 4,
        copiesPerDayNeeded: 0.5,
        activeMsPerDayNeeded: 7.5 * MINUTE,
      },
    },
    {
      name: 'drafts and untimed final copies',
      input: batch({
        total: 5,
        final: [1, 2, 3],
        drafts: [4],
        minutes: { 1: 10, 3: 0, 4: 50 },
      }),
      expected: {
        copiesTotal: 5,
        copiesFinal: 3,
        copiesLeft: 2,
        medianActiveMs: 10 * MINUTE,
        daysLeft: 4,
        copiesPerDayNeeded: 0.5,
        activeMsPerDayNeeded: 5 * MINUTE,
      },
    },
    {
      name: 'fractional days left',
      input: batch({
        total: 3,
        deadline: '2026-06-20T18:00:00.000Z',
      }),
      expected: {
        copiesTotal: 3,
        copiesFinal: 0,
        copiesLeft: 3,
        medianActiveMs: null,
        daysLeft: 0.25,
        copiesPerDayNeeded: 12,
        activeMsPerDayNeeded: null,
      },
    },
  ])('$name', ({ input, expected }) => {
    expect(computePace(input)).toEqual(expected);
  });

  it('counts a grade without a summary as not final', () => {
    const input = batch({ total: 2 });
    input.grades = [{ copyId: 'c1', summary: undefined }];

    const pace = computePace(input);

    expect(pace.copiesFinal).toBe(0);
    expect(pace.copiesLeft).toBe(2);
  });

  it('ignores grades of copies outside the batch', () => {
    const input = batch({ total: 2, final: [1] });
    input.grades = [
      ...input.grades,
      { copyId: 'x9', summary: summary('final') },
    ];

    expect(computePace(input).copiesFinal).toBe(1);
  });

  it('rejects a deadline that is not a time', () => {
    const input = batch({ total: 1, deadline: 'next Friday' });

    expect(() => computePace(input)).toThrow(RangeError);
    expect(() => computePace(input)).toThrow('"next Friday"');
  });
});

describe('median', () => {
  it.each([
    { values: [], expected: null },
    { values: [7], expected: 7 },
    { values: [9, 1, 5], expected: 5 },
    { values: [4, 1, 3, 2], expected: 2.5 },
    { values: [5, 5, 1, 9, 9], expected: 5 },
  ])('of $values is $expected', ({ values, expected }) => {
    expect(median(values)).toBe(expected);
  });

  it('leaves its input unsorted', () => {
    const values = [3, 1, 2];

    median(values);

    expect(values).toEqual([3, 1, 2]);
  });
});
