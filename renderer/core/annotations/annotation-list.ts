/**
 * Edits of a copy's annotation list. Each returns a new list and leaves its
 * input unchanged, so the undo history can keep every version it has seen.
 */
import type { Annotation } from '../../../shared/api/schemas';

/** Returns `list` with `annotation` added on top. */
export function addAnnotation(
  list: readonly Annotation[],
  annotation: Annotation,
): Annotation[] {
  return [...list, annotation];
}

/** Returns `list` with the annotation of the same id replaced, in place. */
export function replaceAnnotation(
  list: readonly Annotation[],
  annotation: Annotation,
): Annotation[] {
  return list.map((entry) => (entry.id === annotation.id ? annotation : entry));
}

/** Returns `list` without the annotations whose id is in `ids`. */
export function removeAnnotations(
  list: readonly Annotation[],
  ids: Iterable<string>,
): Annotation[] {
  const removed = new Set(ids);
  return list.filter((entry) => !removed.has(entry.id));
}

/**
 * Whether two lists hold the same annotations in the same order, field by
 * field. Lists read back from the store are new objects with equal
 * content, so reference equality is not enough.
 */
export function sameAnnotationList(
  a: readonly Annotation[],
  b: readonly Annotation[],
): boolean {
  return (
    a === b ||
    (a.length === b.length &&
      a.every((entry, index) => sameJson(entry, b[index])))
  );
}

/** Deep equality of JSON values; key order does not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null
  ) {
    return false;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((value, index) => sameJson(value, b[index]))
    );
  }
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const aKeys = Object.keys(aRecord).filter(
    (key) => aRecord[key] !== undefined,
  );
  const bKeys = Object.keys(bRecord).filter(
    (key) => bRecord[key] !== undefined,
  );
  return (
    aKeys.length === bKeys.length &&
    aKeys.every((key) => sameJson(aRecord[key], bRecord[key]))
  );
}
