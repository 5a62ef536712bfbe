import { describe, expect, it } from 'vitest';
import {
  formatContentRange,
  ifNoneMatchMatches,
  ifRangeAllowsRange,
  parseEntityTag,
  parseRangeHeader,
} from '../../../../server/http/byte-range';

describe('parseRangeHeader', () => {
  it('returns none without a header', () => {
    expect(parseRangeHeader(undefined, 1000)).toEqual({ kind: 'none' });
  });

  it('parses a closed range', () => {
    expect(parseRangeHeader('bytes=0-99', 1000)).toEqual({
      kind: 'range',
      start: 0,
      end: 99,
    });
  });

  it('parses a one-byte range', () => {
    expect(parseRangeHeader('bytes=5-5', 1000)).toEqual({
      kind: 'range',
      start: 5,
      end: 5,
    });
  });

  it('parses an open-ended range', () => {
    expect(parseRangeHeader('bytes=100-', 1000)).toEqual({
      kind: 'range',
      start: 100,
      end: 999,
    });
  });

  it('parses a suffix range', () => {
    expect(parseRangeHeader('bytes=-500', 1000)).toEqual({
      kind: 'range',
      start: 500,
      end: 999,
    });
  });

  it('serves the whole file for a suffix longer than it', () => {
    expect(parseRangeHeader('bytes=-5000', 1000)).toEqual({
      kind: 'range',
      start: 0,
      end: 999,
    });
  });

  it('clamps the end to the last byte', () => {
    expect(parseRangeHeader('bytes=900-5000', 1000)).toEqual({
      kind: 'range',
      start: 900,
      end: 999,
    });
  });

  it('clamps an end beyond the safe integers', () => {
    expect(parseRangeHeader('bytes=0-99999999999999999999999', 10)).toEqual({
      kind: 'range',
      start: 0,
      end: 9,
    });
  });

  it('accepts the unit in any case', () => {
    expect(parseRangeHeader('Bytes=0-1', 10)).toEqual({
      kind: 'range',
      start: 0,
      end: 1,
    });
  });

  it('treats a trailing empty list element as one range', () => {
    expect(parseRangeHeader('bytes=0-1, ', 10)).toEqual({
      kind: 'range',
      start: 0,
      end: 1,
    });
  });

  it('rejects a start at the size as unsatisfiable', () => {
    expect(parseRangeHeader('bytes=1000-', 1000)).toEqual({
      kind: 'unsatisfiable',
    });
    expect(parseRangeHeader('bytes=1000-1001', 1000)).toEqual({
      kind: 'unsatisfiable',
    });
  });

  it('rejects a start past the size as unsatisfiable', () => {
    expect(parseRangeHeader('bytes=99999999999999999999-', 1000)).toEqual({
      kind: 'unsatisfiable',
    });
  });

  it('rejects a zero suffix as unsatisfiable', () => {
    expect(parseRangeHeader('bytes=-0', 1000)).toEqual({
      kind: 'unsatisfiable',
    });
  });

  it('rejects any range of an empty file as unsatisfiable', () => {
    expect(parseRangeHeader('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRangeHeader('bytes=-10', 0)).toEqual({
      kind: 'unsatisfiable',
    });
  });

  it('ignores several ranges', () => {
    expect(parseRangeHeader('bytes=0-1,5-6', 1000)).toEqual({ kind: 'none' });
    expect(parseRangeHeader('bytes=0-1, -5', 1000)).toEqual({ kind: 'none' });
  });

  it('ignores units other than bytes', () => {
    expect(parseRangeHeader('items=0-5', 1000)).toEqual({ kind: 'none' });
    expect(parseRangeHeader('none', 1000)).toEqual({ kind: 'none' });
  });

  it.each([
    '',
    'bytes',
    'bytes=',
    'bytes=-',
    'bytes=abc',
    'bytes=5',
    'bytes=a-5',
    'bytes=5-b',
    'bytes=5-2',
    'bytes=1-2-3',
    'bytes=-5-',
    'bytes=--5',
    'bytes=+1-2',
    'bytes=1.5-2',
    'bytes=0x10-20',
    'bytes=1e3-',
    'bytes=-1e3',
    'bytes= - ',
    'bytes=,',
    '=0-5',
    'bytes=\u0661-\u0662',
  ])('ignores the invalid header %j', (header) => {
    expect(parseRangeHeader(header, 1000)).toEqual({ kind: 'none' });
  });

  it('throws on an invalid size', () => {
    expect(() => parseRangeHeader('bytes=0-1', -1)).toThrow(RangeError);
    expect(() => parseRangeHeader('bytes=0-1', 1.5)).toThrow(/1\.5/);
    expect(() => parseRangeHeader('bytes=0-1', NaN)).toThrow(RangeError);
  });
});

