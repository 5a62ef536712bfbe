/**
 * A typed client of the grading API for the renderer: sign-in, token
 * refresh, assignments, batches, scan downloads, grades, changes and batch
 * submission. It uses only `fetch`, so
 * it runs in Chromium and in Node tests alike.
 */
import {
  API_PREFIX,
  type AssignmentsResponse,
  type Batch,
  type BatchDetail,
  type ChangesResponse,
  type Grade,
  type GradeWrite,
  type Report,
  type ReportRequest,
  type TokenResponse,
} from '../../../shared/api/schemas';
import { NetworkError, SignInRequiredError, isAbortError } from './errors';
import { toApiError } from './problem-response';
import type { TokenStore } from './token-store';

export interface ApiClientOptions {
  /** Server address, such as `https://copies.example.org`, without `/api/v1`. */
  baseUrl: string;
  tokens: TokenStore;
  /** The `fetch` to send requests with; the global one by default. */
  fetch?: typeof fetch;
  /**
   * Maximum wait for a token refresh, milliseconds; 30 s by default. The
   * requests waiting on a refresh share it, so a refresh that got no
   * response would otherwise hold every one of them.
   */
  refreshTimeoutMs?: number;
}

/**
 * The precondition of a grade write: the server version the edit started
 * from (`If-Match`), or null for the first write of a copy
 * (`If-None-Match: *`).
 */
export interface GradeWriteOptions {
  baseVersion: number | null;
  /** Sent as `Idempotency-Key`; the same on every retry of one body. */
  idempotencyKey: string;
  signal?: AbortSignal;
}

/**
 * The server's response to a grade write that it processed: the stored grade
 * (200 or 201), or the current grade when the edit did not start from it
 * (412). Other statuses raise `ApiError`.
 */
export type GradeWriteResult =
  | { kind: 'stored'; status: 200 | 201; grade: Grade }
  | { kind: 'version-mismatch'; current: Grade };

/** A byte range to resume a scan download from. */
export interface ScanResume {
  /** First byte to receive: the number of bytes already stored. */
  fromByte: number;
  /** SHA-256 of the scan being resumed, sent as `If-Range`. */
  sha256: string;
}

interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly tokens: TokenStore;
  private readonly fetchFunction: typeof fetch;
  private readonly refreshTimeoutMs: number;
  private refreshInFlight: Promise<void> | null = null;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.tokens = options.tokens;
    this.fetchFunction = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.refreshTimeoutMs = options.refreshTimeoutMs ?? 30_000;
  }

  /** Signs in and stores both tokens. Raises `ApiError` 401 for wrong credentials. */
  async signIn(
    username: string,
    password: string,
    deviceName: string,
  ): Promise<TokenResponse> {
    const response = await this.send('/auth/login', {
      method: 'POST',
      body: { username, password, deviceName },
    });
    const tokens = await this.readJson<TokenResponse>(
      'POST',
      '/auth/login',
      response,
    );

    await this.tokens.saveTokens(tokens.accessToken, tokens.refreshToken);
    return tokens;
  }

  /**
   * Exchanges the refresh token for new tokens. Concurrent calls share one
   * request, because the server accepts each refresh token once and treats
   * a second use as theft. Raises `SignInRequiredError` when the server
   * rejects the refresh token, and `NetworkError` when it cannot be reached
   * or sends no response within `refreshTimeoutMs`.
   */
  refresh(): Promise<void> {
    if (this.refreshInFlight === null) {
      this.refreshInFlight = this.sendRefresh().finally(() => {
        this.refreshInFlight = null;
      });
    }
    return this.refreshInFlight;
  }

  /**
   * Revokes the login on the server, then clears both tokens. Without a
   * valid access token (after a restart, or once it expired) it refreshes
   * first, because the server revokes a login only for a bearer of it.
   *
   * The tokens are cleared whatever happens, because signing out must
   * work offline. When the server cannot be reached, or the refresh token
   * is missing or rejected, it resolves, and an unrevoked refresh token
   * expires on the server. Any other failure to revoke, such as a 5xx,
   * raises `ApiError` after the tokens are forgotten.
   */
  async signOut(): Promise<void> {
    try {
      const response = await this.sendAuthorized('/auth/logout', {
        method: 'POST',
      });
      if (!response.ok) {
        throw await toApiError('POST', '/auth/logout', response);
      }
      await response.body?.cancel().catch(() => undefined);
    } catch (error) {
      if (
        !(error instanceof NetworkError) &&
        !(error instanceof SignInRequiredError)
      ) {
        throw error;
      }
    } finally {
      await this.tokens.clear();
    }
  }

  getAssignments(signal?: AbortSignal): Promise<AssignmentsResponse> {
    return this.getJson<AssignmentsResponse>('/assignments', signal);
  }

  getBatch(batchId: string, signal?: AbortSignal): Promise<BatchDetail> {
    return this.getJson<BatchDetail>(
      `/batches/${encodeURIComponent(batchId)}`,
      signal,
    );
  }

  /**
   * Starts a scan download and returns the response (200 or 206) with its
   * body unread. With `resume` it requests the rest of the scan, and the
   * server sends the whole scan with 200 when the SHA-256 no longer matches.
   * Raises `ApiError` for other statuses (404 when the copy was withdrawn).
   */
  async downloadScan(
    copyId: string,
    options: { resume?: ScanResume; signal?: AbortSignal } = {},
  ): Promise<Response> {
    const path = `/copies/${encodeURIComponent(copyId)}/scan`;
    const headers: Record<string, string> = {};
    if (options.resume && options.resume.fromByte > 0) {
      headers.range = `bytes=${options.resume.fromByte}-`;
      headers['if-range'] = `"${options.resume.sha256}"`;
    }

    const response = await this.sendAuthorized(path, {
      headers,
      signal: options.signal,
    });
    if (response.status !== 200 && response.status !== 206) {
      throw await toApiError('GET', path, response);
    }
    return response;
  }

  /**
   * Sends a scan report to the exam office and returns it as the server
   * stored it. Raises `ApiError` 404 when the copy is not assigned to the
   * caller or was withdrawn, and 422 for an unknown kind or a page out of
   * range.
   */
  async postReport(
    copyId: string,
    report: ReportRequest,
    signal?: AbortSignal,
  ): Promise<Report> {
    const path = `/copies/${encodeURIComponent(copyId)}/reports`;
    const response = await this.sendAuthorized(path, {
      method: 'POST',
      body: report,
      signal,
    });
    return this.readJson<Report>('POST', path, response);
  }

  /**
   * Returns the copy's grade on the server, or null when it has none yet.
   * Raises `ApiError` 404 when the copy is not assigned to the caller: the
   * server returns 404 for both, so a null also covers a copy withdrawn
   * since.
   */
  async getGrade(copyId: string, signal?: AbortSignal): Promise<Grade | null> {
    const path = `/copies/${encodeURIComponent(copyId)}/grade`;
    const response = await this.sendAuthorized(path, { signal });
    if (response.status === 404) {
      await response.body?.cancel().catch(() => undefined);
      return null;
    }
    return this.readJson<Grade>('GET', path, response);
  }

  /**
   * Writes the whole grade of a copy. Returns the stored grade, or the
   * server's current grade on 412. Raises `ApiError` for every other
   * failure status, such as 422 (invalid marks), 423 (batch locked) or 404
   * (copy withdrawn), and `NetworkError` when no response came back, in
   * which case the write may or may not have been stored: retry with the
   * same idempotency key and body.
   */
  async putGrade(
    copyId: string,
    body: GradeWrite,
    options: GradeWriteOptions,
  ): Promise<GradeWriteResult> {
    const path = `/copies/${encodeURIComponent(copyId)}/grade`;
    const headers: Record<string, string> = {
      'idempotency-key': options.idempotencyKey,
    };
    if (options.baseVersion === null) {
      headers['if-none-match'] = '*';
    } else {
      headers['if-match'] = `"${options.baseVersion}"`;
    }

    const response = await this.sendAuthorized(path, {
      method: 'PUT',
      body,
      headers,
      signal: options.signal,
    });
    if (response.status === 412) {
      const contentType = response.headers.get('content-type') ?? '';
      // A problem body instead of a grade means the server has no grade
      // for an If-Match write, which the caller handles as any error.
      if (contentType.includes('problem+json')) {
        throw await toApiError('PUT', path, response);
      }
      const current = await this.readJson<Grade>('PUT', path, response, true);
      return { kind: 'version-mismatch', current };
    }

    const grade = await this.readJson<Grade>('PUT', path, response);
    return {
      kind: 'stored',
      status: response.status === 201 ? 201 : 200,
      grade,
    };
  }

  /**
   * Returns the changes after `cursor`. Raises `ApiError` 410 when the
   * changes were pruned and 400 when the server does not know the cursor:
   * either way the assignments must be read again.
   */
  getChanges(cursor: string, signal?: AbortSignal): Promise<ChangesResponse> {
    return this.getJson<ChangesResponse>(
      `/changes?since=${encodeURIComponent(cursor)}`,
      signal,
    );
  }

  /**
   * Submits a batch and returns it with status `submitted`. Raises
   * `ApiError` 409 when a copy has no final grade on the server, and 423
   * when the batch is closed.
   */
  async submitBatch(batchId: string, signal?: AbortSignal): Promise<Batch> {
    const path = `/batches/${encodeURIComponent(batchId)}/submit`;
    const response = await this.sendAuthorized(path, {
      method: 'POST',
      signal,
    });
    return this.readJson<Batch>('POST', path, response);
  }

  /**
   * Tests whether the server can be reached: any HTTP response counts,
   * whatever its status. Raises `NetworkError` otherwise.
   */
  async probe(signal?: AbortSignal): Promise<void> {
    const response = await this.fetchOrRaise(`${this.baseUrl}/healthz`, {
      method: 'GET',
      signal,
    });
    await response.body?.cancel().catch(() => undefined);
  }

  private async sendRefresh(): Promise<void> {
    const refreshToken = await this.tokens.getRefreshToken();
    if (refreshToken === null) {
      throw new SignInRequiredError(
        'No refresh token is stored: sign in again',
      );
    }

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.refreshTimeoutMs);
    let tokens: TokenResponse;
    try {
      tokens = await this.requestNewTokens(refreshToken, controller.signal);
    } catch (error) {
      if (!controller.signal.aborted) {
        throw error;
      }
      throw new NetworkError(
        `POST ${this.baseUrl}${API_PREFIX}/auth/refresh got no response within ${this.refreshTimeoutMs} ms`,
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
    }
    await this.tokens.saveTokens(tokens.accessToken, tokens.refreshToken);
  }

  private async requestNewTokens(
    refreshToken: string,
    signal: AbortSignal,
  ): Promise<TokenResponse> {
    const response = await this.send('/auth/refresh', {
      method: 'POST',
      body: { refreshToken },
      signal,
    });
    if (response.status === 401 || response.status === 400) {
      const error = await toApiError('POST', '/auth/refresh', response);
      await this.tokens.clear();
      throw new SignInRequiredError(
        `The server rejected the refresh token (${error.detail}): sign in again`,
        { cause: error },
      );
    }

    return this.readJson<TokenResponse>('POST', '/auth/refresh', response);
  }

  private async getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    const response = await this.sendAuthorized(path, { signal });
    return this.readJson<T>('GET', path, response);
  }

  /**
   * Sends a request with the access token. On 401 it refreshes the tokens
   * once and sends the request again. When another request refreshed them
   * meanwhile, it only sends again with the new token.
   */
  private async sendAuthorized(
    path: string,
    options: RequestOptions,
  ): Promise<Response> {
    let accessToken = this.tokens.getAccessToken();
    if (accessToken === null) {
      await this.refresh();
      accessToken = this.tokens.getAccessToken();
    }

    const first = await this.send(path, withBearer(options, accessToken));
    if (first.status !== 401) {
      return first;
    }
    await first.body?.cancel().catch(() => undefined);

    if (this.tokens.getAccessToken() === accessToken) {
      await this.refresh();
    } else if (this.refreshInFlight !== null) {
      await this.refreshInFlight;
    }

    return this.send(path, withBearer(options, this.tokens.getAccessToken()));
  }

  private send(path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }

    return this.fetchOrRaise(`${this.baseUrl}${API_PREFIX}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal,
    });
  }

  private async fetchOrRaise(
    url: string,
    init: RequestInit,
  ): Promise<Response> {
    try {
      return await this.fetchFunction(url, init);
    } catch (error) {
      if (isAbortError(error) || init.signal?.aborted) {
        throw error;
      }
      throw new NetworkError(
        `${init.method ?? 'GET'} ${url} got no response: ${describe(error)}`,
        { cause: error },
      );
    }
  }

  private async readJson<T>(
    method: string,
    path: string,
    response: Response,
    acceptErrorStatus = false,
  ): Promise<T> {
    if (!response.ok && !acceptErrorStatus) {
      throw await toApiError(method, path, response);
    }

    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (isAbortError(error)) {
        throw error;
      }
      throw new NetworkError(
        `${method} ${path}: reading the response failed: ${describe(error)}`,
        { cause: error },
      );
    }

    // NOTE: the body is trusted to match the schema in shared/api/schemas.ts;
    // only its JSON syntax is checked here.
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new Error(
        `${method} ${path} returned a body that is not JSON (${describe(error)}): check that the server address points at a Copydesk server`,
        { cause: error },
      );
    }
  }
}

function withBearer(
  options: RequestOptions,
  accessToken: string | null,
): RequestOptions {
  if (accessToken === null) {
    return options;
  }
  return {
    ...options,
    headers: { ...options.headers, authorization: `Bearer ${accessToken}` },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause =
      error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
