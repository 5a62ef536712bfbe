/**
 * The OCR queue's page checks with a batch's own header layout, on real
 * components: the sample generator prints a copy with the labels "Code
 * candidat", "Feuillets" and "Feuillet i / n", pdf.js renders it in Node,
 * and real tesseract.js workers read its header band. The copy reads clean
 * with the batch's layout, and with the default layout no header label is
 * found on any page.
 */
import 'fake-indexeddb/auto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { IntegrityFinding } from '../../../renderer/core/ocr/integrity-finding';
import {
  OcrQueue,
  type CopyInspector,
} from '../../../renderer/core/ocr/ocr-queue';
import { OcrStore } from '../../../renderer/core/ocr/ocr-store';
import { generateCopyPdf } from '../../../server/sample';
import { PdfPageSource } from '../../../server/scan-check/pdf-page-source';
import type { Batch } from '../../../shared/api/schemas';
import { nodeOcrPaths } from '../../../shared/ocr/ocr-node-paths';
import { OcrPool } from '../../../shared/ocr/ocr-pool';
import { inspectCopy } from '../../../shared/ocr/page-inspection';
import {
  CUSTOM_HEADER_LABELS,
  CUSTOM_HEADER_LAYOUT,
} from '../../support/custom-header-layout';
import {
  copyRow,
  openTestStore,
} from '../../unit/renderer/core/store/test-store';

const ANONYMOUS_CODE = 'A000731234';
const PAGE_COUNT = 2;

let pdf: Uint8Array;
let pool: OcrPool;

/** Checks the sample copy as the app does, through the queue. */
async function checkWithBatchLayout(
  headerLayout: Batch['headerLayout'],
): Promise<IntegrityFinding[]> {
  const store = openTestStore();
  const ocr = new OcrStore(store.db, store.cipher);
  await store.db.batches.put({
    id: 'b1',
    sessionId: 's1',
    subject: 'Philosophie',
    title: 'Lot 1',
    deadline: '2099-07-03T18:00:00.000Z',
    status: 'open',
    schemeId: 'scheme-1',
    copyCount: 1,
    ...(headerLayout === undefined ? {} : { headerLayout }),
  });
  await store.db.copies.put(
    copyRow('c1', {
      batchId: 'b1',
      anonymousCode: ANONYMOUS_CODE,
      pageCount: PAGE_COUNT,
      storedRevision: 1,
      download: 'stored',
    }),
  );

  const inspector: CopyInspector = {
    async inspect(copy, layout, signal) {
      const source = await PdfPageSource.open(pdf);
      try {
        const inspection = await inspectCopy(source, pool, {
          expectedCode: copy.anonymousCode,
          layout,
          signal,
        });
        return inspection.findings;
      } finally {
        await source.close();
      }
    },
  };
  const queue = new OcrQueue({
    db: store.db,
    store: ocr,
    reader: {
      read: () => Promise.reject(new Error('no whole-page reads expected')),
    },
    inspector,
    concurrency: 1,
  });

  try {
    await queue.refresh();
    await queue.whenIdle();
    const check = await store.db.ocrChecks.get(['c1', 1]);
    if (check === undefined) {
      throw new Error('The queue stored no checks for copy c1');
    }
    return check.findings;
  } finally {
    queue.close();
    store.db.close();
  }
}

beforeAll(async () => {
  pdf = await generateCopyPdf({
    anonymousCode: ANONYMOUS_CODE,
    pageCount: PAGE_COUNT,
    seed: 7,
    headerLabels: CUSTOM_HEADER_LABELS,
  });
  pool = new OcrPool({ ...nodeOcrPaths(), workerCount: 1 });
}, 60_000);

afterAll(async () => {
  await pool?.close();
});

describe('page checks with the batch layout', () => {
  it('custom labels read with batch layout', async () => {
    const findings = await checkWithBatchLayout(CUSTOM_HEADER_LAYOUT);

    expect(findings).toEqual([]);
  }, 120_000);

  it('custom labels unread with default layout', async () => {
    const findings = await checkWithBatchLayout(undefined);

    expect(findings).toContainEqual({ kind: 'code-missing', pages: [1, 2] });
    expect(findings).toContainEqual({
      kind: 'page-number-unread',
      pages: [1, 2],
    });
  }, 120_000);
});
