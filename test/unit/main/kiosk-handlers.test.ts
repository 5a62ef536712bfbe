import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const extra = vi.hoisted(() => ({
  messageBoxes: [] as { message: string; detail: string }[],
}));

vi.mock('electron', async () => ({
  ...(await import('./support/electron-double')),
  dialog: {
    showMessageBox: vi.fn(
      async (
        _window: unknown,
        options: { message: string; detail: string },
      ) => {
        extra.messageBoxes.push(options);
        return { response: 0 };
      },
    ),
  },
}));
vi.mock('electron-log/main', () => import('./support/electron-log-double'));

import type { BrowserWindow, WebContents } from 'electron';

import {
  AdminCodeChecker,
  hashAdminCode,
  parseAdminCodeHash,
} from '../../../main/kiosk-admin-code';
import {
  registerKioskHandlers,
  type KioskControls,
} from '../../../main/kiosk-handlers';
import { KioskQuitGate } from '../../../main/kiosk-quit-gate';
import { wipeLocalData } from '../../../main/kiosk-wipe';
import {
  invokeFromRenderer,
  resetElectronDouble,
} from './support/electron-double';
import { logLines } from './support/electron-log-double';

const CODE = 'centre-4711';
const appContents = { id: 1 } as WebContents;
const fromApp = {
  sender: appContents,
  senderFrame: { url: 'app://copydesk/index.html', parent: null },
};

let folder: string;

beforeEach(async () => {
  resetElectronDouble();
  logLines.length = 0;
  extra.messageBoxes.length = 0;
  folder = await mkdtemp(path.join(tmpdir(), 'copydesk-kiosk-'));
});

afterEach(async () => {
  vi.useRealTimers();
  await rm(folder, { recursive: true, force: true });
});

/** Creates a window double that records its `close` listener. */
function createWindow() {
  let onClose: (event: { preventDefault(): void }) => void = () => undefined;
  const window = {
    on: (name: string, listener: typeof onClose) => {
      expect(name).toBe('close');
      onClose = listener;
    },
  } as unknown as BrowserWindow;
  const close = () => {
    const event = { preventDefault: vi.fn() };
    onClose(event);
    return event;
  };
  return { window, close };
}

/** Registers the kiosk handlers with a real gate, checker and wipe. */
async function register(enabled = true) {
  const gate = new KioskQuitGate(enabled, () => 'fr');
  const { window, close } = createWindow();
  gate.install(window);

  const session = {
    clearStorageData: vi.fn(async () => undefined),
    clearCache: vi.fn(async () => undefined),
  };
  const files = ['refresh-token.enc', 'storage-key.json', 'settings.json'].map(
    (name) => path.join(folder, name),
  );
  const logFolder = path.join(folder, 'logs');
  const controls: KioskControls = {
    enabled,
    gate,
    adminCodes: new AdminCodeChecker(
      parseAdminCodeHash(await hashAdminCode(CODE)),
    ),
    wipe: () => wipeLocalData({ session, files, logFolder }),
    restart: vi.fn(),
    exit: vi.fn(),
    quit: vi.fn(),
  };
  registerKioskHandlers(controls, {
    isAppWindow: (sender) => sender === appContents,
  });
  return { controls, close, session, files, logFolder };
}

async function writeLocalData(files: string[], logFolder: string) {
  for (const file of files) {
    await writeFile(file, 'secret');
  }
  await writeFile(`${files[1]}.tmp`, 'partial');
  await mkdir(logFolder);
  await writeFile(path.join(logFolder, 'main.log'), 'graderId g-1');
  await writeFile(path.join(logFolder, 'main.old.log'), 'copy c-9');
}

describe('kiosk state', () => {
  it('reports kiosk mode and the admin code', async () => {
    await register();

    expect(await invokeFromRenderer('kiosk:get-state', fromApp)).toEqual({
      enabled: true,
      adminCodeSet: true,
    });
  });
});

