import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./support/electron-double'));
vi.mock('electron-log/main', () => import('./support/electron-log-double'));

import type { WebContents } from 'electron';

import { handleIpc } from '../../../main/ipc-guard';
import type { IpcChannel } from '../../../shared/ipc/contract';
import {
  invokeFromRenderer,
  resetElectronDouble,
} from './support/electron-double';
import { logLines } from './support/electron-log-double';

const appWindow = { id: 1 } as WebContents;
const otherWindow = { id: 2 } as WebContents;
const options = { isAppWindow: (sender: WebContents) => sender === appWindow };

const mainFrame = { url: 'app://copydesk/index.html', parent: null };

function eventFrom(
  sender: WebContents,
  senderFrame: { url: string; parent: unknown } | null,
) {
  return { sender, senderFrame };
}

beforeEach(() => {
  resetElectronDouble();
  logLines.length = 0;
});

describe('handleIpc', () => {
  it('passes a valid message to its handler', async () => {
    const handler = vi.fn(() => ({ persisted: true }));
    handleIpc('vault:set-refresh-token', handler, options);

    const result = await invokeFromRenderer(
      'vault:set-refresh-token',
      eventFrom(appWindow, mainFrame),
      'refresh-token-value',
    );

    expect(result).toEqual({ persisted: true });
    expect(handler).toHaveBeenCalledWith(
      'refresh-token-value',
      expect.anything(),
    );
    expect(logLines).toEqual([]);
  });

  it('passes a call without payload', async () => {
    handleIpc(
      'kiosk:get-state',
      () => ({ enabled: false, adminCodeSet: false }),
      options,
    );

    const result = await invokeFromRenderer(
      'kiosk:get-state',
      eventFrom(appWindow, mainFrame),
    );

    expect(result).toEqual({ enabled: false, adminCodeSet: false });
  });

  it('rejects a page from another origin', async () => {
    const handler = vi.fn();
    handleIpc('vault:get-refresh-token', handler, options);

    const invoke = invokeFromRenderer(
      'vault:get-refresh-token',
      eventFrom(appWindow, {
        url: 'https://evil.example/x?token=1',
        parent: null,
      }),
    );

    await expect(invoke).rejects.toThrow(
      'vault:get-refresh-token rejected: sender is not on the app origin',
    );
    expect(handler).not.toHaveBeenCalled();
    expect(logLines).toEqual([
      {
        logger: 'ipc',
        level: 'warn',
        text: 'rejected vault:get-refresh-token: sent from https://evil.example, not app://copydesk',
      },
    ]);
  });

  it.each([
    'app://copydesk.evil/index.html',
    'app://copydesk@evil/index.html',
    'file:///opt/Copydesk/renderer/index.html',
    'about:blank',
  ])('rejects the look-alike origin %s', async (url) => {
    handleIpc('vault:get-refresh-token', vi.fn(), options);

    const invoke = invokeFromRenderer(
      'vault:get-refresh-token',
      eventFrom(appWindow, { url, parent: null }),
    );

    await expect(invoke).rejects.toThrow('sender is not on the app origin');
  });

  it('rejects a subframe', async () => {
    const handler = vi.fn();
    handleIpc('vault:get-refresh-token', handler, options);

    const invoke = invokeFromRenderer(
      'vault:get-refresh-token',
      eventFrom(appWindow, {
        url: 'app://copydesk/frame.html',
        parent: mainFrame,
      }),
    );

    await expect(invoke).rejects.toThrow('sender is not the main frame');
    expect(handler).not.toHaveBeenCalled();
    expect(logLines.map((line) => line.text)).toEqual([
      'rejected vault:get-refresh-token: sent by a subframe at app://copydesk',
    ]);
  });

  it('rejects another window', async () => {
    const handler = vi.fn();
    handleIpc('vault:get-refresh-token', handler, options);

    const invoke = invokeFromRenderer(
      'vault:get-refresh-token',
      eventFrom(otherWindow, mainFrame),
    );

    await expect(invoke).rejects.toThrow('sender is not the app window');
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects a destroyed sender frame', async () => {
    handleIpc('vault:get-refresh-token', vi.fn(), options);

    const invoke = invokeFromRenderer(
      'vault:get-refresh-token',
      eventFrom(appWindow, null),
    );

    await expect(invoke).rejects.toThrow('sender frame is gone');
  });

  it('rejects an invalid payload without logging it', async () => {
    const handler = vi.fn();
    handleIpc('file:export', handler, options);

    const invoke = invokeFromRenderer(
      'file:export',
      eventFrom(appWindow, mainFrame),
      {
        suggestedName: '../../.bashrc',
        mediaType: 'text/csv',
        content: 'secret-token',
      },
    );

    await expect(invoke).rejects.toThrow(
      'file:export rejected: invalid payload',
    );
    expect(handler).not.toHaveBeenCalled();
    expect(logLines).toHaveLength(1);
    expect(logLines[0]?.text).toMatch(
      /^rejected file:export: payload\/suggestedName /,
    );
    expect(logLines[0]?.text).not.toContain('bashrc');
    expect(logLines[0]?.text).not.toContain('secret-token');
  });

  it.each([
    ['a number for a string', 'vault:set-refresh-token', [42]],
    ['an empty token', 'vault:set-refresh-token', ['']],
    ['a payload where none is expected', 'vault:clear', [{ all: true }]],
    ['a missing payload', 'file:export', []],
    [
      'an unknown key',
      'log:write',
      [{ logger: 'sync', level: 'info', message: 'x', extra: 1 }],
    ],
    ['two arguments', 'vault:set-refresh-token', ['token', 'second']],
  ] as const)('rejects %s', async (_case, channel, args) => {
    handleIpc(channel as IpcChannel, vi.fn(), options);

    const invoke = invokeFromRenderer(
      channel,
      eventFrom(appWindow, mainFrame),
      ...args,
    );

    await expect(invoke).rejects.toThrow(`${channel} rejected:`);
  });

  it('throws on registering an unknown channel', () => {
    expect(() =>
      handleIpc('vault:read-file' as IpcChannel, vi.fn(), options),
    ).toThrow(
      'cannot handle IPC channel "vault:read-file": it is not in the IPC contract',
    );
  });

  it('leaves an unknown channel without handler', async () => {
    handleIpc('vault:clear', vi.fn(), options);

    const invoke = invokeFromRenderer(
      'vault:read-file',
      eventFrom(appWindow, mainFrame),
    );

    await expect(invoke).rejects.toThrow(
      "No handler registered for 'vault:read-file'",
    );
  });

  it('logs and passes on a failing handler', async () => {
    handleIpc(
      'config:get',
      () => {
        throw new Error('policy file changed while reading');
      },
      options,
    );

    const invoke = invokeFromRenderer(
      'config:get',
      eventFrom(appWindow, mainFrame),
    );

    await expect(invoke).rejects.toThrow('policy file changed while reading');
    expect(logLines).toEqual([
      {
        logger: 'ipc',
        level: 'error',
        text: 'config:get failed: Error: policy file changed while reading',
      },
    ]);
  });
});
