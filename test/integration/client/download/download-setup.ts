/**
 * Common steps of the download tests: a real reference server, the client's
 * API client signed in as a grader (directly or through a fault proxy), and
 * checks that compare what the store holds with the imported scans.
 */
import { createHash } from 'node:crypto';

import { expect } from 'vitest';

import type { BatchDetail } from '../../../../shared/api/schemas';
import { ApiClient } from '../../../../renderer/core/api/api-client';
import {
  MemoryRefreshTokenVault,
  VaultTokenStore,
} from '../../../../renderer/core/api/token-store';
import {
  DownloadEngine,
  DownloadProgressEvent,
  type DownloadEngineOptions,
} from '../../../../renderer/core/download/download-engine';
import type { DownloadProgress } from '../../../../renderer/core/download/progress';
import { PASSWORDS } from '../../../support/fixture-sitting';
import type { MemoryScanStore } from '../../../support/memory-scan-store';
import type { TestServer } from '../../../support/test-server';

/** Short delays so retries and probes happen within a test's time. */
export const FAST_BACKOFF = { initialDelayMs: 20, maxDelayMs: 200 };

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

export interface SignedInClient {
  api: ApiClient;
  tokens: VaultTokenStore;
  batch: BatchDetail;
  /** Every request the API client sent, in order. */
  requests: SentRequest[];
}

/**
 * Signs in as amartin at `baseUrl` and lists the first batch. With `via`,
 * the returned client then sends its requests to that address (a fault
 * proxy) with the same tokens, so sign-in itself meets no fault.
 */
export async function signInClient(
  baseUrl: string,
  via?: string,
): Promise<SignedInClient> {
  const requests: SentRequest[] = [];
  const recordingFetch = (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push({
      method: init?.method ?? 'GET',
      url: String(input),
      headers: { ...(init?.headers as Record<string, string>) },
    });
    return fetch(input, init);
  };

  const tokens = new VaultTokenStore(new MemoryRefreshTokenVault());
  const api = new ApiClient({
    baseUrl,
    tokens,
    fetch: recordingFetch as typeof fetch,
  });
  await api.signIn('amartin', PASSWORDS.amartin, 'download test');

  const assignments = await api.getAssignments();
  const batchId = assignments.batches[0]?.id;
  if (batchId === undefined) {
    throw new Error('The fixture sitting assigned no batch to amartin');
  }
  const batch = await api.getBatch(batchId);
  if (via === undefined) {
    return { api, tokens, batch, requests };
  }

  const proxied = new ApiClient({
    baseUrl: via,
    tokens,
    fetch: recordingFetch as typeof fetch,
  });
  return { api: proxied, tokens, batch, requests };
}

/** Creates an engine and collects every progress event it sends. */
export function createEngine(options: DownloadEngineOptions): {
  engine: DownloadEngine;
  events: DownloadProgress[];
} {
  const engine = new DownloadEngine({ backoff: FAST_BACKOFF, ...options });
  const events: DownloadProgress[] = [];
  engine.addEventListener('progress', (event) => {
    events.push((event as DownloadProgressEvent).progress);
  });
  return { engine, events };
}

/** Scan requests among `requests`, for one copy or all. */
export function scanRequests(
  requests: SentRequest[],
  copyId?: string,
): SentRequest[] {
  const path = copyId === undefined ? '/scan' : `/copies/${copyId}/scan`;
  return requests.filter((request) => request.url.endsWith(path));
}

/** Asserts that the store contains each copy's scan as imported, with its SHA-256. */
export async function expectStoredAsImported(
  server: TestServer,
  store: MemoryScanStore,
  copyIds: string[],
  batch: BatchDetail,
): Promise<void> {
  for (const copyId of copyIds) {
    const copy = batch.copies.find((candidate) => candidate.id === copyId);
    const stored = store.scans.get(copyId);
    const imported = server.importedPdfs.get(copy?.anonymousCode ?? '');

    expect(stored, `scan of ${copyId} stored`).toBeDefined();
    expect(imported, `imported PDF of ${copyId}`).toBeDefined();
    const bytes = Buffer.from(stored!.bytes);
    expect(bytes.equals(imported!), `bytes of ${copyId}`).toBe(true);
    expect(stored!.sha256).toBe(copy?.scan.sha256);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      copy?.scan.sha256,
    );
    expect(stored!.revision).toBe(copy?.revision);
  }
}

/** Resolves with the first progress event that `test` accepts. */
export function waitForProgress(
  engine: DownloadEngine,
  test: (progress: DownloadProgress) => boolean,
): Promise<DownloadProgress> {
  return new Promise((resolve) => {
    const listener = (event: Event) => {
      const { progress } = event as DownloadProgressEvent;
      if (test(progress)) {
        engine.removeEventListener('progress', listener);
        resolve(progress);
      }
    };
    engine.addEventListener('progress', listener);
  });
}
