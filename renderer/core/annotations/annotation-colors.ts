/**
 * The colours offered for annotations. Red comes first because examiners
 * traditionally mark in red; the amber is dark enough to read as ink and
 * light enough to highlight.
 */

export const ANNOTATION_COLORS = [
  { id: 'red', value: '#d32f2f' },
  { id: 'green', value: '#2e7d32' },
  { id: 'blue', value: '#1565c0' },
  { id: 'amber', value: '#f9a825' },
  { id: 'black', value: '#212121' },
] as const;

export type AnnotationColorId = (typeof ANNOTATION_COLORS)[number]['id'];

export const DEFAULT_COLOR: string = ANNOTATION_COLORS[0].value;

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/**
 * Returns `color` in lower case when it is a `#rrggbb` colour, otherwise
 * the default. Only hex colours reach the SVG, so a stored value can never
 * name a paint server such as `url(…)`.
 */
export function normalizeColor(color: unknown): string {
  return typeof color === 'string' && HEX_COLOR.test(color)
    ? color.toLowerCase()
    : DEFAULT_COLOR;
}

/** Returns the colour after `color` in `ANNOTATION_COLORS`, wrapping round. */
export function nextColor(color: string): string {
  const index = ANNOTATION_COLORS.findIndex(
    (entry) => entry.value === color.toLowerCase(),
  );
  const next = ANNOTATION_COLORS[(index + 1) % ANNOTATION_COLORS.length];
  return (next ?? ANNOTATION_COLORS[0]).value;
}
