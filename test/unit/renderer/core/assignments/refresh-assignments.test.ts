import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  ApiError,
  NetworkError,
  SignInRequiredError,
} from '../../../../../renderer/core/api/errors';
import {
  CHANGES_CURSOR_KEY,
  readChangesCursor,
} from '../../../../../renderer/core/assignments/changes-cursor';
import { refreshAssignments } from '../../../../../renderer/core/assignments/refresh-assignments';
import {
  readWithdrawnBatches,
  WITHDRAWN_BATCHES_KEY,
} from '../../../../../renderer/core/assignments/withdrawn-batches';
import { StorageFullError } from '../../../../../renderer/core/download/scan-store';
import { GradeStore } from '../../../../../renderer/core/store/grades';
import { EncryptedScanStore } from '../../../../../renderer/core/store/scan-store';
import { CUSTOM_HEADER_LAYOUT } from '../../../../support/custom-header-layout';
import { openTestStore, type TestStore } from '../store/test-store';
import {
  batch,
  copy,
  FakeServer,
  recordingLogger,
  scheme,
  sha,
} from './fake-server';

let store: TestStore;
let server: FakeServer;
let scans: EncryptedScanStore;
let clock: Date;

const T1 = '2026-06-20T10:00:00.000Z';
const T2 = '2026-06-21T10:00:00.000Z';
const T3 = '2026-06-22T10:00:00.000Z';

function refresh(
  options: Partial<Parameters<typeof refreshAssignments>[0]> = {},
) {
  return refreshAssignments({
    api: server,
    db: store.db,
    now: () => clock,
    ...options,
  });
}

/** Reads every row a refresh may write, to check that a failure wrote none. */
async function snapshot() {
  return {
    batches: await store.db.batches.toArray(),
    schemes: await store.db.schemes.toArray(),
    copies: await store.db.copies.toArray(),
    partials: await store.db.partials.toCollection().primaryKeys(),
    scans: await store.db.scans.toCollection().primaryKeys(),
    kv: await store.db.kv.toArray(),
  };
}

function pdf(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`%PDF-1.7 ${text}`);
}

beforeEach(() => {
  store = openTestStore();
  server = new FakeServer();
  scans = new EncryptedScanStore(store.db, store.cipher);
  clock = new Date(T1);
  server.assign(batch('b1'), [copy('c1', 'b1'), copy('c2', 'b1')]);
  server.assign(batch('b2'), [copy('c3', 'b2')]);
});

afterEach(() => {
  store.db.close();
});

describe('refreshAssignments first refresh', () => {
  it('stores batches, schemes and new copies', async () => {
    const summary = await refresh();

    expect(await store.db.batches.get('b1')).toEqual({
      ...batch('b1'),
      copyCount: 2,
    });
    expect(await store.db.batches.count()).toBe(2);
    expect(await store.db.schemes.get('sch1')).toEqual(scheme('sch1'));
    expect(await store.db.copies.get('c1')).toEqual({
      ...copy('c1', 'b1'),
      download: 'missing',
      storedRevision: null,
      withdrawnAt: null,
    });
    expect(await store.db.copies.count()).toBe(3);
    expect(summary).toEqual({
      batches: 2,
      copies: 3,
      addedCopies: 3,
      outdatedScans: 0,
      withdrawnCopies: 0,
      withdrawnBatches: 0,
      cursor: 'c-1',
    });
  });

  it('stores the changes cursor', async () => {
    server.cursor = 'opaque-cursor-42';

    await refresh();

    expect(await store.db.kv.get(CHANGES_CURSOR_KEY)).toEqual({
      key: 'changes-cursor',
      value: 'opaque-cursor-42',
    });
    expect(await readChangesCursor(store.db)).toBe('opaque-cursor-42');
  });

  it('reads no cursor before any refresh', async () => {
    expect(await readChangesCursor(store.db)).toBeNull();
  });

  it('stores an empty assignment list', async () => {
    server.batches.clear();

    const summary = await refresh();

    expect(summary.batches).toBe(0);
    expect(await store.db.batches.count()).toBe(0);
    expect(await readChangesCursor(store.db)).toBe('c-1');
  });

  it('keeps the latest version of a scheme', async () => {
    server.schemes.set('sch1', scheme('sch1', { version: 3, title: 'v3' }));
    server.getAssignments = async function (this: FakeServer) {
      const answer = await FakeServer.prototype.getAssignments.call(this);
      return {
        ...answer,
        schemes: [scheme('sch1', { version: 2, title: 'v2' })],
      };
    };

    await refresh();

    expect((await store.db.schemes.get('sch1'))?.title).toBe('v3');
  });
});

