/** Annotations for the tests of the annotation model. */
import type { Annotation } from '../../../../../shared/api/schemas';
import type { DrawableAnnotation } from '../../../../../renderer/core/annotations/annotation-shapes';
import { parseAnnotation } from '../../../../../renderer/core/annotations/parse-annotation';

export function stamp(
  id: string,
  x: number,
  y: number,
  fields: Partial<Annotation> = {},
): Annotation {
  return {
    id,
    page: 1,
    kind: 'tick',
    geometry: { x, y, size: 0.04, rotation: 0 },
    color: '#d32f2f',
    ...fields,
  };
}

export function stroke(
  id: string,
  points: number[],
  fields: Partial<Annotation> = {},
): Annotation {
  return {
    id,
    page: 1,
    kind: 'pen',
    geometry: { points, width: 0.004 },
    color: '#1565c0',
    ...fields,
  };
}

/** Parses `annotation` and fails the test when it cannot be drawn. */
export function drawable(annotation: Annotation): DrawableAnnotation {
  const parsed = parseAnnotation(annotation);
  if (parsed.status !== 'drawable') {
    throw new Error(
      `fixture ${annotation.id} is ${parsed.status}: ${parsed.reason}`,
    );
  }
  return parsed.annotation;
}
