/**
 * The reference: the same HTTP requests as the engine, sent by a bare loop
 * of `fetch` calls with nothing stored, encrypted or checked beyond the
 * status.
 */
import { randomUUID } from 'node:crypto';

import type { ChangesResponse } from '../../shared/api/schemas';
import type { SittingQuestion } from '../../server/sample/index';
import { gradeBody, runPool } from './grade-bodies';

const API = '/api/v1';

/** PUTs one final grade per copy with `If-None-Match: *`. */
export async function pushBare(
  baseUrl: string,
  accessToken: string,
  copyIds: readonly string[],
  questions: readonly SittingQuestion[],
  concurrency: number,
): Promise<void> {
  await runPool(copyIds, concurrency, async (copyId) => {
    const body = gradeBody(
      questions,
      `bench ${copyId}`,
      new Date().toISOString(),
    );
    const response = await fetch(`${baseUrl}${API}/copies/${copyId}/grade`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/json',
        'if-none-match': '*',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== 201) {
      throw new Error(
        `PUT grade of ${copyId} responded with ${response.status}: ${text}`,
      );
    }
  });
}

/**
 * Reads the changes feed from `cursor` to its end, and each page's changed
 * grades, as the engine's pull does. Returns the number of changes read.
 */
export async function pullBare(
  baseUrl: string,
  accessToken: string,
  cursor: string,
  concurrency: number,
): Promise<number> {
  const headers = { authorization: `Bearer ${accessToken}` };
  let since = cursor;
  let read = 0;

  for (;;) {
    const response = await fetch(
      `${baseUrl}${API}/changes?since=${encodeURIComponent(since)}`,
      { headers },
    );
    if (response.status !== 200) {
      throw new Error(
        `GET changes responded with ${response.status}: ${await response.text()}`,
      );
    }
    const page = (await response.json()) as ChangesResponse;
    read += page.changes.length;

    const copyIds = [
      ...new Set(
        page.changes
          .filter((change) => change.kind === 'grade-changed')
          .map((change) => change.copyId!),
      ),
    ];
    await runPool(copyIds, concurrency, async (copyId) => {
      const grade = await fetch(`${baseUrl}${API}/copies/${copyId}/grade`, {
        headers,
      });
      await grade.text();
      if (grade.status !== 200) {
        throw new Error(
          `GET grade of ${copyId} responded with ${grade.status}`,
        );
      }
    });

    since = page.cursor;
    if (!page.more) {
      return read;
    }
  }
}

/**
 * Fills the feed with `count` grade changes: the supervisor rewrites the
 * copies' grades in turn, each write a `grade-changed` for the grader.
 */
export async function writeSupervisorChanges(
  baseUrl: string,
  accessToken: string,
  copyIds: readonly string[],
  questions: readonly SittingQuestion[],
  count: number,
  concurrency: number,
): Promise<void> {
  const versions = new Map<string, number>();
  const writes = Array.from(
    { length: count },
    (_, index) => copyIds[index % copyIds.length]!,
  );

  // Writes of one copy must follow each other, so each worker takes every
  // `concurrency`-th copy.
  const lanes = Array.from({ length: concurrency }, (_, lane) =>
    writes.filter(
      (_, index) => (index % copyIds.length) % concurrency === lane,
    ),
  );
  await Promise.all(
    lanes.map(async (lane) => {
      for (const copyId of lane) {
        const headers: Record<string, string> = {
          authorization: `Bearer ${accessToken}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        };
        const version = versions.get(copyId);
        if (version === undefined) {
          const current = await fetch(
            `${baseUrl}${API}/copies/${copyId}/grade`,
            { headers: { authorization: headers.authorization! } },
          );
          const etag = current.headers.get('etag');
          await current.text();
          if (etag === null) {
            headers['if-none-match'] = '*';
          } else {
            headers['if-match'] = etag;
          }
        } else {
          headers['if-match'] = `"${version}"`;
        }

        const body = gradeBody(
          questions,
          `supervisor ${versions.get(copyId) ?? 0}`,
          new Date().toISOString(),
        );
        const response = await fetch(
          `${baseUrl}${API}/copies/${copyId}/grade`,
          { method: 'PUT', headers, body: JSON.stringify(body) },
        );
        const text = await response.text();
        if (response.status !== 200 && response.status !== 201) {
          throw new Error(
            `Supervisor PUT of ${copyId} responded with ${response.status}: ${text}`,
          );
        }
        versions.set(copyId, (JSON.parse(text) as { version: number }).version);
      }
    }),
  );
}
