import { describe, expect, it } from 'vitest';

import {
  DEFAULT_HEADER_LAYOUT,
  HeaderLayoutError,
  parseHeaderLayout,
} from '../../../../shared/ocr/header-layout';

function problemsOf(value: unknown): string[] {
  try {
    parseHeaderLayout(value);
  } catch (error) {
    if (error instanceof HeaderLayoutError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error('parseHeaderLayout accepted the layout');
}

describe('parseHeaderLayout', () => {
  it('fills an empty object with the defaults', () => {
    expect(parseHeaderLayout({})).toEqual(DEFAULT_HEADER_LAYOUT);
  });

  it('keeps the fields given', () => {
    const band = { left: 0, top: 0, right: 1, bottom: 0.2 };
    const layout = parseHeaderLayout({ band });

    expect(layout.band).toEqual(band);
    expect(layout.anonymousCodePattern).toBe(
      DEFAULT_HEADER_LAYOUT.anonymousCodePattern,
    );
  });

  it.each([[null], [[]], ['band'], [3]])('rejects %j', (value) => {
    expect(problemsOf(value)).toEqual([
      expect.stringMatching(/must be a JSON object/),
    ]);
  });

  it('names an unknown field', () => {
    expect(problemsOf({ colour: 'red' })).toEqual([
      expect.stringMatching(/^colour is not a layout field/),
    ]);
  });

  it.each([
    [{ band: 'top' }, /^band is missing/],
    [{ band: { left: 0, top: 0, right: 1 } }, /^band\.bottom is missing/],
    [
      { band: { left: 0, top: 0, right: 1.2, bottom: 0.2 } },
      /^band is invalid: every edge must be from 0 to 1/,
    ],
    [
      { band: { left: 0, top: 0.3, right: 1, bottom: 0.2 } },
      /^band is invalid: left must be less/,
    ],
  ])('rejects band %j', (value, message) => {
    expect(problemsOf(value)).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    [{ anonymousCodePattern: '' }, /^anonymousCodePattern is missing/],
    [{ anonymousCodePattern: 3 }, /^anonymousCodePattern is missing/],
    [{ anonymousCodePattern: 'N° (\\w+)' }, /no named group "code"/],
    [{ pageCountPattern: '(?<count>\\d+' }, /not a valid regular expression/],
    [{ pageNumberPattern: 'Page (?<number>\\d+)' }, /no named group "count"/],
    [{ labelPattern: '[' }, /^labelPattern is not a valid regular expression/],
  ])('rejects pattern %j', (value, message) => {
    expect(problemsOf(value)).toEqual([expect.stringMatching(message)]);
  });

  it('lists every invalid field at once', () => {
    const problems = problemsOf({
      band: { left: 0, top: 0, right: 2, bottom: 1 },
      pageNumberPattern: 'x',
      extra: true,
    });

    expect(problems).toHaveLength(3);
  });

  it('names the fields in the error message', () => {
    expect(() => parseHeaderLayout({ labelPattern: '(' })).toThrow(
      /^Invalid header layout: labelPattern is not a valid regular expression/,
    );
  });
});
