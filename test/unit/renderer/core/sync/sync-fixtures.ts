/**
 * A stand-in for the grading server in the sync unit tests: an in-memory
 * server that applies grade writes with their preconditions and
 * idempotency keys as the reference server does, serves queued pages of
 * changes, and can fail any call. Every call resolves within microtasks,
 * so tests with fake timers need not advance any timer for it.
 */
import type {
  AssignmentsResponse,
  Batch,
  BatchDetail,
  ChangesResponse,
  Copy,
  Grade,
  GradeWrite,
  MarkingScheme,
} from '../../../../../shared/api/schemas';
import { PROBLEM_TYPES } from '../../../../../shared/api/schemas';
import type {
  GradeWriteOptions,
  GradeWriteResult,
} from '../../../../../renderer/core/api/api-client';
import { ApiError } from '../../../../../renderer/core/api/errors';
import { GradeStore } from '../../../../../renderer/core/store/grades';
import { ServerGradeStore } from '../../../../../renderer/core/store/server-grades';
import type { SyncApi } from '../../../../../renderer/core/sync/sync-engine';
import { batch, copy, scheme } from '../assignments/fake-server';
import { openTestStore, type TestStore } from '../store/test-store';

export const GRADER_ID = 'grader-amartin';
export const SUPERVISOR_ID = 'grader-chef';

export type SyncMethod = keyof SyncApi;

export interface StubCall {
  method: SyncMethod;
  copyId?: string;
  body?: GradeWrite;
  options?: GradeWriteOptions;
  cursor?: string;
}

/** A store for sync tests: the database and the stores that encrypt. */
export interface SyncTestStore extends TestStore {
  grades: GradeStore;
  serverGrades: ServerGradeStore;
}

export function openSyncStore(now?: () => Date): SyncTestStore {
  const store = openTestStore();
  return {
    ...store,
    grades: new GradeStore(store.db, store.cipher, now),
    serverGrades: new ServerGradeStore(store.db, store.cipher, now),
  };
}

/** A grade as the server returns it. */
export function serverGrade(
  copyId: string,
  overrides: Partial<Grade> = {},
): Grade {
  return {
    copyId,
    version: 1,
    status: 'draft',
    marks: { q1: 2 },
    comment: '',
    flags: [],
    annotations: [],
    updatedAt: '2026-06-20T09:00:00.000Z',
    updatedBy: SUPERVISOR_ID,
    ...overrides,
  };
}

/** Builds an `ApiError` as the API client raises it for `status`. */
export function apiError(
  status: number,
  options: { type?: string; detail?: string; retryAfterSeconds?: number } = {},
): ApiError {
  return new ApiError({
    method: 'PUT',
    path: '/copies/c1/grade',
    status,
    type: options.type ?? 'about:blank',
    title: `status ${status}`,
    detail: options.detail ?? `the server answered ${status}`,
    retryAfterSeconds: options.retryAfterSeconds ?? null,
  });
}

interface StoredKey {
  request: string;
  result: GradeWriteResult;
}

export class StubServer implements SyncApi {
  readonly grades = new Map<string, Grade>();
  readonly calls: StubCall[] = [];
  /** Errors to raise, by method, one per call, before anything else. */
  readonly failures = new Map<SyncMethod, unknown[]>();
  /** Pages that GET /changes returns, in order, before empty ones. */
  readonly changePages: ChangesResponse[] = [];
  schemes: MarkingScheme[] = [scheme('sch1')];
  batches: Batch[] = [batch('b1')];
  copies: Copy[] = [copy('c1', 'b1'), copy('c2', 'b1'), copy('c3', 'b1')];
  cursor = 'c-0';
  /** Runs before each grade write is applied, as a slow network would. */
  beforeWrite: ((copyId: string) => Promise<void>) | null = null;
  /** Calls running now, and the most that ever ran at once. */
  running = 0;
  maxRunning = 0;
  private readonly keys = new Map<string, StoredKey>();
  private clock = 0;

  constructor(private readonly writerId = GRADER_ID) {}

  /** Queues `errors` for the next calls of `method`. */
  fail(method: SyncMethod, ...errors: unknown[]): void {
    this.failures.set(method, [
      ...(this.failures.get(method) ?? []),
      ...errors,
    ]);
  }

