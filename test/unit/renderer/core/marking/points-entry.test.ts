import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  formatPoints,
  readPointsInput,
  readTypedHundredths,
  stepPoints,
} from '../../../../../renderer/core/marking/points-entry';

const question = { maxPoints: 4, step: 0.5 };

describe('readPointsInput', () => {
  it('reads a point or a comma', () => {
    expect(readPointsInput('2.5', question)).toEqual({
      kind: 'mark',
      hundredths: 250,
    });
    expect(readPointsInput(' 2,5 ', question)).toEqual({
      kind: 'mark',
      hundredths: 250,
    });
    expect(readPointsInput('4', question)).toEqual({
      kind: 'mark',
      hundredths: 400,
    });
    expect(readPointsInput(',5', question)).toEqual({
      kind: 'mark',
      hundredths: 50,
    });
  });

  it('reads an empty field as unmarked', () => {
    expect(readPointsInput('', question)).toEqual({ kind: 'empty' });
    expect(readPointsInput('   ', question)).toEqual({ kind: 'empty' });
  });

  it('rejects text that is not a number', () => {
    for (const text of ['abc', '1.2.3', '-1', '1e1', '2,5,', '+2', '½']) {
      expect(readPointsInput(text, question)).toEqual({
        kind: 'invalid',
        problem: 'not-a-number',
      });
    }
  });

  it('rejects marks above the maximum', () => {
    expect(readPointsInput('4.5', question)).toEqual({
      kind: 'invalid',
      problem: 'out-of-range',
    });
  });

  it('rejects marks between steps', () => {
    expect(readPointsInput('2.25', question)).toEqual({
      kind: 'invalid',
      problem: 'not-a-step',
    });
    expect(readPointsInput('0.001', question)).toEqual({
      kind: 'invalid',
      problem: 'not-a-step',
    });
  });

  it('accepts exactly the multiples of the step', () => {
    const steps = fc.constantFrom(0.01, 0.1, 0.25, 0.5, 1, 2);
    fc.assert(
      fc.property(
        steps,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 10_000 }),
        (step, stepCount, hundredths) => {
          const bounds = {
            step,
            maxPoints: Number(((stepCount * step * 100) / 100).toFixed(2)),
          };
          const stepHundredths = Math.round(step * 100);
          const maxHundredths = stepCount * stepHundredths;
          const text = (hundredths / 100).toFixed(2).replace('.', ',');

          const result = readPointsInput(text, bounds);

          if (hundredths > maxHundredths) {
            expect(result).toEqual({
              kind: 'invalid',
              problem: 'out-of-range',
            });
          } else if (hundredths % stepHundredths !== 0) {
            expect(result).toEqual({ kind: 'invalid', problem: 'not-a-step' });
          } else {
            expect(result).toEqual({ kind: 'mark', hundredths });
          }
        },
      ),
    );
  });
});

describe('stepPoints', () => {
  it('starts an unmarked question at zero', () => {
    expect(stepPoints(null, 1, question)).toBe(0);
    expect(stepPoints(null, -1, question)).toBe(0);
  });

  it('moves by one step within the bounds', () => {
    expect(stepPoints(0, 1, question)).toBe(50);
    expect(stepPoints(250, -1, question)).toBe(200);
    expect(stepPoints(400, 1, question)).toBe(400);
    expect(stepPoints(0, -1, question)).toBe(0);
  });

  it('comes back to the maximum from above it', () => {
    expect(stepPoints(9900, 1, question)).toBe(400);
    expect(stepPoints(9900, -1, question)).toBe(400);
  });

  it('moves a value off the grid onto it', () => {
    expect(stepPoints(130, 1, question)).toBe(150);
    expect(stepPoints(130, -1, question)).toBe(100);
  });

  it('always lands on the grid within bounds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0.01, 0.1, 0.25, 0.5, 1),
        fc.integer({ min: 1, max: 40 }),
        fc.option(fc.integer({ min: 0, max: 4_000 }), { nil: null }),
        fc.constantFrom(1 as const, -1 as const),
        (step, stepCount, current, direction) => {
          const stepHundredths = Math.round(step * 100);
          const max = stepCount * stepHundredths;
          const bounds = { step, maxPoints: max / 100 };
          const start = current === null ? null : Math.min(current, max);

          const next = stepPoints(start, direction, bounds);

          expect(next).toBeGreaterThanOrEqual(0);
          expect(next).toBeLessThanOrEqual(max);
          expect(next % stepHundredths).toBe(0);
          if (start !== null && direction === 1) {
            expect(next).toBeGreaterThanOrEqual(start);
          }
          if (start !== null && direction === -1) {
            expect(next).toBeLessThanOrEqual(start);
          }
        },
      ),
    );
  });
});

describe('readTypedHundredths', () => {
  it('reads any number shown, valid mark or not', () => {
    expect(readTypedHundredths('4,9')).toBe(490);
    expect(readTypedHundredths(' 99 ')).toBe(9900);
    expect(readTypedHundredths('0,29')).toBe(29);
    expect(readTypedHundredths('4,555')).toBe(455);
  });

  it('returns null for empty or non-numeric text', () => {
    expect(readTypedHundredths('')).toBeNull();
    expect(readTypedHundredths('abc')).toBeNull();
    expect(readTypedHundredths('1e3')).toBeNull();
  });
});

describe('formatPoints', () => {
  it('writes a comma in French and a point in English', () => {
    expect(formatPoints(1250, 'fr')).toBe('12,5');
    expect(formatPoints(1250, 'en')).toBe('12.5');
    expect(formatPoints(7, 'fr')).toBe('0,07');
    expect(formatPoints(400, 'fr')).toBe('4');
  });
});
