/**
 * The OCR queue checks each copy with its batch's header layout, falls back
 * to the default for a batch with none or an invalid one, and checks again
 * when the layout changes.
 */
import 'fake-indexeddb/auto';

import { beforeEach, describe, expect, it } from 'vitest';

import type { Batch } from '../../../../../shared/api/schemas';
import {
  DEFAULT_HEADER_LAYOUT,
  type HeaderLayout,
} from '../../../../../shared/ocr/header-layout';
import type { OcrReading } from '../../../../../shared/ocr/ocr-types';
import type {
  LogFields,
  Logger,
} from '../../../../../renderer/core/download/logger';
import {
  headerLayoutKey,
  HeaderLayoutResolver,
} from '../../../../../renderer/core/ocr/batch-header-layout';
import type { IntegrityFinding } from '../../../../../renderer/core/ocr/integrity-finding';
import {
  type CopyInspector,
  OcrQueue,
} from '../../../../../renderer/core/ocr/ocr-queue';
import { OcrStore } from '../../../../../renderer/core/ocr/ocr-store';
import type { CopyRow } from '../../../../../renderer/core/store/rows';
import { CUSTOM_HEADER_LAYOUT } from '../../../../support/custom-header-layout';
import { copyRow, openTestStore, type TestStore } from '../store/test-store';
import { readingOf } from './ocr-fixtures';

class LayoutRecordingInspector implements CopyInspector {
  readonly inspected: { copyId: string; layout: HeaderLayout }[] = [];

  inspect(copy: CopyRow, layout: HeaderLayout): Promise<IntegrityFinding[]> {
    this.inspected.push({ copyId: copy.id, layout });
    return Promise.resolve([]);
  }
}

class RecordingLogger implements Logger {
  readonly warnings: { message: string; fields?: LogFields }[] = [];
  debug(): void {}
  info(): void {}
  error(): void {}
  warn(message: string, fields?: LogFields): void {
    this.warnings.push({ message, fields });
  }
}

function batch(id: string, headerLayout?: unknown): Batch {
  return {
    id,
    sessionId: 's1',
    subject: 'Philosophie',
    title: `Lot ${id}`,
    deadline: '2099-07-03T18:00:00.000Z',
    status: 'open',
    schemeId: 'scheme-1',
    copyCount: 1,
    ...(headerLayout === undefined
      ? {}
      : { headerLayout: headerLayout as HeaderLayout }),
  };
}

let store: TestStore;
let ocr: OcrStore;
let inspector: LayoutRecordingInspector;
let logger: RecordingLogger;

const reader = {
  read: (): Promise<OcrReading> => Promise.resolve(readingOf('mot')),
};

function makeQueue(): OcrQueue {
  return new OcrQueue({
    db: store.db,
    store: ocr,
    reader,
    inspector,
    concurrency: 1,
    logger,
  });
}

/** Waits, a macrotask at a time, until `condition` holds; fails after 2 s. */
async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('Timed out after 2 s waiting for the queue');
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

async function checkAll(queue: OcrQueue): Promise<void> {
  await queue.refresh();
  await queue.whenIdle();
}

beforeEach(async () => {
  store = openTestStore();
  ocr = new OcrStore(store.db, store.cipher);
  inspector = new LayoutRecordingInspector();
  logger = new RecordingLogger();
  await store.db.copies.bulkPut([
    copyRow('c1', { batchId: 'b1', storedRevision: 1, pageCount: 1 }),
    copyRow('c2', { batchId: 'b2', storedRevision: 1, pageCount: 1 }),
  ]);
});

