/**
 * Grade writes under load: autocannon keeps `connections` connections
 * busy for a fixed duration, each connection rewriting the grade of its
 * own copy. Every request carries a new Idempotency-Key and an If-Match
 * with the version that the connection's previous response returned, so
 * the server takes the full write path each time.
 */
import { randomUUID } from 'node:crypto';

import autocannon, {
  type AutocannonClient,
  type AutocannonResult,
} from 'autocannon';

import type { Question } from '../../shared/api/schemas';
import type { BenchServer } from './bench-server';

export interface GradeLoadOptions {
  connections: number;
  /** Seconds. */
  duration: number;
  questions: Question[];
  /** Pages of every copy; annotations go on the first three at most. */
  pageCount: number;
}

export interface GradeLoadResult {
  connections: number;
  /** Measured run length, seconds. */
  durationSeconds: number;
  /** 2xx responses per second over the run. */
  writesPerSecond: number;
  /** Milliseconds. */
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  successes: number;
  non2xx: number;
  /** Connection errors and timeouts, as autocannon counts them. */
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
}

/** One connection's copy and the grade version its next write starts from. */
interface ConnectionState {
  copyId: string;
  version: number;
  writes: number;
}

const ETAG = /^"(\d+)"$/;

export async function runGradeLoad(
  server: BenchServer,
  options: GradeLoadOptions,
): Promise<GradeLoadResult> {
  const states = await writeFirstGrades(server, options);

  let nextState = 0;
  const setupClient = (client: AutocannonClient) => {
    const state = states[nextState % states.length]!;
    nextState += 1;
    client.setRequests([
      {
        method: 'PUT',
        path: `/api/v1/copies/${state.copyId}/grade`,
        setupRequest: (request) => {
          state.writes += 1;
          return {
            ...request,
            headers: {
              authorization: `Bearer ${server.accessToken}`,
              'content-type': 'application/json',
              'if-match': `"${state.version}"`,
              'idempotency-key': randomUUID(),
            },
            body: JSON.stringify(gradeBody(options, state.writes)),
          };
        },
        onResponse: (_status, _body, _context, headers) => {
          // A 412 also carries the current version, so a connection that
          // missed one response catches up on the next.
          const match = ETAG.exec(String(headers.etag ?? headers.ETag ?? ''));
          if (match?.[1] !== undefined) {
            state.version = Number(match[1]);
          }
        },
      },
    ]);
  };

  const result: AutocannonResult = await autocannon({
    url: server.url,
    connections: options.connections,
    duration: options.duration,
    timeout: 10,
    setupClient,
  });

  return summarise(result, options.connections);
}

/** Writes a first grade on each connection's copy, with If-None-Match: *. */
async function writeFirstGrades(
  server: BenchServer,
  options: GradeLoadOptions,
): Promise<ConnectionState[]> {
  const copies = server.copies.slice(0, options.connections);
  if (copies.length < options.connections) {
    throw new Error(
      `The batch has ${server.copies.length} copies for ${options.connections} connections: each connection needs its own copy, so raise --copies`,
    );
  }

  const states: ConnectionState[] = [];
  for (const copy of copies) {
    const response = await fetch(
      `${server.url}/api/v1/copies/${copy.id}/grade`,
      {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${server.accessToken}`,
          'content-type': 'application/json',
          'if-none-match': '*',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify(gradeBody(options, 0)),
      },
    );
    const text = await response.text();
    const match = ETAG.exec(response.headers.get('etag') ?? '');
    if (response.status !== 201 || match?.[1] === undefined) {
      throw new Error(
        `The first grade write of copy ${copy.id} returned ${response.status} (ETag ${response.headers.get('etag')}): ${text}`,
      );
    }
    states.push({ copyId: copy.id, version: Number(match[1]), writes: 0 });
  }
  return states;
}

/**
 * Returns a draft grade as a client sends it while marking: points on each
 * question (valid multiples of its step, varying with `writeNumber`), a
 * comment and a few pen annotations.
 */
export function gradeBody(
  { questions, pageCount }: Pick<GradeLoadOptions, 'questions' | 'pageCount'>,
  writeNumber: number,
) {
  const marks: Record<string, number> = {};
  questions.forEach((question, index) => {
    const steps = Math.floor(question.maxPoints / question.step);
    marks[question.id] = ((writeNumber + index) % (steps + 1)) * question.step;
  });

  const pages = [1, 2, 3].filter((page) => page <= pageCount);
  const annotations = pages.map((page) => ({
    id: `a${page}`,
    page,
    kind: 'ink',
    geometry: {
      points: [
        [0.1, 0.2 + page / 100],
        [0.15, 0.22],
        [0.2, 0.25],
      ],
    },
    color: '#d32f2f',
  }));

  return {
    status: 'draft',
    marks,
    comment: `Bonne problématique, développement inégal (révision ${writeNumber}).`,
    flags: [],
    annotations,
    clientUpdatedAt: new Date().toISOString(),
  };
}

function summarise(
  result: AutocannonResult,
  connections: number,
): GradeLoadResult {
  const statusCounts: Record<string, number> = {};
  for (const [status, stats] of Object.entries(result.statusCodeStats)) {
    statusCounts[status] = stats.count;
  }

  return {
    connections,
    durationSeconds: result.duration,
    writesPerSecond: result['2xx'] / result.duration,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    latencyMax: result.latency.max,
    successes: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCounts,
  };
}
