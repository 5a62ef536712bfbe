import { describe, expect, it } from 'vitest';

import type { Annotation } from '../../../../../shared/api/schemas';
import { DEFAULT_COLOR } from '../../../../../renderer/core/annotations/annotation-colors';
import {
  drawableAnnotations,
  parseAnnotation,
} from '../../../../../renderer/core/annotations/parse-annotation';

function annotation(fields: Partial<Annotation>): Annotation {
  return { id: 'a1', page: 1, kind: 'tick', geometry: null, ...fields };
}

const TICK = annotation({
  kind: 'tick',
  geometry: { x: 0.5, y: 0.25, size: 0.04, rotation: 90 },
  color: '#2E7D32',
});

describe('parseAnnotation', () => {
  it('reads a tick with its colour', () => {
    const parsed = parseAnnotation(TICK);

    expect(parsed.status).toBe('drawable');
    if (parsed.status !== 'drawable') return;
    expect(parsed.annotation.shape).toEqual({
      kind: 'tick',
      geometry: { x: 0.5, y: 0.25, size: 0.04, rotation: 90 },
    });
    expect(parsed.annotation.color).toBe('#2e7d32');
    expect(parsed.annotation.source).toBe(TICK);
  });

  it('reads a pen stroke with pressures', () => {
    const parsed = parseAnnotation(
      annotation({
        kind: 'pen',
        geometry: {
          points: [0.1, 0.2, 0.3, 0.4],
          pressures: [0.2, 1],
          width: 0.003,
        },
      }),
    );

    expect(parsed.status).toBe('drawable');
  });

  it('reads a text note', () => {
    const parsed = parseAnnotation(
      annotation({
        kind: 'text',
        geometry: { x: 0.1, y: 0.1, size: 0.02, rotation: 0 },
        text: 'Bien vu',
      }),
    );

    expect(parsed.status).toBe('drawable');
    if (parsed.status !== 'drawable') return;
    expect(parsed.annotation.shape).toMatchObject({ text: 'Bien vu' });
  });

  it('keeps an unknown kind undrawn', () => {
    const future = annotation({ kind: 'arrow', geometry: { from: [0, 0] } });

    const parsed = parseAnnotation(future);

    expect(parsed).toEqual({
      status: 'unknown-kind',
      source: future,
      reason: 'unknown kind "arrow"',
    });
  });

  const MALFORMED: [string, Partial<Annotation>, RegExp][] = [
    ['null geometry', { kind: 'tick', geometry: null }, /object/],
    ['array geometry', { kind: 'tick', geometry: [0.5, 0.5] }, /object/],
    [
      'string x',
      { kind: 'cross', geometry: { x: '0.5', y: 0.5, size: 0.04 } },
      /^x/,
    ],
    [
      'x above 1',
      { kind: 'cross', geometry: { x: 1.2, y: 0.5, size: 0.04 } },
      /^x/,
    ],
    [
      'NaN y',
      { kind: 'cross', geometry: { x: 0.5, y: Number.NaN, size: 0.04 } },
      /^y/,
    ],
    [
      'zero size',
      { kind: 'tick', geometry: { x: 0.5, y: 0.5, size: 0 } },
      /^size/,
    ],
    [
      'odd rotation',
      { kind: 'tick', geometry: { x: 0.5, y: 0.5, size: 0.04, rotation: 45 } },
      /rotation/,
    ],
    [
      'odd point list',
      { kind: 'pen', geometry: { points: [0.1, 0.2, 0.3], width: 0.003 } },
      /pairs/,
    ],
    [
      'empty points',
      { kind: 'pen', geometry: { points: [], width: 0.003 } },
      /pairs/,
    ],
    [
      'point out of page',
      { kind: 'highlighter', geometry: { points: [0.1, -0.2], width: 0.02 } },
      /points\[1\]/,
    ],
    [
      'missing width',
      { kind: 'pen', geometry: { points: [0.1, 0.2] } },
      /^width/,
    ],
    [
      'huge width',
      { kind: 'pen', geometry: { points: [0.1, 0.2], width: 3 } },
      /^width/,
    ],
    [
      'pressure count',
      {
        kind: 'pen',
        geometry: {
          points: [0.1, 0.2, 0.3, 0.4],
          pressures: [0.5],
          width: 0.003,
        },
      },
      /pressures/,
    ],
    [
      'pressure above 1',
      {
        kind: 'pen',
        geometry: { points: [0.1, 0.2], pressures: [2], width: 0.003 },
      },
      /pressures\[0\]/,
    ],
    [
      'text without text',
      { kind: 'text', geometry: { x: 0.1, y: 0.1, size: 0.02 } },
      /text/,
    ],
    [
      'blank text',
      { kind: 'text', geometry: { x: 0.1, y: 0.1, size: 0.02 }, text: '  ' },
      /text/,
    ],
    [
      'page zero',
      { page: 0, geometry: { x: 0.5, y: 0.5, size: 0.04 } },
      /page/,
    ],
  ];

  for (const [name, fields, reason] of MALFORMED) {
    it(`keeps malformed undrawn: ${name}`, () => {
      const source = annotation(fields);

      const parsed = parseAnnotation(source);

      expect(parsed.status).toBe('malformed');
      if (parsed.status !== 'malformed') return;
      expect(parsed.source).toBe(source);
      expect(parsed.reason).toMatch(reason);
    });
  }

  it('survives a row that is not an object', () => {
    const parsed = parseAnnotation(null as unknown as Annotation);

    expect(parsed.status).toBe('malformed');
  });

  it('draws an invalid colour in the default', () => {
    for (const color of ['red', 'url(#x)', '#12345', undefined]) {
      const parsed = parseAnnotation({ ...TICK, color });
      expect(parsed.status).toBe('drawable');
      if (parsed.status !== 'drawable') continue;
      expect(parsed.annotation.color).toBe(DEFAULT_COLOR);
    }
  });

  it('rotation defaults to upright', () => {
    const parsed = parseAnnotation(
      annotation({ geometry: { x: 0.5, y: 0.5, size: 0.04 } }),
    );

    expect(parsed.status).toBe('drawable');
    if (parsed.status !== 'drawable') return;
    expect(parsed.annotation.shape.geometry).toMatchObject({ rotation: 0 });
  });
});

describe('drawableAnnotations', () => {
  it('skips unknown and malformed in order', () => {
    const list = [
      annotation({ id: 'bad', geometry: 'oops' }),
      { ...TICK, id: 'first' },
      annotation({ id: 'unknown', kind: 'sticker' }),
      { ...TICK, id: 'second' },
    ];

    const ids = drawableAnnotations(list).map((entry) => entry.source.id);

    expect(ids).toEqual(['first', 'second']);
  });
});
