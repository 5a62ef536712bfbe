/**
 * A stand-in for the two API calls a refresh sends: the assignments and
 * batches it returns can be changed between refreshes, and a request can be
 * made to fail.
 */
import type {
  AssignmentsResponse,
  Batch,
  BatchDetail,
  Copy,
  MarkingScheme,
} from '../../../../../shared/api/schemas';
import type { ApiClient } from '../../../../../renderer/core/api/api-client';
import type {
  LogFields,
  Logger,
} from '../../../../../renderer/core/download/logger';

export function sha(fill: string): string {
  return fill.repeat(64);
}

export function scheme(
  id: string,
  overrides: Partial<MarkingScheme> = {},
): MarkingScheme {
  return {
    id,
    version: 1,
    title: `Barème ${id}`,
    questions: [{ id: 'q1', label: 'Question 1', maxPoints: 20, step: 0.5 }],
    totalPoints: 20,
    ...overrides,
  };
}

export function batch(id: string, overrides: Partial<Batch> = {}): Batch {
  return {
    id,
    sessionId: 's1',
    subject: 'Philosophie',
    title: `Lot ${id}`,
    deadline: '2026-07-03T18:00:00Z',
    status: 'open',
    schemeId: 'sch1',
    copyCount: 0,
    ...overrides,
  };
}

export function copy(
  id: string,
  batchId: string,
  overrides: Partial<Copy> = {},
): Copy {
  return {
    id,
    batchId,
    anonymousCode: `A-${id}`,
    pageCount: 2,
    scan: { sha256: sha('a'), size: 1000, contentType: 'application/pdf' },
    revision: 1,
    ...overrides,
  };
}

interface AssignedBatch {
  batch: Batch;
  copies: Copy[];
}

export class FakeServer implements Pick<
  ApiClient,
  'getAssignments' | 'getBatch'
> {
  schemes = new Map<string, MarkingScheme>([['sch1', scheme('sch1')]]);
  batches = new Map<string, AssignedBatch>();
  cursor = 'c-1';
  /** Errors to raise, by request path, such as `/assignments`. */
  failures = new Map<string, unknown>();
  /** Paths requested, in order. */
  requests: string[] = [];
  /** Maximum number of GET /batches/{id} requests running at once. */
  maxConcurrentBatchRequests = 0;
  #running = 0;

  assign(batchRow: Batch, copies: Copy[]): void {
    this.batches.set(batchRow.id, {
      batch: { ...batchRow, copyCount: copies.length },
      copies,
    });
  }

  async getAssignments(signal?: AbortSignal): Promise<AssignmentsResponse> {
    await this.#answer('/assignments', signal);
    const batches = [...this.batches.values()].map((entry) => entry.batch);
    const schemeIds = new Set(batches.map((row) => row.schemeId));
    return structuredClone({
      batches,
      schemes: [...this.schemes.values()].filter((row) =>
        schemeIds.has(row.id),
      ),
      cursor: this.cursor,
    });
  }

  async getBatch(batchId: string, signal?: AbortSignal): Promise<BatchDetail> {
    this.#running += 1;
    this.maxConcurrentBatchRequests = Math.max(
      this.maxConcurrentBatchRequests,
      this.#running,
    );
    try {
      await this.#answer(`/batches/${batchId}`, signal);
    } finally {
      this.#running -= 1;
    }

    const entry = this.batches.get(batchId);
    const schemeRow = this.schemes.get(entry?.batch.schemeId ?? '');
    if (entry === undefined || schemeRow === undefined) {
      throw new Error(`The fake server has no batch ${batchId}`);
    }
    return structuredClone({
      batch: entry.batch,
      copies: entry.copies,
      scheme: schemeRow,
    });
  }

  // Responds after a few event-loop turns, so concurrent requests overlap.
  async #answer(path: string, signal?: AbortSignal): Promise<void> {
    this.requests.push(path);
    for (let turn = 0; turn < 3; turn += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      signal?.throwIfAborted();
    }

    const failure = this.failures.get(path);
    if (failure !== undefined) {
      throw failure;
    }
  }
}

export interface LoggedLine {
  level: keyof Logger;
  message: string;
  fields: LogFields | undefined;
}

/** Creates a logger that keeps every line for assertions. */
export function recordingLogger(): { logger: Logger; lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  const record =
    (level: keyof Logger) => (message: string, fields?: LogFields) => {
      lines.push({ level, message, fields });
    };
  return {
    lines,
    logger: {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    },
  };
}
