/**
 * RFC 9457 problem details: every error the API returns is one of these,
 * sent as `application/problem+json`, with a `detail` that names the
 * offending field or value.
 */
import { PROBLEM_TYPES } from '../../shared/api/schemas';

export type ProblemType = (typeof PROBLEM_TYPES)[keyof typeof PROBLEM_TYPES];

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition failed',
  413: 'Content too large',
  415: 'Unsupported media type',
  416: 'Range not satisfiable',
  422: 'Unprocessable content',
  423: 'Locked',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** An error that the error handler turns into a problem response. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: ProblemType,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
    /** Extra members of the problem object, such as the failed fields. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }

  toBody(instance?: string): Record<string, unknown> {
    return {
      type: this.type,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

export const badRequest = (detail: string) =>
  new HttpProblem(400, PROBLEM_TYPES.badRequest, detail);

export const unauthorized = (detail: string) =>
  new HttpProblem(401, PROBLEM_TYPES.unauthorized, detail, {
    'www-authenticate': 'Bearer',
  });

/**
 * Builds the one 404 problem for anything that is absent or that the caller
 * may not see, so both cases look the same.
 */
export const notFound = (what: string, id: string) =>
  new HttpProblem(
    404,
    PROBLEM_TYPES.notFound,
    `${what} "${id}" was not found, or is not assigned to you`,
  );

export const locked = (detail: string) =>
  new HttpProblem(423, PROBLEM_TYPES.locked, detail);
