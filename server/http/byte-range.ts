/**
 * Pure helpers for range and conditional requests on a stored scan
 * (RFC 9110 sections 13 and 14): parsing `Range`, formatting `Content-Range`,
 * and matching `If-None-Match` and `If-Range` against the scan's ETag.
 */

/** The outcome of a `Range` header for a representation of a known size. */
export type RangeRequest =
  | { kind: 'none' }
  | { kind: 'range'; start: number; end: number }
  | { kind: 'unsatisfiable' };

const NO_RANGE: RangeRequest = { kind: 'none' };
const UNSATISFIABLE: RangeRequest = { kind: 'unsatisfiable' };
const DIGITS = /^[0-9]+$/;

/**
 * Parses a `Range` header against a representation of `size` bytes.
 *
 * Returns `none` (send the whole representation with 200) when the header is
 * absent, uses a unit other than `bytes`, or is syntactically invalid. RFC
 * 9110 section 14.2 requires ignoring an unknown unit and allows ignoring an
 * invalid header.
 *
 * A request for several ranges (`bytes=0-1,5-6`) also returns `none`, so the
 * server sends the whole scan instead of a `multipart/byteranges` body. RFC
 * 9110 allows this because a server may ignore `Range` on any request.
 *
 * Returns `unsatisfiable` (send 416) when the first position is at or past the
 * end, when a suffix length is 0, or when the representation is empty.
 * Otherwise returns the inclusive `start`-`end` range, with `end` clamped to
 * `size - 1`.
 */
export function parseRangeHeader(
  header: string | undefined,
  size: number,
): RangeRequest {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new RangeError(
      `Invalid representation size ${size}: expected an integer >= 0`,
    );
  }

  if (header === undefined) {
    return NO_RANGE;
  }

  const equals = header.indexOf('=');
  if (equals < 0) {
    return NO_RANGE;
  }

  const unit = header.slice(0, equals).trim().toLowerCase();
  if (unit !== 'bytes') {
    return NO_RANGE;
  }

  // Empty list elements are allowed by the list syntax, so `bytes=0-1,` is
  // one range.
  const specs = header
    .slice(equals + 1)
    .split(',')
    .map((spec) => spec.trim())
    .filter((spec) => spec !== '');
  if (specs.length !== 1) {
    return NO_RANGE;
  }

  return parseRangeSpec(specs[0]!, size);
}

function parseRangeSpec(spec: string, size: number): RangeRequest {
  const dash = spec.indexOf('-');
  if (dash < 0) {
    return NO_RANGE;
  }

  const first = spec.slice(0, dash);
  const last = spec.slice(dash + 1);

  if (first === '') {
    return parseSuffixRange(last, size);
  }

  if (!DIGITS.test(first)) {
    return NO_RANGE;
  }
  if (last !== '' && !DIGITS.test(last)) {
    return NO_RANGE;
  }

  const start = Number(first);
  const requestedEnd = last === '' ? Infinity : Number(last);
  if (requestedEnd < start) {
    return NO_RANGE;
  }

  if (start >= size) {
    return UNSATISFIABLE;
  }

  return { kind: 'range', start, end: Math.min(requestedEnd, size - 1) };
}

function parseSuffixRange(lengthText: string, size: number): RangeRequest {
  if (!DIGITS.test(lengthText)) {
    return NO_RANGE;
  }

  const suffixLength = Number(lengthText);
  if (suffixLength === 0 || size === 0) {
    return UNSATISFIABLE;
  }

  const start = Math.max(size - suffixLength, 0);
  return { kind: 'range', start, end: size - 1 };
}

/**
 * Formats the `Content-Range` value for a 206 response, such as
 * `bytes 0-99/1000`. Without `range` it formats the value for a 416 response,
 * where an asterisk takes the place of the range.
 */
export function formatContentRange(
  size: number,
  range?: { start: number; end: number },
): string {
  if (range === undefined) {
    return `bytes */${size}`;
  }

  return `bytes ${range.start}-${range.end}/${size}`;
}

/** One entity tag from a header: `W/"x"` is weak, `"x"` is strong. */
export interface EntityTag {
  weak: boolean;
  opaqueTag: string;
}

/**
 * Parses one entity tag such as `"abc"` or `W/"abc"`. Returns `null` when
 * the text is not a valid entity tag.
 */
export function parseEntityTag(text: string): EntityTag | null {
  const tags = parseEntityTagList(text);
  if (tags === null || tags.length !== 1) {
    return null;
  }

  return tags[0]!;
}

/**
 * Parses a comma-separated list of entity tags. Commas inside the quotes
 * belong to the tag, because RFC 9110 allows them there. Returns `null` when
 * any element is invalid.
 */
function parseEntityTagList(text: string): EntityTag[] | null {
  const tags: EntityTag[] = [];
  let position = 0;

  while (position < text.length) {
    const char = text[position]!;
    if (char === ' ' || char === '\t' || char === ',') {
      position += 1;
      continue;
    }

    let weak = false;
    if (text.startsWith('W/', position)) {
      weak = true;
      position += 2;
    }

    if (text[position] !== '"') {
      return null;
    }

    const closingQuote = text.indexOf('"', position + 1);
    if (closingQuote < 0) {
      return null;
    }

    tags.push({ weak, opaqueTag: text.slice(position + 1, closingQuote) });
    position = closingQuote + 1;

    const next = text[position];
    if (next !== undefined && next !== ',' && next !== ' ' && next !== '\t') {
      return null;
    }
  }

  return tags;
}

/**
 * Tests whether an `If-None-Match` header matches the current `etag`, in
 * which case a GET responds with 304. Uses the weak comparison that RFC 9110
 * section 13.1.2 requires, so `W/"a"` matches `"a"`. `*` matches any
 * existing representation. An absent or invalid header never matches.
 */
export function ifNoneMatchMatches(
  header: string | undefined,
  etag: string,
): boolean {
  if (header === undefined) {
    return false;
  }

  const current = parseEntityTag(etag);
  if (current === null) {
    throw new Error(
      `Invalid ETag ${JSON.stringify(etag)}: expected "<tag>" or W/"<tag>"`,
    );
  }

  if (header.trim() === '*') {
    return true;
  }

  const listed = parseEntityTagList(header);
  if (listed === null) {
    return false;
  }

  return listed.some((tag) => tag.opaqueTag === current.opaqueTag);
}

/**
 * Tests whether a `Range` header may be honoured given the `If-Range` header
 * (RFC 9110 section 13.1.5). Returns true when `If-Range` is absent, or when
 * it is an entity tag that strongly matches `etag` (neither tag weak). Returns
 * false otherwise, so the server sends the whole representation.
 *
 * NOTE: an HTTP-date in `If-Range` never matches, because scan responses carry
 * no `Last-Modified` header to compare it with.
 */
export function ifRangeAllowsRange(
  header: string | undefined,
  etag: string,
): boolean {
  if (header === undefined) {
    return true;
  }

  const requested = parseEntityTag(header.trim());
  const current = parseEntityTag(etag);
  if (requested === null || current === null) {
    return false;
  }

  if (requested.weak || current.weak) {
    return false;
  }

  return requested.opaqueTag === current.opaqueTag;
}