describe('kiosk close', () => {
  it('is refused while signed in', async () => {
    const { close } = await register();

    const event = close();

    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => {
      expect(extra.messageBoxes).toHaveLength(1);
    });
    expect(extra.messageBoxes[0]?.detail).toContain('Déconnectez-vous');
  });

  it('shows one dialog for repeated closes', async () => {
    const { close } = await register();

    close();
    close();

    await vi.waitFor(() => {
      expect(extra.messageBoxes).toHaveLength(1);
    });
  });

  it('is allowed after a correct admin code', async () => {
    const { close } = await register();

    const result = await invokeFromRenderer('kiosk:authorize-quit', fromApp, {
      adminCode: CODE,
    });
    const event = close();

    expect(result).toEqual({ status: 'accepted', retryAfterSeconds: 0 });
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('stays refused after a wrong code', async () => {
    const { close } = await register();

    const result = await invokeFromRenderer('kiosk:authorize-quit', fromApp, {
      adminCode: 'centre-4712',
    });
    const event = close();

    expect(result).toEqual({ status: 'wrong-code', retryAfterSeconds: 1 });
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('is allowed outside kiosk mode', async () => {
    const { close } = await register(false);

    expect(close().preventDefault).not.toHaveBeenCalled();
  });

  it('is allowed while the wipe quits', async () => {
    vi.useFakeTimers();
    const { controls } = await register();
    await invokeFromRenderer('kiosk:authorize-quit', fromApp, {
      adminCode: CODE,
    });

    await invokeFromRenderer('kiosk:wipe-and-restart', fromApp);
    vi.runAllTimers();

    expect(controls.exit).toHaveBeenCalled();
    expect(controls.restart).not.toHaveBeenCalled();
  });
});

describe('kiosk quit', () => {
  it('is rejected without an admin code', async () => {
    vi.useFakeTimers();
    const { controls } = await register();

    const quit = invokeFromRenderer('kiosk:quit', fromApp);

    await expect(quit).rejects.toThrow(
      'quitting in kiosk mode needs an administrator code: enter it first',
    );
    vi.runAllTimers();
    expect(controls.quit).not.toHaveBeenCalled();
  });

  it('quits after a correct admin code', async () => {
    vi.useFakeTimers();
    const { controls } = await register();
    await invokeFromRenderer('kiosk:authorize-quit', fromApp, {
      adminCode: CODE,
    });

    await invokeFromRenderer('kiosk:quit', fromApp);
    vi.runAllTimers();

    expect(controls.quit).toHaveBeenCalledTimes(1);
  });

  it('rejects an empty code as invalid payload', async () => {
    await register();

    const result = invokeFromRenderer('kiosk:authorize-quit', fromApp, {
      adminCode: '',
    });

    await expect(result).rejects.toThrow(
      'kiosk:authorize-quit rejected: invalid payload',
    );
  });

  it('is unavailable outside kiosk mode', async () => {
    await register(false);

    const result = invokeFromRenderer('kiosk:authorize-quit', fromApp, {
      adminCode: CODE,
    });

    await expect(result).rejects.toThrow(
      'kiosk:authorize-quit is only available in kiosk mode',
    );
  });
});

describe('kiosk wipe', () => {
  it('clears everything and restarts', async () => {
    vi.useFakeTimers();
    const { controls, session, files, logFolder } = await register();
    await writeLocalData(files, logFolder);

    await invokeFromRenderer('kiosk:wipe-and-restart', fromApp);
    vi.runAllTimers();

    expect(session.clearStorageData).toHaveBeenCalledWith();
    expect(session.clearCache).toHaveBeenCalled();
    expect(await readdir(folder)).toEqual(['logs']);
    expect(await readdir(logFolder)).toEqual([]);
    expect(controls.restart).toHaveBeenCalledTimes(1);
    expect(controls.exit).not.toHaveBeenCalled();
  });

  it('reports failed steps and does not restart', async () => {
    vi.useFakeTimers();
    const { controls, session, files, logFolder } = await register();
    await writeLocalData(files, logFolder);
    session.clearStorageData.mockRejectedValueOnce(new Error('disk busy'));

    const wipe = invokeFromRenderer('kiosk:wipe-and-restart', fromApp);

    await expect(wipe).rejects.toThrow(
      'wiping the computer failed: clearing the browser storage (Error: disk busy)',
    );
    vi.runAllTimers();
    // The other steps ran anyway.
    expect(await readdir(folder)).toEqual(['logs']);
    expect(controls.restart).not.toHaveBeenCalled();
  });

  it('is unavailable outside kiosk mode', async () => {
    const { session } = await register(false);

    const wipe = invokeFromRenderer('kiosk:wipe-and-restart', fromApp);

    await expect(wipe).rejects.toThrow(
      'kiosk:wipe-and-restart is only available in kiosk mode',
    );
    expect(session.clearStorageData).not.toHaveBeenCalled();
  });
});