describe('refreshAssignments merge', () => {
  it('keeps a stored scan as stored', async () => {
    await refresh();
    await scans.saveScan('c1', 1, sha('a'), pdf('c1'));
    server.cursor = 'c-2';

    const summary = await refresh();

    const row = await store.db.copies.get('c1');
    expect(row?.download).toBe('stored');
    expect(row?.storedRevision).toBe(1);
    expect(summary.addedCopies).toBe(0);
    expect(summary.outdatedScans).toBe(0);
    expect(await readChangesCursor(store.db)).toBe('c-2');
  });

  it('keeps a partial download as partial', async () => {
    await refresh();
    await scans.savePartial('c2', sha('a'), new Uint8Array(10));

    await refresh();

    expect((await store.db.copies.get('c2'))?.download).toBe('partial');
    expect((await store.db.copies.get('c1'))?.download).toBe('missing');
  });

  it('updates server fields of a known copy', async () => {
    await refresh();
    server.assign(batch('b1', { title: 'Lot renommé' }), [
      copy('c1', 'b1', { pageCount: 7 }),
      copy('c2', 'b1'),
    ]);

    await refresh();

    expect((await store.db.copies.get('c1'))?.pageCount).toBe(7);
    expect((await store.db.batches.get('b1'))?.title).toBe('Lot renommé');
  });

  it('adds a copy that the server added', async () => {
    await refresh();
    server.assign(batch('b1'), [
      copy('c1', 'b1'),
      copy('c2', 'b1'),
      copy('c4', 'b1'),
    ]);

    const summary = await refresh();

    expect(summary.addedCopies).toBe(1);
    expect((await store.db.copies.get('c4'))?.download).toBe('missing');
  });

  it('moves a copy to its new batch', async () => {
    await refresh();
    server.assign(batch('b1'), [copy('c1', 'b1')]);
    server.assign(batch('b2'), [copy('c3', 'b2'), copy('c2', 'b2')]);

    const summary = await refresh();

    const moved = await store.db.copies.get('c2');
    expect(moved?.batchId).toBe('b2');
    expect(moved?.withdrawnAt).toBeNull();
    expect(summary.withdrawnCopies).toBe(0);
  });
});