describe('OcrQueue header layout', () => {
  it('checks with the batch layout', async () => {
    await store.db.batches.bulkPut([
      batch('b1', CUSTOM_HEADER_LAYOUT),
      batch('b2'),
    ]);

    await checkAll(makeQueue());

    const byCopy = new Map(
      inspector.inspected.map((entry) => [entry.copyId, entry.layout]),
    );
    expect(byCopy.get('c1')).toEqual(CUSTOM_HEADER_LAYOUT);
    expect(byCopy.get('c2')).toBe(DEFAULT_HEADER_LAYOUT);
  });

  it('fills missing fields from the default', async () => {
    await store.db.batches.put(
      batch('b1', { labelPattern: CUSTOM_HEADER_LAYOUT.labelPattern }),
    );

    await checkAll(makeQueue());

    expect(inspector.inspected[0]?.copyId).toBe('c1');
    expect(inspector.inspected[0]?.layout).toEqual({
      ...DEFAULT_HEADER_LAYOUT,
      labelPattern: CUSTOM_HEADER_LAYOUT.labelPattern,
    });
  });

  it('uses the default without a batch row', async () => {
    await checkAll(makeQueue());

    expect(inspector.inspected.map((entry) => entry.layout)).toEqual([
      DEFAULT_HEADER_LAYOUT,
      DEFAULT_HEADER_LAYOUT,
    ]);
  });

  it('logs an invalid layout once', async () => {
    await store.db.batches.put(
      batch('b1', { ...CUSTOM_HEADER_LAYOUT, pageCountPattern: '(' }),
    );
    const queue = makeQueue();

    await checkAll(queue);
    await checkAll(queue);

    expect(inspector.inspected[0]?.copyId).toBe('c1');
    expect(inspector.inspected[0]?.layout).toBe(DEFAULT_HEADER_LAYOUT);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]?.fields?.batchId).toBe('b1');
    expect(String(logger.warnings[0]?.fields?.problems)).toContain(
      'pageCountPattern is not a valid regular expression',
    );
  });

  it('stores the layout key with the checks', async () => {
    await store.db.batches.put(batch('b1', CUSTOM_HEADER_LAYOUT));

    await checkAll(makeQueue());

    expect(await ocr.findingsLayoutKey('c1', 1)).toBe(
      await headerLayoutKey(CUSTOM_HEADER_LAYOUT),
    );
    expect(await ocr.findingsLayoutKey('c2', 1)).toBe(
      await headerLayoutKey(DEFAULT_HEADER_LAYOUT),
    );
  });

  it('checks again after a layout change', async () => {
    const queue = makeQueue();
    await checkAll(queue);

    await store.db.batches.put(batch('b1', CUSTOM_HEADER_LAYOUT));
    await checkAll(queue);
    await checkAll(queue);

    expect(inspector.inspected.map((entry) => entry.copyId)).toEqual([
      'c1',
      'c2',
      'c1',
    ]);
    expect(inspector.inspected[2]?.layout).toEqual(CUSTOM_HEADER_LAYOUT);
  });

  it('checks again after the layout is removed', async () => {
    await store.db.batches.put(batch('b1', CUSTOM_HEADER_LAYOUT));
    const queue = makeQueue();
    await checkAll(queue);

    await store.db.batches.put(batch('b1'));
    await checkAll(queue);

    expect(inspector.inspected.map((entry) => entry.copyId)).toEqual([
      'c1',
      'c2',
      'c1',
    ]);
    expect(inspector.inspected[2]?.layout).toBe(DEFAULT_HEADER_LAYOUT);
  });

  it('keeps checks stored without a key', async () => {
    await ocr.saveFindings('c1', 'b1', 1, []);
    await ocr.saveFindings('c2', 'b2', 1, []);
    await store.db.batches.put(batch('b2', CUSTOM_HEADER_LAYOUT));

    await checkAll(makeQueue());

    expect(inspector.inspected.map((entry) => entry.copyId)).toEqual(['c2']);
  });

  it('cancels a check run with an old layout', async () => {
    let release: () => void = () => undefined;
    const signals: AbortSignal[] = [];
    const heldInspector: CopyInspector = {
      inspect: (copy, layout, signal) => {
        inspector.inspected.push({ copyId: copy.id, layout });
        signals.push(signal);
        return new Promise((resolve, reject) => {
          release = () => resolve([]);
          signal.addEventListener('abort', () => reject(signal.reason));
        });
      },
    };
    await store.db.copies.delete('c2');
    const queue = new OcrQueue({
      db: store.db,
      store: ocr,
      reader,
      inspector: heldInspector,
      concurrency: 1,
    });
    await queue.refresh();
    await waitFor(() => signals.length === 1);

    await store.db.batches.put(batch('b1', CUSTOM_HEADER_LAYOUT));
    await queue.refresh();
    await waitFor(() => signals.length === 2);
    release();
    await queue.whenIdle();

    expect(signals[0]?.aborted).toBe(true);
    expect(inspector.inspected[1]?.layout).toEqual(CUSTOM_HEADER_LAYOUT);
    expect(await ocr.findingsLayoutKey('c1', 1)).toBe(
      await headerLayoutKey(CUSTOM_HEADER_LAYOUT),
    );
  });
});

describe('HeaderLayoutResolver', () => {
  it('gives equal layouts one key', async () => {
    const resolver = new HeaderLayoutResolver();
    const reordered = Object.fromEntries(
      Object.entries(CUSTOM_HEADER_LAYOUT).reverse(),
    );

    const first = await resolver.resolve(batch('b1', CUSTOM_HEADER_LAYOUT));
    const second = await resolver.resolve(batch('b2', reordered));

    expect(second.key).toBe(first.key);
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives an empty layout the default key', async () => {
    const resolver = new HeaderLayoutResolver();

    const empty = await resolver.resolve(batch('b1', {}));

    expect(empty.key).toBe((await resolver.defaultLayout()).key);
  });
});
