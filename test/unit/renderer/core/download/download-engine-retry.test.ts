import { describe, expect, it } from 'vitest';

import type { Copy } from '../../../../../shared/api/schemas';
import { ApiClient } from '../../../../../renderer/core/api/api-client';
import {
  MemoryRefreshTokenVault,
  VaultTokenStore,
} from '../../../../../renderer/core/api/token-store';
import { DownloadEngine } from '../../../../../renderer/core/download/download-engine';
import type {
  LogFields,
  Logger,
} from '../../../../../renderer/core/download/logger';
import { MESSAGES } from '../../../../../renderer/core/download/messages';
import { sha256Hex } from '../../../../../renderer/core/download/sha256';
import { MemoryScanStore } from '../../../../support/memory-scan-store';

const SCAN = new TextEncoder().encode('%PDF-1.7 a small scan for retry tests');

interface LogLine {
  level: string;
  message: string;
  fields: LogFields;
}

function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: string) =>
    (message: string, fields: LogFields = {}) => {
      lines.push({ level, message, fields });
    };
  return {
    lines,
    logger: {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
    },
  };
}

async function copyOfScan(): Promise<Copy> {
  return {
    id: 'c1',
    batchId: 'b1',
    anonymousCode: 'A000000001',
    pageCount: 1,
    scan: {
      sha256: await sha256Hex(SCAN),
      size: SCAN.byteLength,
      contentType: 'application/pdf',
    },
    revision: 1,
  };
}

/** Creates an engine whose scan requests get the statuses in `statuses`, then the scan. */
async function engineWith(statuses: number[], maxServerAttempts = 6) {
  const tokens = new VaultTokenStore(new MemoryRefreshTokenVault());
  await tokens.saveTokens('access', 'refresh');
  const requests: string[] = [];
  const fetchStub = async (input: RequestInfo | URL) => {
    requests.push(String(input));
    const status = statuses.shift();
    if (status !== undefined) {
      return new Response(JSON.stringify({ detail: `status ${status}` }), {
        status,
        headers: { 'content-type': 'application/problem+json' },
      });
    }
    return new Response(SCAN, { status: 200 });
  };

  const api = new ApiClient({
    baseUrl: 'http://127.0.0.1:9',
    tokens,
    fetch: fetchStub as typeof fetch,
  });
  const store = new MemoryScanStore();
  const { logger, lines } = recordingLogger();
  const engine = new DownloadEngine({
    api,
    store,
    logger,
    maxServerAttempts,
    backoff: { initialDelayMs: 4, maxDelayMs: 16 },
    random: () => 0.999_999,
  });
  return { engine, store, lines, requests };
}

function retryDelays(lines: LogLine[]): number[] {
  return lines
    .filter((line) => line.message === 'scan download failed, retrying')
    .map((line) => Number(line.fields.delayMs));
}

describe('DownloadEngine retries', () => {
  it('retries 5xx with growing delays', async () => {
    const { engine, store, lines, requests } = await engineWith([
      503, 500, 502, 503,
    ]);
    const copy = await copyOfScan();

    const result = await engine.download([copy]);

    expect(result.outcome).toBe('completed');
    expect(result.progress.copies[0]?.state).toBe('stored');
    expect(requests).toHaveLength(5);
    expect(retryDelays(lines)).toEqual([4, 8, 16, 16]);
    expect(await store.hasScan(copy.id, copy.scan.sha256)).toBe(true);
  });

  it('fails the copy after max attempts', async () => {
    const { engine, store, requests } = await engineWith(
      [503, 503, 503, 503, 503],
      3,
    );
    const copy = await copyOfScan();

    const result = await engine.download([copy]);

    expect(result.outcome).toBe('completed');
    expect(result.progress.copies[0]?.state).toBe('failed');
    expect(result.progress.copies[0]?.failure).toEqual(
      MESSAGES.serverUnavailable,
    );
    expect(requests).toHaveLength(3);
    expect(store.scans.size).toBe(0);
  });

  it('does not retry a 403', async () => {
    const { engine, requests } = await engineWith([403]);
    const copy = await copyOfScan();

    const result = await engine.download([copy]);

    expect(result.progress.copies[0]?.state).toBe('failed');
    expect(result.progress.copies[0]?.failure).toEqual(
      MESSAGES.unexpectedResponse,
    );
    expect(requests).toHaveLength(1);
  });

  it('skips a scan already stored', async () => {
    const { engine, store, requests } = await engineWith([]);
    const copy = await copyOfScan();
    await store.saveScan(copy.id, 1, copy.scan.sha256, SCAN);

    const result = await engine.download([copy]);

    expect(result.progress.copies[0]?.state).toBe('stored');
    expect(result.progress.copiesDone).toBe(1);
    expect(result.progress.bytesDone).toBe(SCAN.byteLength);
    expect(requests).toHaveLength(0);
  });

  it('rejects a concurrency of zero', () => {
    expect(
      () =>
        new DownloadEngine({
          api: {} as ApiClient,
          store: new MemoryScanStore(),
          concurrency: 0,
        }),
    ).toThrow(/concurrency: 0/);
  });
});