describe('refreshAssignments rescanned copy', () => {
  const rescanned = copy('c1', 'b1', {
    revision: 2,
    scan: { sha256: sha('b'), size: 2000, contentType: 'application/pdf' },
  });

  beforeEach(async () => {
    await refresh();
    await scans.saveScan('c1', 1, sha('a'), pdf('revision 1'));
    server.assign(batch('b1'), [rescanned, copy('c2', 'b1')]);
  });

  it('reads as needing a download', async () => {
    const summary = await refresh();

    const row = await store.db.copies.get('c1');
    expect(row?.revision).toBe(2);
    expect(row?.scan.sha256).toBe(sha('b'));
    expect(row?.download).toBe('missing');
    expect(row?.storedRevision).toBe(1);
    expect(summary.outdatedScans).toBe(1);
    expect(await scans.hasScan('c1', sha('b'))).toBe(false);
  });

  it('keeps the old scan readable until replaced', async () => {
    await refresh();

    const old = await scans.loadScan('c1');
    expect(await old?.text()).toBe('%PDF-1.7 revision 1');

    await scans.saveScan('c1', 2, sha('b'), pdf('revision 2'));
    const row = await store.db.copies.get('c1');
    expect(row?.download).toBe('stored');
    expect(row?.storedRevision).toBe(2);
    expect(await (await scans.loadScan('c1'))?.text()).toBe(
      '%PDF-1.7 revision 2',
    );
  });

  it('reads as partial when the new scan is under way', async () => {
    await scans.savePartial('c1', sha('b'), new Uint8Array(10));

    await refresh();

    expect((await store.db.copies.get('c1'))?.download).toBe('partial');
  });

  it('ignores a partial of the old scan', async () => {
    await refresh();
    await scans.saveScan('c2', 1, sha('a'), pdf('c2'));
    await store.db.copies.update('c1', { download: 'missing' });
    await store.db.partials.put({
      copyId: 'c1',
      sha256: sha('a'),
      size: 10,
      updatedAt: T1,
      data: { iv: new Uint8Array(12), ciphertext: new Blob([]) },
    });

    await refresh();

    expect((await store.db.copies.get('c1'))?.download).toBe('missing');
  });
});

describe('refreshAssignments withdrawals', () => {
  it('marks a copy the server stopped listing', async () => {
    await refresh();
    await scans.saveScan('c1', 1, sha('a'), pdf('c1'));
    await scans.savePartial('c2', sha('a'), new Uint8Array(10));
    const grades = new GradeStore(store.db, store.cipher);
    await grades.saveGradeEdit('c2', { marks: { q1: 4 } });
    server.assign(batch('b1'), [copy('c1', 'b1')]);
    clock = new Date(T2);

    const summary = await refresh();

    const withdrawn = await store.db.copies.get('c2');
    expect(withdrawn?.withdrawnAt).toBe(T2);
    expect(withdrawn?.download).toBe('missing');
    expect(await store.db.partials.get('c2')).toBeUndefined();
    expect((await grades.readGrade('c2'))?.marks).toEqual({ q1: 4 });
    expect(await store.db.outbox.get('c2')).toBeDefined();
    expect((await store.db.copies.get('c1'))?.withdrawnAt).toBeNull();
    expect(summary.withdrawnCopies).toBe(1);
  });

  it('keeps the first withdrawal time', async () => {
    await refresh();
    server.assign(batch('b1'), [copy('c1', 'b1')]);
    clock = new Date(T2);
    await refresh();
    clock = new Date(T3);

    const summary = await refresh();

    expect((await store.db.copies.get('c2'))?.withdrawnAt).toBe(T2);
    expect(summary.withdrawnCopies).toBe(0);
  });

  it('keeps the stored scan of a withdrawn copy', async () => {
    await refresh();
    await scans.saveScan('c2', 1, sha('a'), pdf('c2'));
    server.assign(batch('b1'), [copy('c1', 'b1')]);

    await refresh();

    expect((await store.db.copies.get('c2'))?.download).toBe('stored');
    expect(await scans.hasScan('c2', sha('a'))).toBe(true);
  });

  it('clears the mark of a copy listed again', async () => {
    await refresh();
    server.assign(batch('b1'), [copy('c1', 'b1')]);
    await refresh();
    server.assign(batch('b1'), [copy('c1', 'b1'), copy('c2', 'b1')]);

    await refresh();

    expect((await store.db.copies.get('c2'))?.withdrawnAt).toBeNull();
  });

  it('records a batch no longer assigned', async () => {
    await refresh();
    const grades = new GradeStore(store.db, store.cipher);
    await grades.saveGradeEdit('c3', { marks: { q1: 2 } });
    server.batches.delete('b2');
    server.requests = [];
    clock = new Date(T2);

    const summary = await refresh();

    expect(summary.withdrawnBatches).toBe(1);
    expect(await readWithdrawnBatches(store.db)).toEqual(new Map([['b2', T2]]));
    expect(await store.db.batches.get('b2')).toBeDefined();
    const orphan = await store.db.copies.get('c3');
    expect(orphan?.withdrawnAt).toBeNull();
    expect(orphan?.batchId).toBe('b2');
    expect((await grades.readGrade('c3'))?.marks).toEqual({ q1: 2 });
    expect(server.requests).toEqual(['/assignments', '/batches/b1']);
  });

  it('keeps the first batch withdrawal time', async () => {
    await refresh();
    server.batches.delete('b2');
    clock = new Date(T2);
    await refresh();
    clock = new Date(T3);

    const summary = await refresh();

    expect(summary.withdrawnBatches).toBe(0);
    expect((await readWithdrawnBatches(store.db)).get('b2')).toBe(T2);
  });

  it('clears the mark of a batch assigned again', async () => {
    await refresh();
    const b2 = server.batches.get('b2')!;
    server.batches.delete('b2');
    await refresh();
    server.assign(b2.batch, b2.copies);

    await refresh();

    expect(await readWithdrawnBatches(store.db)).toEqual(new Map());
    expect(await store.db.kv.get(WITHDRAWN_BATCHES_KEY)).toEqual({
      key: WITHDRAWN_BATCHES_KEY,
      value: [],
    });
  });
});

