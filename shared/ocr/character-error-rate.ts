/**
 * Character error rate of OCR output against a reference text, the usual
 * accuracy measure of OCR engines: the edit distance between the two
 * divided by the length of the reference.
 */

/** Collapses every run of white space into one space and trims the ends. */
export function normalizeSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Returns the Levenshtein distance between two strings, counted in code points. */
export function editDistance(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  let previous = Array.from({ length: right.length + 1 }, (_, j) => j);

  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const substitution =
        (previous[j - 1] as number) + (left[i - 1] === right[j - 1] ? 0 : 1);
      current.push(
        Math.min(
          (previous[j] as number) + 1,
          (current[j - 1] as number) + 1,
          substitution,
        ),
      );
    }
    previous = current;
  }
  return previous[right.length] as number;
}

/**
 * Returns the character error rate of `actual` against `expected`, with
 * white space normalized in both (line breaks depend on the layout
 * analysis, not on recognition). An empty reference gives 0 for empty
 * output and 1 otherwise.
 */
export function characterErrorRate(expected: string, actual: string): number {
  const reference = normalizeSpaces(expected);
  const output = normalizeSpaces(actual);
  if (reference.length === 0) {
    return output.length === 0 ? 0 : 1;
  }
  return editDistance(reference, output) / [...reference].length;
}

/**
 * Returns the character error rate with the words of both texts sorted,
 * so it measures recognition and not reading order: an engine that reads
 * the columns of a header band one after the other is not penalized.
 */
export function unorderedCharacterErrorRate(
  expected: string,
  actual: string,
): number {
  const sortWords = (text: string) =>
    normalizeSpaces(text).split(' ').sort().join(' ');
  return characterErrorRate(sortWords(expected), sortWords(actual));
}
