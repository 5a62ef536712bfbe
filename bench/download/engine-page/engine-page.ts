/**
 * The engine benchmark page: the client core's download engine without the
 * React app, served from the reference server next to the app so that it
 * runs with the same origin and Content-Security-Policy. The Node script
 * calls `window.copydeskBench.prepare(...)`, then `scheduleDownload(...)`,
 * once per fresh browser profile.
 */
import { refreshAssignments } from '../../../renderer/core/assignments/refresh-assignments';
import { ApiClient } from '../../../renderer/core/api/api-client';
import {
  MemoryRefreshTokenVault,
  VaultTokenStore,
} from '../../../renderer/core/api/token-store';
import { BrowserKeyProvider } from '../../../renderer/core/crypto/browser-key-provider';
import {
  RecordCipher,
  type RecordRef,
} from '../../../renderer/core/crypto/record-cipher';
import { DownloadEngine } from '../../../renderer/core/download/download-engine';
import type { Logger } from '../../../renderer/core/download/logger';
import type { ScanStore } from '../../../renderer/core/download/scan-store';
import { createLocalStore } from '../../../renderer/core/store/local-store';
import type {
  EnginePageApi,
  EnginePageFailure,
  EnginePageRequest,
  EnginePageResult,
} from './page-api';

/**
 * Writes to the console as the browser build of the app does, `[download]
 * message key=value`.
 */
const consoleLogger: Logger = {
  debug: (message, fields) => console.debug(formatLine(message, fields)),
  info: (message, fields) => console.info(formatLine(message, fields)),
  warn: (message, fields) => console.warn(formatLine(message, fields)),
  error: (message, fields) => console.error(formatLine(message, fields)),
};

function formatLine(
  message: string,
  fields: Record<string, unknown> | undefined,
): string {
  const pairs = Object.entries(fields ?? {}).map(
    ([key, value]) => `${key}=${JSON.stringify(value)}`,
  );
  return [`[download] ${message}`, ...pairs].join(' ');
}

/**
 * Creates a store that keeps no scan. With a cipher, it first encrypts each
 * scan as `EncryptedScanStore` does before its IndexedDB write.
 */
function createDroppingStore(cipher: RecordCipher | null): ScanStore {
  return {
    hasScan: async () => false,
    saveScan: async (copyId, revision, sha256, bytes) => {
      if (cipher === null) {
        return;
      }
      const record: RecordRef = {
        kind: 'scan',
        id: copyId,
        bindings: [revision, sha256],
      };
      const { ciphertext } = await cipher.encrypt(record, bytes);
      void new Blob([ciphertext]);
    },
    loadPartial: async () => null,
    savePartial: async () => undefined,
    deletePartial: async () => undefined,
    markWithdrawn: async () => undefined,
  };
}

/** A download ready to start, made by `prepare`. */
let prepared: (() => Promise<EnginePageResult>) | null = null;

async function prepare(request: EnginePageRequest): Promise<void> {
  const api = new ApiClient({
    baseUrl: window.location.origin,
    tokens: new VaultTokenStore(new MemoryRefreshTokenVault()),
  });
  await api.signIn(request.username, request.password, 'bench engine page');
  const assignments = await api.getAssignments();
  const batchId = assignments.batches[0]?.id;
  if (batchId === undefined) {
    throw new Error(
      `The grader ${request.username} has no batch: check the imported sitting`,
    );
  }

  if (request.variant === 'fetch') {
    prepared = () => fetchEveryScan(api, batchId, request.concurrency);
    return;
  }

  let store: ScanStore;
  if (request.variant === 'engine-store') {
    const local = createLocalStore(new BrowserKeyProvider());
    await refreshAssignments({ api, db: local.db });
    store = local.scans;
  } else {
    const cipher =
      request.variant === 'engine-encrypt'
        ? new RecordCipher(new BrowserKeyProvider())
        : null;
    store = createDroppingStore(cipher);
  }

  const engine = new DownloadEngine({
    api,
    store,
    logger: consoleLogger,
    concurrency: request.concurrency,
  });
  prepared = () => downloadWithEngine(engine, batchId);
}

function scheduleDownload(resultPath: string, delayMs: number): void {
  const start = prepared;
  prepared = null;
  if (start === null) {
    throw new Error(
      'scheduleDownload() called before prepare(): prepare a variant first',
    );
  }

  setTimeout(() => {
    start()
      .catch((error: unknown): EnginePageFailure => ({
        error:
          error instanceof Error
            ? (error.stack ?? error.message)
            : String(error),
      }))
      .then((body) =>
        fetch(resultPath, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      )
      .catch((error: unknown) => {
        console.error(`posting the result to ${resultPath} failed`, error);
      });
  }, delayMs);
}

async function downloadWithEngine(
  engine: DownloadEngine,
  batchId: string,
): Promise<EnginePageResult> {
  const started = performance.now();
  const result = await engine.downloadBatch(batchId);
  const milliseconds = performance.now() - started;

  const failures = result.progress.copies
    .filter((copy) => copy.state === 'failed')
    .map((copy) => `${copy.copyId}: ${copy.failure?.en ?? 'failed'}`);
  if (result.stopReason !== null) {
    failures.push(`batch stopped: ${result.stopReason.en}`);
  }

  return {
    milliseconds,
    outcome: result.outcome,
    copiesDone: result.progress.copiesDone,
    copiesTotal: result.progress.copiesTotal,
    bodyBytes: result.progress.bytesDone,
    failures,
  };
}

/**
 * Lists the batch, then reads every scan body to the end with `concurrency`
 * loops sharing one queue.
 */
async function fetchEveryScan(
  api: ApiClient,
  batchId: string,
  concurrency: number,
): Promise<EnginePageResult> {
  const started = performance.now();
  const { copies } = await api.getBatch(batchId);
  let next = 0;
  let copiesDone = 0;
  let bodyBytes = 0;

  const loop = async () => {
    while (next < copies.length) {
      const copy = copies[next]!;
      next += 1;

      const response = await api.downloadScan(copy.id);
      const reader = response.body!.getReader();
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) {
          break;
        }
        bodyBytes += chunk.value.byteLength;
      }
      copiesDone += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));

  return {
    milliseconds: performance.now() - started,
    outcome: 'completed',
    copiesDone,
    copiesTotal: copies.length,
    bodyBytes,
    failures: [],
  };
}

const benchApi: EnginePageApi = { prepare, scheduleDownload };
(window as unknown as { copydeskBench: EnginePageApi }).copydeskBench =
  benchApi;
document.documentElement.dataset.benchReady = 'true';
