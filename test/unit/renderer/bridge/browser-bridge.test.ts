import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createBrowserBridge } from '../../../../renderer/bridge/browser-bridge';
import { REVOKE_DELAY_MS } from '../../../../renderer/bridge/download-link';
import { createFakeDocument } from './fake-document';

function createConsole() {
  return {
    error: vi.fn(),
    warn: vi.fn(),
    info: vi.fn(),
    debug: vi.fn(),
  };
}

function createBridge() {
  const document = createFakeDocument();
  const output = createConsole();
  const bridge = createBrowserBridge({
    config: { serverUrl: 'https://copydesk.example.org', language: 'fr' },
    version: '1.2.3',
    locale: 'fr-FR',
    document,
    console: output,
  });
  return { bridge, document, output };
}

describe('browser bridge vault', () => {
  it('starts without a refresh token', async () => {
    const { bridge } = createBridge();

    expect(await bridge.vault.getRefreshToken()).toBeNull();
  });

  it('keeps the token in memory only', async () => {
    const { bridge } = createBridge();

    const result = await bridge.vault.setRefreshToken('refresh-1');

    expect(result).toEqual({
      persisted: false,
      reason: 'encryption-unavailable',
    });
    expect(await bridge.vault.getRefreshToken()).toBe('refresh-1');
  });

  it('forgets the token on clear', async () => {
    const { bridge } = createBridge();
    await bridge.vault.setRefreshToken('refresh-1');

    await bridge.vault.clear();

    expect(await bridge.vault.getRefreshToken()).toBeNull();
  });

  it('loses the token in a new bridge', async () => {
    const first = createBridge().bridge;
    await first.vault.setRefreshToken('refresh-1');

    const afterReload = createBridge().bridge;

    expect(await afterReload.vault.getRefreshToken()).toBeNull();
  });

  it('rejects an empty token', async () => {
    const { bridge } = createBridge();

    await expect(bridge.vault.setRefreshToken('')).rejects.toThrow(
      'vault:set-refresh-token rejected: invalid payload',
    );
    expect(await bridge.vault.getRefreshToken()).toBeNull();
  });
});

describe('browser bridge settings', () => {
  it('returns the configured settings', async () => {
    const { bridge } = createBridge();

    expect(await bridge.config.get()).toEqual({
      serverUrl: 'https://copydesk.example.org',
      language: 'fr',
    });
  });

  it('returns the app info', async () => {
    const { bridge } = createBridge();

    expect(await bridge.app.getInfo()).toEqual({
      version: '1.2.3',
      platform: 'browser',
      locale: 'fr-FR',
    });
  });

  it('reports kiosk mode off', async () => {
    const { bridge } = createBridge();

    expect(await bridge.kiosk.getState()).toEqual({ enabled: false });
  });
});

describe('browser bridge file export', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('clicks a download link for the file', async () => {
    const { bridge, document } = createBridge();

    const result = await bridge.file.export({
      suggestedName: 'grades.csv',
      mediaType: 'text/csv',
      content: 'copy;grade\n1;12\n',
    });

    expect(result).toEqual({ saved: true });
    expect(document.links).toHaveLength(1);
    const [link] = document.links;
    expect(link?.download).toBe('grades.csv');
    expect(link?.href).toMatch(/^blob:/);
    expect(link?.clicks).toBe(1);
    expect(link?.inDocument).toBe(false);
  });

  it('puts the content in the Blob', async () => {
    const { bridge, document } = createBridge();

    await bridge.file.export({
      suggestedName: 'grades.csv',
      mediaType: 'text/csv',
      content: 'copy;grade\n1;12\n',
    });

    const url = document.links[0]?.href ?? '';
    const response = await fetch(url);
    expect(await response.text()).toBe('copy;grade\n1;12\n');
    expect(response.headers.get('content-type')).toBe('text/csv');
  });

  it('revokes the Blob URL later', async () => {
    const { bridge, document } = createBridge();
    await bridge.file.export({
      suggestedName: 'grades.csv',
      mediaType: 'text/csv',
      content: 'x',
    });
    const url = document.links[0]?.href ?? '';
    expect((await fetch(url)).ok).toBe(true);

    vi.advanceTimersByTime(REVOKE_DELAY_MS);

    await expect(fetch(url)).rejects.toThrow();
  });

  it('rejects a path as file name', async () => {
    const { bridge, document } = createBridge();

    const exported = bridge.file.export({
      suggestedName: '../grades.csv',
      mediaType: 'text/csv',
      content: 'x',
    });

    await expect(exported).rejects.toThrow(
      'file:export rejected: invalid payload (payload/suggestedName',
    );
    expect(document.links).toEqual([]);
  });
});

describe('browser bridge log', () => {
  it('writes to the console at the level', async () => {
    const { bridge, output } = createBridge();

    await bridge.log.write({
      logger: 'download',
      level: 'warn',
      message: 'copy 12 failed, retrying',
    });

    expect(output.warn).toHaveBeenCalledWith(
      '[download] copy 12 failed, retrying',
    );
    expect(output.info).not.toHaveBeenCalled();
  });

  it('rejects an invalid logger name', async () => {
    const { bridge, output } = createBridge();

    const written = bridge.log.write({
      logger: 'Bad Name',
      level: 'info',
      message: 'x',
    });

    await expect(written).rejects.toThrow('log:write rejected');
    expect(output.info).not.toHaveBeenCalled();
  });
});
