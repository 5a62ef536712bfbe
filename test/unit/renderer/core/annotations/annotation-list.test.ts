import { describe, expect, it } from 'vitest';

import {
  nextColor,
  normalizeColor,
} from '../../../../../renderer/core/annotations/annotation-colors';
import {
  addAnnotation,
  removeAnnotations,
  replaceAnnotation,
  sameAnnotationList,
  sameJson,
} from '../../../../../renderer/core/annotations/annotation-list';
import { stamp } from './annotation-fixtures';

const A = stamp('a', 0.1, 0.1);
const B = stamp('b', 0.2, 0.2);

describe('annotation list edits', () => {
  it('adds on top without touching the input', () => {
    const list = [A];

    expect(addAnnotation(list, B)).toEqual([A, B]);
    expect(list).toEqual([A]);
  });

  it('replaces in place', () => {
    const moved = stamp('a', 0.5, 0.5);

    expect(replaceAnnotation([A, B], moved)).toEqual([moved, B]);
  });

  it('removes by id', () => {
    expect(removeAnnotations([A, B], ['a', 'unknown'])).toEqual([B]);
  });
});

describe('sameAnnotationList', () => {
  it('equal content in new objects', () => {
    expect(sameAnnotationList([A, B], structuredClone([A, B]))).toBe(true);
  });

  it('order matters', () => {
    expect(sameAnnotationList([A, B], [B, A])).toBe(false);
  });

  it('a moved point differs', () => {
    expect(sameAnnotationList([A], [stamp('a', 0.1, 0.1001)])).toBe(false);
  });

  it('missing and undefined fields match', () => {
    expect(sameJson({ x: 1, text: undefined }, { x: 1 })).toBe(true);
    expect(sameJson({ x: [1, 2] }, { x: { 0: 1, 1: 2 } })).toBe(false);
  });
});

describe('annotation colours', () => {
  it('cycles through the palette', () => {
    const seen = new Set<string>();
    let color = normalizeColor(undefined);
    for (let step = 0; step < 5; step++) {
      seen.add(color);
      color = nextColor(color);
    }

    expect(seen.size).toBe(5);
    expect(color).toBe(normalizeColor(undefined));
  });
});
