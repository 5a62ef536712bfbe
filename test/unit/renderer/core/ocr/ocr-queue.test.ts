import 'fake-indexeddb/auto';

import { beforeEach, describe, expect, it } from 'vitest';

import type { OcrReading } from '../../../../../shared/ocr/ocr-types';
import type { IntegrityFinding } from '../../../../../renderer/core/ocr/integrity-finding';
import {
  type CopyInspector,
  type OcrPageReader,
  OcrQueue,
  type PageReadRequest,
} from '../../../../../renderer/core/ocr/ocr-queue';
import { OcrStore } from '../../../../../renderer/core/ocr/ocr-store';
import { copyRow, openTestStore, type TestStore } from '../store/test-store';
import { readingOf } from './ocr-fixtures';

/** A read the test finishes by hand, to hold the queue in a given state. */
interface HeldRead {
  request: PageReadRequest;
  signal: AbortSignal;
  finish(reading?: OcrReading): void;
  fail(error: Error): void;
}

/**
 * An engine whose reads wait for the test, so it can check the order and
 * the cancellations the queue decides. The real engine runs in the
 * end-to-end tests.
 */
class HeldReader implements OcrPageReader {
  readonly reads: HeldRead[] = [];
  autoFinish = false;

  read(request: PageReadRequest, signal: AbortSignal): Promise<OcrReading> {
    return new Promise((resolve, reject) => {
      const held: HeldRead = {
        request,
        signal,
        finish: (reading = readingOf(`p${request.page}`)) => resolve(reading),
        fail: reject,
      };
      signal.addEventListener('abort', () => reject(signal.reason));
      this.reads.push(held);
      if (this.autoFinish) {
        held.finish();
      }
    });
  }

  started(): string[] {
    return this.reads.map(
      ({ request }) => `${request.copyId}:${request.page}:${request.scope}`,
    );
  }
}

class RecordingInspector implements CopyInspector {
  readonly inspected: string[] = [];
  findings: IntegrityFinding[] = [];

  failures = 0;

  inspect(copy: { id: string }): Promise<IntegrityFinding[]> {
    this.inspected.push(copy.id);
    if (this.failures > 0) {
      this.failures -= 1;
      return Promise.reject(new Error('header band render failed'));
    }
    return Promise.resolve(this.findings);
  }
}

let store: TestStore;
let ocr: OcrStore;
let reader: HeldReader;
let inspector: RecordingInspector;

function makeQueue(concurrency = 1): OcrQueue {
  return new OcrQueue({
    db: store.db,
    store: ocr,
    reader,
    inspector,
    concurrency,
  });
}

async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

beforeEach(async () => {
  store = openTestStore();
  ocr = new OcrStore(store.db, store.cipher);
  reader = new HeldReader();
  inspector = new RecordingInspector();
  await store.db.copies.bulkPut([
    copyRow('c1', { download: 'stored', storedRevision: 1, pageCount: 2 }),
    copyRow('c2', { download: 'stored', storedRevision: 1, pageCount: 2 }),
    copyRow('c3', { download: 'missing', pageCount: 2 }),
  ]);
});

describe('OcrQueue priorities', () => {
  it('checks copies before idle pages', async () => {
    reader.autoFinish = true;
    const queue = makeQueue();

    await queue.refresh();
    await queue.whenIdle();

    expect(inspector.inspected).toEqual(['c1', 'c2']);
    expect(reader.reads).toHaveLength(0);
  });

  it('reads whole pages only when idle', async () => {
    reader.autoFinish = true;
    const queue = makeQueue();
    await queue.refresh();
    await queue.whenIdle();

    queue.setIdle(true);
    await queue.whenIdle();

    expect(reader.started()).toEqual([
      'c1:1:page',
      'c1:2:page',
      'c2:1:page',
      'c2:2:page',
    ]);
    expect(queue.pending()).toEqual({ shown: 0, integrity: 0, idle: 0 });
  });

  it('puts the shown page first', async () => {
    const queue = makeQueue();
    queue.setIdle(true);
    await queue.showPage('c2', 2);
    await queue.refresh();
    reader.autoFinish = true;
    reader.reads[0]?.finish();
    await queue.whenIdle();

    expect(reader.started()[0]).toBe('c2:2:page');
    expect(inspector.inspected).toEqual(['c1', 'c2']);
    expect(reader.reads).toHaveLength(4);
  });

  it('skips copies not downloaded', async () => {
    reader.autoFinish = true;
    const queue = makeQueue();

    await queue.refresh();
    await queue.showPage('c3', 1);
    await queue.whenIdle();

    expect(reader.started().some((read) => read.startsWith('c3'))).toBe(false);
  });

  it('runs one read per worker', async () => {
    const queue = makeQueue(2);
    await store.db.ocrChecks.bulkPut([
      { copyId: 'c1', batchId: 'b1', revision: 1, checkedAt: '', findings: [] },
      { copyId: 'c2', batchId: 'b1', revision: 1, checkedAt: '', findings: [] },
    ]);
    queue.setIdle(true);

    await queue.refresh();
    await settle();

    expect(queue.running).toBe(2);
    expect(reader.reads).toHaveLength(2);
  });

  it('rejects a concurrency of zero', () => {
    expect(() => makeQueue(0)).toThrow('Invalid OCR concurrency 0');
  });
});

