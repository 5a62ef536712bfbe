/**
 * Turns TypeBox validation errors into import problems that name the JSON
 * path of the value (`batches[2].copies[5].file`) and state the fix.
 */
import type { TLocalizedValidationError } from 'typebox/error';

import type { ImportProblem } from './import-problem';

/** Location of the problems that concern the whole document. */
export const DOCUMENT_NAME = 'sitting.json';

/**
 * Converts a JSON pointer (`/batches/2/copies/5/file`) to the path notation
 * of JavaScript (`batches[2].copies[5].file`).
 */
export function formatJsonPath(pointer: string): string {
  if (pointer === '') {
    return DOCUMENT_NAME;
  }

  let path = '';
  for (const escaped of pointer.slice(1).split('/')) {
    const token = escaped.replaceAll('~1', '/').replaceAll('~0', '~');
    if (/^\d+$/.test(token)) {
      path += `[${token}]`;
    } else if (/^[A-Za-z_$][\w$]*$/.test(token)) {
      path += path === '' ? token : `.${token}`;
    } else {
      path += `[${JSON.stringify(token)}]`;
    }
  }
  return path;
}

/** Converts every validation error of `document` to an import problem. */
export function describeSchemaErrors(
  errors: Iterable<TLocalizedValidationError>,
  document: unknown,
): ImportProblem[] {
  const problems: ImportProblem[] = [];

  for (const error of errors) {
    // An unknown property gives two errors: `additionalProperties` on the
    // object and `boolean` (schema is false) on the property itself.
    if (error.keyword === 'boolean') {
      continue;
    }
    problems.push(...describeError(error, document));
  }

  return problems;
}

function describeError(
  error: TLocalizedValidationError,
  document: unknown,
): ImportProblem[] {
  const pointer = error.instancePath;
  const params = error.params as Record<string, unknown>;

  switch (error.keyword) {
    case 'required':
      return listParam(params, 'requiredProperties').map((name) => ({
        where: formatJsonPath(`${pointer}/${name}`),
        message: 'is missing: add it',
      }));

    case 'additionalProperties':
      return listParam(params, 'additionalProperties').map((name) => ({
        where: formatJsonPath(`${pointer}/${name}`),
        message: 'is not a known property: remove it or correct its spelling',
      }));

    default:
      return [
        {
          where: formatJsonPath(pointer),
          message: describeValueError(error, valueAt(document, pointer)),
        },
      ];
  }
}

function describeValueError(
  error: TLocalizedValidationError,
  value: unknown,
): string {
  const params = error.params as Record<string, unknown>;

  switch (error.keyword) {
    case 'type':
      return `must be ${article(String(params.type))} ${String(params.type)}, not ${describeType(value)}`;

    case 'minLength':
      return 'must not be empty';

    case 'maxLength':
      return `must be at most ${String(params.limit)} characters long`;

    case 'pattern':
      return String(params.pattern) === '\\S'
        ? 'must not be empty or only spaces'
        : `${JSON.stringify(value)} must not be empty or start or end with a space`;

    case 'minItems':
      return 'must list at least one item';

    case 'enum':
      return `${JSON.stringify(value)} is not allowed: use one of ${listParam(
        params,
        'allowedValues',
      )
        .map((allowed) => JSON.stringify(allowed))
        .join(', ')}`;

    case 'format':
      return `${JSON.stringify(value)} is not an RFC 3339 date and time: write it as 2026-07-03T18:00:00Z, or with an offset such as 2026-07-03T20:00:00+02:00`;

    default:
      return error.message;
  }
}

function listParam(params: Record<string, unknown>, name: string): string[] {
  const value = params[name];
  return Array.isArray(value) ? value.map(String) : [];
}

/** Returns the value a JSON pointer names, or undefined. */
function valueAt(document: unknown, pointer: string): unknown {
  if (pointer === '') {
    return document;
  }

  let value = document;
  for (const escaped of pointer.slice(1).split('/')) {
    const token = escaped.replaceAll('~1', '/').replaceAll('~0', '~');
    if (value === null || typeof value !== 'object') {
      return undefined;
    }
    value = (value as Record<string, unknown>)[token];
  }
  return value;
}

function describeType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  return `${article(typeof value)} ${typeof value}`;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
