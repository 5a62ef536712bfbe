import 'fake-indexeddb/auto';

import { createHash } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MemoryKeyProvider } from '../../../../renderer/core/crypto/memory-key-provider';
import { createLocalStore } from '../../../../renderer/core/store/local-store';
import { startTestServer, type TestServer } from '../../../support/test-server';
import { createEngine, signInClient } from './download-setup';

// The download engine writing into the real encrypted IndexedDB store (here
// fake-indexeddb in Node), against the real server: the two halves of
// "available offline" fit together.
describe('download into the local store', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { copiesPerBatch: 4 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('stores every scan encrypted and readable', async () => {
    const client = await signInClient(server.url);
    const store = createLocalStore(new MemoryKeyProvider(), 'download-test');
    const { engine } = createEngine({ api: client.api, store: store.scans });

    const result = await engine.downloadBatch(client.batch.batch.id);

    expect(result.outcome).toBe('completed');
    for (const copy of client.batch.copies) {
      const blob = await store.scans.loadScan(copy.id);
      expect(blob, `scan of ${copy.anonymousCode}`).not.toBeNull();
      const bytes = Buffer.from(await blob!.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(
        copy.scan.sha256,
      );
      expect(bytes.equals(server.importedPdfs.get(copy.anonymousCode)!)).toBe(
        true,
      );
      expect(await store.scans.hasScan(copy.id, copy.scan.sha256)).toBe(true);
    }

    // IndexedDB contains only ciphertext: no stored blob carries the PDF
    // header or the page text of the scan.
    const rows = await store.db.scans.toArray();
    expect(rows).toHaveLength(client.batch.copies.length);
    for (const row of rows) {
      const stored = Buffer.from(await row.data.ciphertext.arrayBuffer());
      expect(stored.length).toBeGreaterThan(row.size);
      expect(stored.includes('%PDF')).toBe(false);
      expect(stored.includes('Anonymat')).toBe(false);
    }

    // A second run finds everything stored and downloads nothing.
    const again = createEngine({ api: client.api, store: store.scans });
    const before = client.requests.length;
    const second = await again.engine.downloadBatch(client.batch.batch.id);
    expect(second.outcome).toBe('completed');
    expect(
      client.requests.slice(before).filter((r) => r.url.endsWith('/scan')),
    ).toEqual([]);
    store.close();
  });
});
