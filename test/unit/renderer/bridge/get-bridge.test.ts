import { beforeEach, describe, expect, it, vi } from 'vitest';

import {
  getBridge,
  resetBrowserBridge,
  type BridgeHost,
} from '../../../../renderer/bridge/get-bridge';
import type { CopydeskBridge } from '../../../../shared/ipc/contract';
import { createFakeDocument } from './fake-document';

function createHost(configText: string | null, search = ''): BridgeHost {
  return {
    location: { search },
    navigator: { language: 'en-GB' },
    document: createFakeDocument(configText),
  };
}

beforeEach(() => {
  resetBrowserBridge();
});

describe('getBridge', () => {
  it('returns window.copydesk when present', () => {
    const preloadBridge = {} as CopydeskBridge;
    const host = { ...createHost(null), copydesk: preloadBridge };

    expect(getBridge(host)).toBe(preloadBridge);
  });

  it('builds the browser bridge otherwise', async () => {
    const bridge = getBridge(
      createHost('{"language": "en"}', '?server=http://127.0.0.1:3000'),
    );

    expect(await bridge.config.get()).toEqual({
      language: 'en',
      serverUrl: 'http://127.0.0.1:3000',
    });
    expect((await bridge.app.getInfo()).locale).toBe('en-GB');
  });

  it('returns the same browser bridge twice', async () => {
    const host = createHost(null);
    const first = getBridge(host);
    await first.vault.setRefreshToken('refresh-1');

    const second = getBridge(host);

    expect(second).toBe(first);
    expect(await second.vault.getRefreshToken()).toBe('refresh-1');
  });

  it('keeps settings in the host localStorage', async () => {
    const items = new Map<string, string>();
    const host: BridgeHost = {
      ...createHost(null),
      localStorage: {
        getItem: (key) => items.get(key) ?? null,
        setItem: (key, value) => {
          items.set(key, value);
        },
      },
    };

    await getBridge(host).settings.set({ language: 'en' });

    expect([...items.values()]).toEqual(['{"language":"en"}']);
  });

  it('keeps settings in memory where localStorage is blocked', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const host = createHost(null);
    Object.defineProperty(host, 'localStorage', {
      get() {
        throw new Error('SecurityError: access to localStorage is denied');
      },
    });

    const bridge = getBridge(host);
    await bridge.settings.set({ language: 'en' });

    expect(await bridge.settings.get()).toEqual({ language: 'en' });
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('[settings] localStorage is blocked'),
    );
    warn.mockRestore();
  });

  it('throws on an invalid page config', () => {
    expect(() => getBridge(createHost('{"language": "de"}'))).toThrow(
      /#copydesk-config is invalid at \/language/,
    );
  });
});