describe('OcrQueue cancellation', () => {
  it('stops the reads of a withdrawn copy', async () => {
    const queue = makeQueue();
    await queue.showPage('c1', 1);
    await queue.refresh();
    await settle();

    queue.withdrawCopy('c1');
    await queue.whenIdle();

    expect(reader.reads[0]?.signal.aborted).toBe(true);
    expect(inspector.inspected).toEqual(['c2']);
  });

  it('stops a page no longer shown', async () => {
    const queue = makeQueue();
    await queue.showPage('c1', 1);
    await settle();

    await queue.showPage('c1', 2);
    await settle();

    expect(reader.reads[0]?.request.page).toBe(1);
    expect(reader.reads[0]?.signal.aborted).toBe(true);
    expect(reader.started()[1]).toBe('c1:2:page');
  });

  it('drops the work of a rescanned copy', async () => {
    const queue = makeQueue();
    queue.setIdle(true);
    await queue.refresh();
    await settle();

    await store.db.copies.update('c1', { storedRevision: 2 });
    await queue.refresh();
    reader.autoFinish = true;
    await settle();
    for (const read of reader.reads.filter((held) => !held.signal.aborted)) {
      read.finish();
    }
    await queue.whenIdle();

    const c1Revisions = reader.reads
      .filter(({ request }) => request.copyId === 'c1')
      .map(({ request }) => request.revision);
    expect(reader.reads[0]?.signal.aborted).toBe(true);
    expect(c1Revisions).toEqual([1, 2, 2]);
    expect(inspector.inspected).toEqual(['c1', 'c2', 'c1']);
  });

  it('stops everything when turned off', async () => {
    const queue = makeQueue();
    await queue.showPage('c1', 2);
    await settle();

    queue.setEnabled(false);
    await queue.whenIdle();

    expect(reader.reads[0]?.signal.aborted).toBe(true);
    expect(queue.running).toBe(0);
  });
});

describe('OcrQueue results', () => {
  it('stores the findings of each copy', async () => {
    reader.autoFinish = true;
    inspector.findings = [{ kind: 'blank-page', pages: [2] }];
    const queue = makeQueue();

    await queue.refresh();
    await queue.whenIdle();

    expect(inspector.inspected).toEqual(['c1', 'c2']);
    expect((await store.db.ocrChecks.get(['c1', 1]))?.findings).toEqual([
      { kind: 'blank-page', pages: [2] },
    ]);
  });

  it('reads no page twice after a restart', async () => {
    reader.autoFinish = true;
    const first = makeQueue();
    await first.refresh();
    first.setIdle(true);
    await first.whenIdle();
    first.close();
    const readsBefore = reader.reads.length;

    const second = makeQueue();
    await second.refresh();
    second.setIdle(true);
    await second.showPage('c1', 1);
    await second.whenIdle();

    expect(readsBefore).toBe(4);
    expect(reader.reads).toHaveLength(4);
    expect(inspector.inspected).toEqual(['c1', 'c2']);
  });

  it('resumes a queue closed halfway', async () => {
    const first = makeQueue();
    first.setIdle(true);
    await first.refresh();
    await settle();
    reader.reads[0]?.finish();
    await settle();
    first.close();

    reader.autoFinish = true;
    const second = makeQueue();
    second.setIdle(true);
    await second.refresh();
    await second.whenIdle();

    expect(reader.started()).toEqual([
      'c1:1:page',
      'c1:2:page',
      'c1:2:page',
      'c2:1:page',
      'c2:2:page',
    ]);
    expect(inspector.inspected).toEqual(['c1', 'c2']);
  });

  it('gives up on a page after two failures', async () => {
    const queue = makeQueue();
    await queue.showPage('c1', 1);
    await settle();

    reader.reads[0]?.fail(new Error('image decode failed'));
    await settle();
    reader.reads[1]?.fail(new Error('image decode failed'));
    await queue.whenIdle();

    expect(reader.reads).toHaveLength(2);
    expect(await store.db.ocr.count()).toBe(0);
  });

  it('retries a failed check once', async () => {
    inspector.failures = 1;
    const queue = makeQueue();

    await queue.refresh();
    await queue.whenIdle();

    expect(inspector.inspected).toEqual(['c1', 'c2', 'c1']);
    expect(await store.db.ocrChecks.count()).toBe(2);
  });
});
