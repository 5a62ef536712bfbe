import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { StorageFullError } from '../../../../../renderer/core/download/scan-store';
import { ReportInputError } from '../../../../../renderer/core/reports/report-input';
import {
  countActiveReportsByCopy,
  countPendingReports,
  fileReport,
  listCopyReports,
  markReportRejected,
  markReportSent,
  readPendingReports,
  recordReportFailure,
} from '../../../../../renderer/core/reports/report-store';
import { copyRow, openTestStore, type TestStore } from '../store/test-store';

const T0 = new Date('2026-06-20T10:00:00.000Z');
const T1 = new Date('2026-06-20T10:05:00.000Z');
const T2 = new Date('2026-06-20T10:10:00.000Z');

describe('scan reports in the local store', () => {
  let store: TestStore;

  beforeEach(async () => {
    store = openTestStore();
    await store.db.copies.bulkPut([
      copyRow('c1', { pageCount: 4 }),
      copyRow('c2', { pageCount: 2 }),
    ]);
  });

  afterEach(async () => {
    await store.db.delete();
  });

  it('fileReport stores a pending report', async () => {
    const filed = await fileReport(
      store.db,
      { copyId: 'c1', kind: 'missing-page', pages: [3, 2], note: ' p. 3 ' },
      T0,
    );

    expect(await store.db.reports.get(filed.id)).toEqual({
      id: filed.id,
      copyId: 'c1',
      kind: 'missing-page',
      pages: [2, 3],
      note: 'p. 3',
      createdAt: T0.toISOString(),
      state: 'pending',
      attempts: 0,
      lastError: null,
      serverId: null,
      sentAt: null,
      rejection: null,
    });
  });

  it('fileReport gives each report its own id', async () => {
    const input = { copyId: 'c1', kind: 'missing-page', pages: [1], note: '' };

    const first = await fileReport(store.db, input, T0);
    const second = await fileReport(store.db, input, T0);

    expect(first.id).not.toBe(second.id);
    expect(await store.db.reports.count()).toBe(2);
  });

  it('fileReport stores nothing for invalid input', async () => {
    const filing = fileReport(
      store.db,
      { copyId: 'c2', kind: 'missing-page', pages: [3], note: '' },
      T0,
    );

    await expect(filing).rejects.toBeInstanceOf(ReportInputError);
    await expect(filing).rejects.toThrow('the copy has pages 1 to 2');
    expect(await store.db.reports.count()).toBe(0);
  });

  it('fileReport checks pages against the stored copy', async () => {
    await store.db.copies.update('c2', { pageCount: 3 });

    const filed = await fileReport(
      store.db,
      { copyId: 'c2', kind: 'missing-page', pages: [3], note: '' },
      T0,
    );

    expect(filed.pages).toEqual([3]);
  });

  it('fileReport raises StorageFullError when the quota is used up', async () => {
    store.writeFailures.failWritesTo('reports');

    const filing = fileReport(
      store.db,
      { copyId: 'c1', kind: 'missing-page', pages: [1], note: '' },
      T0,
    );

    await expect(filing).rejects.toBeInstanceOf(StorageFullError);
    await expect(filing).rejects.toThrow('copy c1');
    expect(await store.db.reports.count()).toBe(0);
  });

  it('reads pending reports oldest first', async () => {
    const late = await file('c1', T2);
    const early = await file('c2', T0);
    const middle = await file('c1', T1);
    await markReportSent(store.db, middle.id, 'server-1', T2);

    const pending = await readPendingReports(store.db);

    expect(pending.map((row) => row.id)).toEqual([early.id, late.id]);
    expect(await countPendingReports(store.db)).toBe(2);
  });

  it('lists a copy’s reports newest first', async () => {
    const first = await file('c1', T0);
    await file('c2', T1);
    const last = await file('c1', T2);

    const listed = await listCopyReports(store.db, 'c1');

    expect(listed.map((row) => row.id)).toEqual([last.id, first.id]);
  });

  it('counts reports per copy, leaving out rejected ones', async () => {
    const sent = await file('c1', T0);
    await file('c1', T1);
    const rejected = await file('c2', T1);
    await markReportSent(store.db, sent.id, 'server-1', T2);
    await markReportRejected(store.db, rejected.id, 404, 'not found', T2);

    const counts = await countActiveReportsByCopy(store.db);

    expect([...counts]).toEqual([['c1', 2]]);
  });

  it('marks a report sent with the server id', async () => {
    const filed = await file('c1', T0);

    expect(await markReportSent(store.db, filed.id, 'server-1', T1)).toBe(true);

    expect(await store.db.reports.get(filed.id)).toMatchObject({
      state: 'sent',
      serverId: 'server-1',
      sentAt: T1.toISOString(),
      attempts: 1,
      lastError: null,
    });
  });

  it('records a failure and keeps the report pending', async () => {
    const filed = await file('c1', T0);

    await recordReportFailure(store.db, filed.id, 'first');
    await recordReportFailure(store.db, filed.id, 'second');

    expect(await store.db.reports.get(filed.id)).toMatchObject({
      state: 'pending',
      attempts: 2,
      lastError: 'second',
    });
  });

  it('keeps a rejected report with its reason', async () => {
    const filed = await file('c1', T0);

    await markReportRejected(store.db, filed.id, 422, 'pages 4 are out', T1);

    expect(await store.db.reports.get(filed.id)).toMatchObject({
      state: 'rejected',
      attempts: 1,
      rejection: {
        status: 422,
        detail: 'pages 4 are out',
        rejectedAt: T1.toISOString(),
      },
    });
  });

  it('changes only pending reports', async () => {
    const filed = await file('c1', T0);
    await markReportSent(store.db, filed.id, 'server-1', T1);

    expect(await recordReportFailure(store.db, filed.id, 'late')).toBe(false);
    expect(await markReportRejected(store.db, filed.id, 404, 'late', T2)).toBe(
      false,
    );
    expect(await markReportSent(store.db, 'gone', 'server-2', T2)).toBe(false);
    expect(await store.db.reports.get(filed.id)).toMatchObject({
      state: 'sent',
      serverId: 'server-1',
      lastError: null,
    });
    expect(await store.db.reports.get('gone')).toBeUndefined();
  });

  function file(copyId: string, at: Date) {
    return fileReport(
      store.db,
      { copyId, kind: 'unreadable-page', pages: [1], note: '' },
      at,
    );
  }
});
