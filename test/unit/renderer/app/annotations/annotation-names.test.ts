import type { i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';

import { annotationName } from '../../../../../renderer/app/annotations/annotation-names';
import { createI18n } from '../../../../../renderer/app/i18n/i18n';
import type { DrawableAnnotation } from '../../../../../renderer/core/annotations/annotation-shapes';
import { parseAnnotation } from '../../../../../renderer/core/annotations/parse-annotation';
import type { Annotation } from '../../../../../shared/api/schemas';

let french: i18n;
let english: i18n;

beforeAll(async () => {
  french = await createI18n('fr');
  english = await createI18n('en');
});

function drawable(annotation: Annotation): DrawableAnnotation {
  const parsed = parseAnnotation(annotation);
  if (parsed.status !== 'drawable') {
    throw new Error(`fixture is ${parsed.status}`);
  }
  return parsed.annotation;
}

const TICK = drawable({
  id: 't',
  page: 2,
  kind: 'tick',
  geometry: { x: 0.5, y: 0.5, size: 0.04, rotation: 0 },
});

describe('annotationName', () => {
  it('names a tick and its page', () => {
    expect(annotationName(TICK, french.t)).toBe('Coche, page 2');
    expect(annotationName(TICK, english.t)).toBe('Tick, page 2');
  });

  it('names every kind', () => {
    const kinds: [string, object][] = [
      ['pen', { points: [0.1, 0.1], width: 0.004 }],
      ['highlighter', { points: [0.1, 0.1], width: 0.02 }],
      ['cross', { x: 0.5, y: 0.5, size: 0.04 }],
    ];
    const names = kinds.map(([kind, geometry]) =>
      annotationName(drawable({ id: kind, page: 1, kind, geometry }), french.t),
    );

    expect(names).toEqual([
      'Trait, page 1',
      'Surlignage, page 1',
      'Croix, page 1',
    ]);
  });

  it('quotes a note on one line', () => {
    const note = drawable({
      id: 'n',
      page: 1,
      kind: 'text',
      geometry: { x: 0.1, y: 0.1, size: 0.02 },
      text: 'Bien vu,\n  mais incomplet',
    });

    expect(annotationName(note, french.t)).toBe(
      'Note « Bien vu, mais incomplet », page 1',
    );
  });

  it('shortens a long note', () => {
    const note = drawable({
      id: 'n',
      page: 1,
      kind: 'text',
      geometry: { x: 0.1, y: 0.1, size: 0.02 },
      text: 'a'.repeat(200),
    });

    const name = annotationName(note, english.t);

    expect(name).toBe(`Note “${'a'.repeat(59)}…”, page 1`);
  });
});
