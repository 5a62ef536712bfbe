/**
 * Turns an error response into an `ApiError`, reading the RFC 9457 problem
 * details body when the server sent one.
 */
import { ApiError } from './errors';

const PROBLEM_TYPE_UNKNOWN = 'about:blank';

export async function toApiError(
  method: string,
  path: string,
  response: Response,
): Promise<ApiError> {
  const problem = await readProblem(response);

  return new ApiError({
    method,
    path,
    status: response.status,
    type: problem.type ?? PROBLEM_TYPE_UNKNOWN,
    title: problem.title ?? response.statusText,
    detail:
      problem.detail ??
      `the server sent ${response.status} ${response.statusText} without problem details`,
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
  });
}

interface ProblemFields {
  type?: string;
  title?: string;
  detail?: string;
}

async function readProblem(response: Response): Promise<ProblemFields> {
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('json')) {
    await response.body?.cancel().catch(() => undefined);
    return {};
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return {};
  }
  if (typeof body !== 'object' || body === null) {
    return {};
  }

  const record = body as Record<string, unknown>;
  return {
    type: stringOrUndefined(record.type),
    title: stringOrUndefined(record.title),
    detail: stringOrUndefined(record.detail),
  };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Reads `Retry-After` given in seconds; an HTTP-date or garbage gives null. */
export function parseRetryAfter(header: string | null): number | null {
  if (header === null || !/^[0-9]+$/.test(header.trim())) {
    return null;
  }
  return Number(header.trim());
}
