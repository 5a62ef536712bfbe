import 'fake-indexeddb/auto';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  DownloadManager,
  type BatchDownload,
} from '../../../../renderer/app/services/download-manager';
import { ApiClient } from '../../../../renderer/core/api/api-client';
import { refreshAssignments } from '../../../../renderer/core/assignments/refresh-assignments';
import { MemoryKeyProvider } from '../../../../renderer/core/crypto/memory-key-provider';
import type { DownloadProgress } from '../../../../renderer/core/download/progress';
import {
  createLocalStore,
  type LocalStore,
} from '../../../../renderer/core/store/local-store';
import { FaultProxy } from '../../../support/fault-proxy';
import { startTestServer, type TestServer } from '../../../support/test-server';
import { signInClient, type SignedInClient } from '../download/download-setup';
import { createRecordingLogger } from './session-setup';

// More copies than the engine's 4 parallel downloads, so a cancel leaves
// copies that no download has taken yet.
const COPIES = 6;

// The downloads started from the batch screen, into the encrypted local
// store, against the real server.
describe('download manager', () => {
  let server: TestServer;
  let client: SignedInClient;
  let batchId: string;
  let store: LocalStore;
  let storeCount = 0;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { copiesPerBatch: COPIES });
    client = await signInClient(server.url);
    batchId = client.batch.batch.id;
  });

  afterAll(async () => {
    store?.close();
    await server?.close();
  });

  // Each test starts from a store that lists the batch and contains no scan.
  beforeEach(async () => {
    store?.close();
    storeCount += 1;
    store = createLocalStore(
      new MemoryKeyProvider(),
      `download-manager-${storeCount}`,
    );
    await refreshAssignments({ api: client.api, db: store.db });
  });

  function createManager(api: ApiClient | null = client.api) {
    const logger = createRecordingLogger();
    const manager = new DownloadManager({
      getApi: () => api,
      store: store.scans,
      logger,
    });
    return { manager, logger };
  }

  /** Resolves with the batch's download once it stops running. */
  function waitUntilEnded(manager: DownloadManager): Promise<BatchDownload> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the download did not end within 20 s')),
        20_000,
      );
      const unsubscribe = manager.subscribe(() => {
        const download = manager.get(batchId);
        if (download !== null && !download.running) {
          clearTimeout(timer);
          unsubscribe();
          resolve(download);
        }
      });
    });
  }

  async function downloadStates(): Promise<string[]> {
    const copies = await store.db.copies
      .where('batchId')
      .equals(batchId)
      .toArray();
    return copies.map((copy) => copy.download);
  }

  function sentBatchRequests(): number {
    return client.requests.filter((request) =>
      request.url.endsWith(`/batches/${batchId}`),
    ).length;
  }

  it('downloads a batch into the store', async () => {
    const { manager } = createManager();
    const seen: DownloadProgress[] = [];
    manager.subscribe(() => {
      const progress = manager.get(batchId)?.progress;
      if (progress != null && progress !== seen.at(-1)) {
        seen.push(progress);
      }
    });
    const ended = waitUntilEnded(manager);

    manager.start(batchId);

    expect(manager.get(batchId)).toEqual({
      batchId,
      running: true,
      progress: null,
      result: null,
      error: null,
    });
    const download = await ended;
    expect(download.error).toBeNull();
    expect(download.result?.outcome).toBe('completed');
    expect(download.progress?.copiesDone).toBe(COPIES);
    expect(download.progress?.copiesTotal).toBe(COPIES);
    expect(await downloadStates()).toEqual(Array(COPIES).fill('stored'));
    for (const copy of client.batch.copies) {
      expect(await store.scans.hasScan(copy.id, copy.scan.sha256)).toBe(true);
    }

    const copiesDone = seen.map((progress) => progress.copiesDone);
    expect(seen.length).toBeGreaterThan(COPIES);
    expect(copiesDone).toEqual([...copiesDone].sort((a, b) => a - b));
    expect(copiesDone.at(-1)).toBe(COPIES);
  });

  it('ignores a second start while running', async () => {
    const { manager } = createManager();
    const batchRequestsBefore = sentBatchRequests();
    const scanRequestsBefore = client.requests.length;
    const ended = waitUntilEnded(manager);

    manager.start(batchId);
    const first = manager.get(batchId);
    manager.start(batchId);

    expect(manager.get(batchId)).toBe(first);
    const download = await ended;
    expect(download.result?.outcome).toBe('completed');
    expect(sentBatchRequests() - batchRequestsBefore).toBe(1);
    const scanRequests = client.requests
      .slice(scanRequestsBefore)
      .filter((request) => request.url.endsWith('/scan'));
    expect(scanRequests).toHaveLength(COPIES);
  });

  /** Starts the batch and cancels it at the first progress event. */
  async function cancelAtFirstProgress(
    manager: DownloadManager,
  ): Promise<BatchDownload> {
    const unsubscribe = manager.subscribe(() => {
      if (manager.get(batchId)?.progress != null) {
        unsubscribe();
        manager.cancel(batchId);
      }
    });
    const ended = waitUntilEnded(manager);
    manager.start(batchId);
    return ended;
  }

  it('cancel ends the run as cancelled', async () => {
    const { manager } = createManager();

    const download = await cancelAtFirstProgress(manager);

    expect(download.error).toBeNull();
    expect(download.result?.outcome).toBe('cancelled');
    // The copies no download had taken yet are never requested.
    expect(download.result?.progress.copiesDone).toBeLessThanOrEqual(4);
    const states = await downloadStates();
    expect(states.filter((state) => state === 'missing').length).toBe(
      COPIES - (download.result?.progress.copiesDone ?? 0),
    );

    // A new start after the cancel downloads the rest.
    const again = waitUntilEnded(manager);
    manager.start(batchId);
    expect((await again).result?.outcome).toBe('completed');
    expect(await downloadStates()).toEqual(Array(COPIES).fill('stored'));
  });

  it('cancel stores no scan after it', async () => {
    const { manager } = createManager();

    const download = await cancelAtFirstProgress(manager);

    expect(download.result?.outcome).toBe('cancelled');
    expect(download.result?.progress.copiesDone).toBe(0);
    expect(await downloadStates()).toEqual(Array(COPIES).fill('missing'));
  });

  it('cancel before the copy list is no error', async () => {
    const { manager } = createManager();
    const ended = waitUntilEnded(manager);

    manager.start(batchId);
    manager.cancel(batchId);
    const download = await ended;

    expect(download.running).toBe(false);
    expect(download.error).toBeNull();
    expect(download.result).toBeNull();
    expect(await downloadStates()).toEqual(Array(COPIES).fill('missing'));
  });

  it('reset forgets every download', async () => {
    const { manager } = createManager();
    manager.start(batchId);
    await new Promise<void>((resolve) => {
      const stop = manager.subscribe(() => {
        if (manager.get(batchId)?.progress) {
          stop();
          resolve();
        }
      });
    });

    manager.reset();
    // Let the aborted run settle: it must not bring its result back.
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(manager.get(batchId)).toBeNull();
  });

  it('start without a server does nothing', () => {
    const { manager } = createManager(null);
    let notified = 0;
    manager.subscribe(() => {
      notified += 1;
    });

    manager.start(batchId);

    expect(manager.get(batchId)).toBeNull();
    expect(notified).toBe(0);
  });

  it('unknown batch ends with an error', async () => {
    const { manager } = createManager();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const ended = new Promise<BatchDownload>((resolve) => {
      manager.subscribe(() => {
        const download = manager.get(unknown);
        if (download !== null && !download.running) {
          resolve(download);
        }
      });
    });

    manager.start(unknown);
    const download = await ended;

    expect(download.result).toBeNull();
    expect(download.error).toMatchObject({ status: 404 });
  });

  it('online() resumes a paused download', async () => {
    const proxy = await FaultProxy.start(server.url);
    try {
      const api = new ApiClient({
        baseUrl: proxy.url,
        tokens: client.tokens,
      });
      const { manager, logger } = createManager(api);
      let cut = false;
      let resumed = false;
      manager.subscribe(() => {
        const progress = manager.get(batchId)?.progress;
        if (progress == null) {
          return;
        }
        // The server goes away as the first scan starts, and comes back
        // once the engine has paused.
        if (!cut) {
          cut = true;
          void proxy.refuseConnections();
        } else if (progress.offline && !resumed) {
          resumed = true;
          void proxy.acceptConnections().then(() => manager.online());
        }
      });
      const ended = waitUntilEnded(manager);

      manager.start(batchId);
      const download = await ended;

      expect(resumed).toBe(true);
      expect(download.result?.outcome).toBe('completed');
      expect(await downloadStates()).toEqual(Array(COPIES).fill('stored'));
      const reopened = logger.lines.find(
        (line) => line.message === 'server reachable again, downloads resumed',
      );
      expect(reopened?.fields?.reason).toBe('reported online by the caller');
    } finally {
      await proxy.close();
    }
  });
});
