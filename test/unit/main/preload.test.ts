import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (channel: string, payload?: unknown) => ({
    channel,
    payload,
  })),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      electron.exposed.set(key, api);
    },
  },
  ipcRenderer: { invoke: electron.invoke },
}));

import { bridgeMethodPath, IPC_CHANNELS } from '../../../shared/ipc/contract';

await import('../../../main/preload');

type BridgeObject = Record<
  string,
  Record<string, (payload?: unknown) => unknown>
>;

function exposedBridge(): BridgeObject {
  return electron.exposed.get('copydesk') as BridgeObject;
}

beforeEach(() => {
  electron.invoke.mockClear();
});

describe('preload', () => {
  it('exposes only window.copydesk', () => {
    expect([...electron.exposed.keys()]).toEqual(['copydesk']);
  });

  it('exposes one method per channel', () => {
    const bridge = exposedBridge();
    const exposedPaths = Object.entries(bridge).flatMap(
      ([namespace, methods]) =>
        Object.keys(methods).map((method) => `${namespace}.${method}`),
    );
    const contractPaths = IPC_CHANNELS.map((channel) =>
      bridgeMethodPath(channel).join('.'),
    );

    expect(exposedPaths.sort()).toEqual(contractPaths.sort());
  });

  it.each(IPC_CHANNELS)('sends %s on its own channel', async (channel) => {
    const [namespace, method] = bridgeMethodPath(channel);
    const payload = { marker: channel };

    const result = await exposedBridge()[namespace]?.[method]?.(payload);

    expect(electron.invoke).toHaveBeenCalledTimes(1);
    expect(electron.invoke).toHaveBeenCalledWith(channel, payload);
    expect(result).toEqual({ channel, payload });
  });

  it('sends no payload for a call without argument', async () => {
    await exposedBridge().vault?.getRefreshToken?.();

    expect(electron.invoke).toHaveBeenCalledWith(
      'vault:get-refresh-token',
      undefined,
    );
  });
});