  /** Stores a grade as someone else's write would. */
  writeAs(updatedBy: string, copyId: string, changes: Partial<Grade> = {}) {
    const current = this.grades.get(copyId);
    const grade = serverGrade(copyId, {
      ...changes,
      version: (current?.version ?? 0) + 1,
      updatedBy,
      updatedAt: this.tick(),
    });
    this.grades.set(copyId, grade);
    return grade;
  }

  putCalls(copyId?: string): StubCall[] {
    return this.calls.filter(
      (call) =>
        call.method === 'putGrade' &&
        (copyId === undefined || call.copyId === copyId),
    );
  }

  async putGrade(
    copyId: string,
    body: GradeWrite,
    options: GradeWriteOptions,
  ): Promise<GradeWriteResult> {
    return this.answer({ method: 'putGrade', copyId, body, options }, () =>
      this.applyWrite(copyId, body, options),
    );
  }

  getChanges(cursor: string): Promise<ChangesResponse> {
    return this.answer({ method: 'getChanges', cursor }, () => {
      const page = this.changePages.shift();
      if (page !== undefined) {
        this.cursor = page.cursor;
        return page;
      }
      return { changes: [], cursor: this.cursor, more: false };
    });
  }

  getAssignments(): Promise<AssignmentsResponse> {
    return this.answer({ method: 'getAssignments' }, () =>
      structuredClone({
        batches: this.batches,
        schemes: this.schemes,
        cursor: this.cursor,
      }),
    );
  }

  getBatch(batchId: string): Promise<BatchDetail> {
    return this.answer({ method: 'getBatch' }, () => {
      const found = this.batches.find((row) => row.id === batchId);
      const schemeRow = this.schemes.find((row) => row.id === found?.schemeId);
      if (found === undefined || schemeRow === undefined) {
        throw new Error(`The stub server has no batch ${batchId}`);
      }
      return structuredClone({
        batch: found,
        copies: this.copies.filter((row) => row.batchId === batchId),
        scheme: schemeRow,
      });
    });
  }

  getGrade(copyId: string): Promise<Grade | null> {
    return this.answer({ method: 'getGrade', copyId }, () =>
      structuredClone(this.grades.get(copyId) ?? null),
    );
  }

  private async answer<T>(call: StubCall, respond: () => T): Promise<T> {
    this.calls.push(call);
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      await Promise.resolve();
      if (call.method === 'putGrade' && this.beforeWrite !== null) {
        await this.beforeWrite(call.copyId!);
      }
      const failure = this.failures.get(call.method)?.shift();
      if (failure !== undefined) {
        throw failure;
      }
      return respond();
    } finally {
      this.running -= 1;
    }
  }

  // The reference server's rules. A key replays its first response for the
  // same request and is rejected for another. The precondition must name
  // the current version, or no grade for `If-None-Match: *`.
  private applyWrite(
    copyId: string,
    body: GradeWrite,
    options: GradeWriteOptions,
  ): GradeWriteResult {
    const request = JSON.stringify([copyId, options.baseVersion, body]);
    const stored = this.keys.get(options.idempotencyKey);
    if (stored !== undefined) {
      if (stored.request !== request) {
        throw apiError(422, {
          type: PROBLEM_TYPES.idempotencyKeyReused,
          detail: 'Idempotency-Key was used for another request',
        });
      }
      return structuredClone(stored.result);
    }

    const current = this.grades.get(copyId);
    if (current === undefined && options.baseVersion !== null) {
      throw apiError(412, { detail: `copy ${copyId} has no grade` });
    }
    if (current !== undefined && current.version !== options.baseVersion) {
      return { kind: 'version-mismatch', current: structuredClone(current) };
    }

    const grade: Grade = {
      copyId,
      version: (current?.version ?? 0) + 1,
      status: body.status,
      marks: body.marks,
      comment: body.comment,
      flags: body.flags,
      annotations: body.annotations,
      updatedAt: this.tick(),
      updatedBy: this.writerId,
    };
    this.grades.set(copyId, grade);
    const result: GradeWriteResult = {
      kind: 'stored',
      status: current === undefined ? 201 : 200,
      grade,
    };
    this.keys.set(options.idempotencyKey, { request, result });
    return structuredClone(result);
  }

  private tick(): string {
    this.clock += 1;
    return new Date(Date.UTC(2026, 5, 20, 10, 0, this.clock)).toISOString();
  }
}