describe('refreshAssignments failures', () => {
  beforeEach(async () => {
    await refresh();
    await scans.saveScan('c1', 1, sha('a'), pdf('c1'));
    server.cursor = 'c-2';
    server.assign(batch('b1', { title: 'changed' }), [copy('c1', 'b1')]);
    server.batches.delete('b2');
  });

  it('writes nothing when the assignments fail', async () => {
    const before = await snapshot();
    const failure = new NetworkError('GET /assignments got no response');
    server.failures.set('/assignments', failure);
    server.requests = [];

    await expect(refresh()).rejects.toBe(failure);

    expect(await snapshot()).toEqual(before);
    expect(server.requests).toEqual(['/assignments']);
  });

  it('writes nothing when one batch fails', async () => {
    server.assign(batch('b3'), [copy('c5', 'b3')]);
    const before = await snapshot();
    const failure = new ApiError({
      method: 'GET',
      path: '/batches/b3',
      status: 404,
      type: 'about:blank',
      title: 'Not Found',
      detail: 'batch b3 is not assigned to the caller',
    });
    server.failures.set('/batches/b3', failure);

    await expect(refresh()).rejects.toBe(failure);

    expect(await snapshot()).toEqual(before);
    expect(await readChangesCursor(store.db)).toBe('c-1');
  });

  it('raises SignInRequiredError unchanged', async () => {
    const before = await snapshot();
    const failure = new SignInRequiredError('sign in again');
    server.failures.set('/batches/b1', failure);

    await expect(refresh()).rejects.toBe(failure);

    expect(await snapshot()).toEqual(before);
  });

  it('writes nothing when cancelled', async () => {
    const before = await snapshot();
    const controller = new AbortController();
    const refreshing = refresh({ signal: controller.signal });
    controller.abort(new DOMException('closed', 'AbortError'));

    await expect(refreshing).rejects.toMatchObject({ name: 'AbortError' });

    expect(await snapshot()).toEqual(before);
  });

  it('writes nothing when storage is full', async () => {
    const before = await snapshot();
    store.writeFailures.failWritesTo('copies');

    const failure = refresh();

    await expect(failure).rejects.toBeInstanceOf(StorageFullError);
    await expect(failure).rejects.toThrow(
      'Not enough storage space to save the assignments (batches: 1, copies: 1)',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('rejects a batch answered under another id', async () => {
    const before = await snapshot();
    server.getBatch = async () => ({
      batch: batch('other'),
      copies: [],
      scheme: scheme('sch1'),
    });

    await expect(refresh()).rejects.toThrow(
      'GET /batches/b1 returned batch "other" instead',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('rejects a copy of another batch', async () => {
    const before = await snapshot();
    server.assign(batch('b1'), [copy('c1', 'b9')]);

    await expect(refresh()).rejects.toThrow(
      'GET /batches/b1 listed copy "c1" of batch "b9"',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('rejects a scheme other than the batch names', async () => {
    const before = await snapshot();
    server.schemes.set('sch2', scheme('sch2'));
    const getBatch = server.getBatch.bind(server);
    server.getBatch = async (batchId, signal) => ({
      ...(await getBatch(batchId, signal)),
      scheme: scheme('sch2'),
    });

    await expect(refresh()).rejects.toThrow(
      'GET /batches/b1 returned scheme "sch2" for a batch marked with scheme "sch1"',
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe('refreshAssignments requests and logs', () => {
  it('sends batch requests a few at a time', async () => {
    for (let index = 3; index <= 8; index += 1) {
      server.assign(batch(`b${index}`), [copy(`c${index * 10}`, `b${index}`)]);
    }

    const summary = await refresh({ concurrency: 3 });

    expect(summary.batches).toBe(8);
    expect(server.maxConcurrentBatchRequests).toBe(3);
    expect(server.requests[0]).toBe('/assignments');
    expect(server.requests).toHaveLength(9);
  });

  it('rejects an invalid concurrency', async () => {
    await expect(refresh({ concurrency: 0 })).rejects.toThrow(
      'concurrency must be a positive integer, got 0',
    );
    expect(server.requests).toEqual([]);
  });

  it('logs start and end with counts', async () => {
    const { logger, lines } = recordingLogger();

    await refresh({ logger });

    expect(lines.map((line) => line.message)).toEqual([
      'assignments refresh started',
      'assignments refresh ended',
    ]);
    expect(lines[1]?.fields).toEqual({
      batches: 2,
      copies: 3,
      addedCopies: 3,
      outdatedScans: 0,
      withdrawnCopies: 0,
      withdrawnBatches: 0,
    });
  });

  it('logs a failure with its status', async () => {
    const { logger, lines } = recordingLogger();
    server.failures.set(
      '/assignments',
      new ApiError({
        method: 'GET',
        path: '/assignments',
        status: 503,
        type: 'about:blank',
        title: 'Service Unavailable',
        detail: 'database unreachable',
      }),
    );

    await expect(refresh({ logger })).rejects.toBeInstanceOf(ApiError);

    expect(lines.at(-1)).toEqual({
      level: 'error',
      message: 'assignments refresh failed, nothing was stored',
      fields: {
        error:
          'ApiError: GET /assignments failed with 503: database unreachable',
        status: 503,
      },
    });
  });

  it('logs a cancellation as info', async () => {
    const { logger, lines } = recordingLogger();
    const controller = new AbortController();
    controller.abort(new DOMException('closed', 'AbortError'));

    await expect(
      refresh({ logger, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });

    expect(lines.at(-1)?.level).toBe('info');
    expect(lines.at(-1)?.message).toBe(
      'assignments refresh cancelled, nothing was stored',
    );
  });
});

describe('refreshAssignments header layout', () => {
  it('stores the batch header layout', async () => {
    server.assign(batch('b1', { headerLayout: CUSTOM_HEADER_LAYOUT }), [
      copy('c1', 'b1'),
    ]);

    await refresh();

    expect((await store.db.batches.get('b1'))?.headerLayout).toEqual(
      CUSTOM_HEADER_LAYOUT,
    );
  });

  it('drops a layout the server removed', async () => {
    server.assign(batch('b1', { headerLayout: CUSTOM_HEADER_LAYOUT }), [
      copy('c1', 'b1'),
    ]);
    await refresh();

    server.assign(batch('b1'), [copy('c1', 'b1')]);
    await refresh();

    expect(await store.db.batches.get('b1')).not.toHaveProperty('headerLayout');
  });
});
