/**
 * Accessible names of annotations, such as "Coche, page 2", so a screen
 * reader user knows what the focus is on.
 */
import type { TFunction } from 'i18next';

import type { DrawableAnnotation } from '../../core/annotations/annotation-shapes';

/** Maximum length of the part of a note's text repeated in its name. */
const NOTE_EXCERPT_LENGTH = 60;

/** Returns the accessible name of a drawable annotation. */
export function annotationName(
  annotation: DrawableAnnotation,
  t: TFunction,
): string {
  const { shape } = annotation;
  const kind =
    shape.kind === 'text'
      ? t('annotations.kind.text', { text: excerpt(shape.text) })
      : t(`annotations.kind.${shape.kind}`);
  return t('annotations.name', { kind, page: annotation.source.page });
}

function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > NOTE_EXCERPT_LENGTH
    ? `${oneLine.slice(0, NOTE_EXCERPT_LENGTH - 1)}…`
    : oneLine;
}