describe('formatContentRange', () => {
  it('formats a satisfied range', () => {
    expect(formatContentRange(1000, { start: 0, end: 99 })).toBe(
      'bytes 0-99/1000',
    );
  });

  it('formats an unsatisfied range', () => {
    expect(formatContentRange(1000)).toBe('bytes */1000');
  });
});

describe('parseEntityTag', () => {
  it('parses strong and weak tags', () => {
    expect(parseEntityTag('"abc"')).toEqual({ weak: false, opaqueTag: 'abc' });
    expect(parseEntityTag('W/"abc"')).toEqual({ weak: true, opaqueTag: 'abc' });
    expect(parseEntityTag('""')).toEqual({ weak: false, opaqueTag: '' });
  });

  it.each(['abc', '"abc', 'w/"abc"', 'W/abc', '"a""b"', '"a", "b"', ''])(
    'rejects %j',
    (text) => {
      expect(parseEntityTag(text)).toBeNull();
    },
  );
});

describe('ifNoneMatchMatches', () => {
  const etag = '"5f2b"';

  it('does not match without a header', () => {
    expect(ifNoneMatchMatches(undefined, etag)).toBe(false);
  });

  it('matches the same tag', () => {
    expect(ifNoneMatchMatches('"5f2b"', etag)).toBe(true);
  });

  it('does not match another tag', () => {
    expect(ifNoneMatchMatches('"5f2c"', etag)).toBe(false);
    expect(ifNoneMatchMatches('"5f2"', etag)).toBe(false);
  });

  it('matches a star', () => {
    expect(ifNoneMatchMatches('*', etag)).toBe(true);
    expect(ifNoneMatchMatches(' * ', etag)).toBe(true);
  });

  it('matches a tag anywhere in a list', () => {
    expect(ifNoneMatchMatches('"a", "5f2b", "c"', etag)).toBe(true);
    expect(ifNoneMatchMatches('"a","5f2b"', etag)).toBe(true);
    expect(ifNoneMatchMatches('"a", "b"', etag)).toBe(false);
  });

  it('compares weak tags weakly', () => {
    expect(ifNoneMatchMatches('W/"5f2b"', etag)).toBe(true);
    expect(ifNoneMatchMatches('"5f2b"', 'W/"5f2b"')).toBe(true);
    expect(ifNoneMatchMatches('"x", W/"5f2b"', etag)).toBe(true);
  });

  it('keeps commas inside a tag', () => {
    expect(ifNoneMatchMatches('"a,b"', '"a,b"')).toBe(true);
    expect(ifNoneMatchMatches('"a,b"', '"a"')).toBe(false);
    expect(ifNoneMatchMatches('"a,b"', '"b"')).toBe(false);
  });

  it.each(['5f2b', '"5f2b', 'W/5f2b', '"5f2b"x', '**', '*, "5f2b"x'])(
    'never matches the invalid header %j',
    (header) => {
      expect(ifNoneMatchMatches(header, etag)).toBe(false);
    },
  );

  it('throws on an unquoted current ETag', () => {
    expect(() => ifNoneMatchMatches('"5f2b"', '5f2b')).toThrow(/5f2b/);
  });
});

describe('ifRangeAllowsRange', () => {
  const etag = '"5f2b"';

  it('allows the range without a header', () => {
    expect(ifRangeAllowsRange(undefined, etag)).toBe(true);
  });

  it('allows the range for the same strong tag', () => {
    expect(ifRangeAllowsRange('"5f2b"', etag)).toBe(true);
  });

  it('rejects the range for another tag', () => {
    expect(ifRangeAllowsRange('"0000"', etag)).toBe(false);
  });

  it('rejects the range for a weak tag', () => {
    expect(ifRangeAllowsRange('W/"5f2b"', etag)).toBe(false);
    expect(ifRangeAllowsRange('"5f2b"', 'W/"5f2b"')).toBe(false);
  });

  it('rejects the range for a date', () => {
    expect(ifRangeAllowsRange('Wed, 21 Oct 2015 07:28:00 GMT', etag)).toBe(
      false,
    );
  });

  it('rejects the range for a list of tags', () => {
    expect(ifRangeAllowsRange('"5f2b", "5f2b"', etag)).toBe(false);
  });
});
