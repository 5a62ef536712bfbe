import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from 'vitest';

const state = vi.hoisted(() => {
  const calls: string[] = [];
  const appHandlers = new Map<string, (...args: unknown[]) => void>();
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  const windows: {
    options: Record<string, unknown>;
    loadedUrl: string | null;
    focused: number;
    restored: number;
  }[] = [];
  return {
    calls,
    appHandlers,
    ready,
    resolveReady: () => resolveReady(),
    windows,
    policy: { status: 'absent' } as unknown,
    policyFiles: [] as string[],
    isPackaged: false,
    errorBoxes: [] as string[][],
    userData: '',
    protocolHandler: null as ((request: Request) => Promise<Response>) | null,
    appContents: null as unknown,
    contentsHandlers: new Map<string, (...args: unknown[]) => void>(),
    windowHandlers: new Map<string, (event: unknown) => void>(),
    menus: [] as unknown[],
    asyncMessageBoxes: [] as { message: string }[],
    messageBoxes: [] as {
      parent: unknown;
      message: string;
      buttons: string[];
    }[],
    electron: null as typeof import('./support/electron-double') | null,
    log: null as typeof import('./support/electron-log-double') | null,
  };
});

vi.mock('electron', async () => {
  const double = await import('./support/electron-double');

  class BrowserWindow {
    static instances: BrowserWindow[] = [];

    static fromWebContents(contents: unknown): BrowserWindow | null {
      return (
        BrowserWindow.instances.find((w) => w.webContents === contents) ?? null
      );
    }

    webContents = {
      id: 1,
      on: (name: string, handler: (...args: unknown[]) => void) => {
        state.contentsHandlers.set(name, handler);
      },
    };
    record: (typeof state.windows)[number];

    constructor(options: Record<string, unknown>) {
      state.calls.push('new BrowserWindow');
      state.appContents = this.webContents;
      this.record = { options, loadedUrl: null, focused: 0, restored: 0 };
      state.windows.push(this.record);
      BrowserWindow.instances.push(this);
    }

    on(name: string, handler: (event: unknown) => void) {
      state.windowHandlers.set(name, handler);
    }
    isMinimized() {
      return true;
    }
    restore() {
      this.record.restored += 1;
    }
    focus() {
      this.record.focused += 1;
    }
    async loadURL(url: string) {
      this.record.loadedUrl = url;
    }
  }

  return {
    ...double,
    BrowserWindow,
    Menu: {
      setApplicationMenu: (menu: unknown) => {
        state.menus.push(menu);
      },
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => {
        state.calls.push('registerSchemesAsPrivileged');
      }),
      handle: vi.fn(
        (_scheme: string, handler: (request: Request) => Promise<Response>) => {
          state.calls.push('protocol.handle');
          state.protocolHandler = handler;
        },
      ),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(() => {
          state.calls.push('setPermissionRequestHandler');
        }),
        setPermissionCheckHandler: vi.fn(),
      },
    },
    dialog: {
      showErrorBox: (title: string, text: string) => {
        state.errorBoxes.push([title, text]);
      },
      // The options come last, after the parent window when there is one.
      showMessageBoxSync: (...args: unknown[]) => {
        state.messageBoxes.push({
          parent: args.length === 2 ? args[0] : null,
          ...(args.at(-1) as { message: string; buttons: string[] }),
        });
        return 0;
      },
      showMessageBox: async (
        _parent: unknown,
        options: { message: string },
      ) => {
        state.asyncMessageBoxes.push(options);
        return { response: 0 };
      },
    },
    app: {
      requestSingleInstanceLock: () => {
        state.calls.push('requestSingleInstanceLock');
        return true;
      },
      whenReady: () => {
        state.calls.push('whenReady');
        return state.ready;
      },
      on: (name: string, handler: (...args: unknown[]) => void) => {
        state.appHandlers.set(name, handler);
      },
      quit: vi.fn(() => {
        state.calls.push('quit');
      }),
      getPath: (name: string) => `${state.userData}/${name}`,
      getVersion: () => '1.0.0',
      getSystemLocale: () => 'en-GB',
      // The repository's package.json, which sets no copydeskDistribution.
      getAppPath: () => process.cwd(),
      get isPackaged() {
        return state.isPackaged;
      },
    },
  };
});
vi.mock('electron-log/main', () => import('./support/electron-log-double'));
vi.mock('electron-updater', () => ({
  default: {
    autoUpdater: {
      on: vi.fn(),
      checkForUpdates: vi.fn(async () => null),
    },
  },
}));
vi.mock('../../../main/policy', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../main/policy')>()),
  readPolicy: vi.fn(async (file: string) => {
    state.policyFiles.push(file);
    return state.policy;
  }),
}));

import { policyFilePath } from '../../../main/policy';
import { createWebPreferences } from '../../../main/window-options';

beforeAll(async () => {
  state.userData = await mkdtemp(path.join(tmpdir(), 'copydesk-main-'));
});

afterAll(async () => {
  await rm(state.userData, { recursive: true, force: true });
});

beforeEach(() => {
  vi.resetModules();
});

/** Returns the connect-src directive of the CSP sent with the app page. */
async function pageConnectSources(): Promise<string | undefined> {
  // main.ts serves the renderer folder of the source tree in this test.
  const response = await state.protocolHandler?.(
    new Request('app://copydesk/index.html', { method: 'HEAD' }),
  );
  const policy = response?.headers.get('Content-Security-Policy') ?? '';
  return policy
    .split('; ')
    .find((directive) => directive.startsWith('connect-src '));
}

// The app starts once, in the first test, and the next tests check the
// window and handlers it created, so they run in order.
describe('main', () => {
  it('wires the app in order', async () => {
    state.policy = { status: 'found', policy: { kiosk: true } };
    await import('../../../main/main');
    // The electron double of this module registry, which contains the handlers.
    state.electron = await import('./support/electron-double');
    state.log = await import('./support/electron-log-double');

    expect(state.calls).toEqual([
      'registerSchemesAsPrivileged',
      'requestSingleInstanceLock',
      'whenReady',
    ]);

    state.resolveReady();
    await vi.waitFor(() => {
      expect(state.windows[0]?.loadedUrl).toBe('app://copydesk/index.html');
    });

    expect(state.calls.slice(3)).toEqual([
      'setPermissionRequestHandler',
      'protocol.handle',
      'new BrowserWindow',
    ]);
    expect(state.appHandlers.has('web-contents-created')).toBe(true);
    expect(state.appHandlers.has('window-all-closed')).toBe(true);
  });

  it('gives the window the secure web preferences', () => {
    const options = state.windows[0]?.options;

    expect(options?.webPreferences).toEqual(
      createWebPreferences(
        (options?.webPreferences as { preload: string }).preload,
        { kiosk: true },
      ),
    );
    expect(options?.kiosk).toBe(true);
    expect(options?.fullscreen).toBe(true);
  });

  it('removes the menu and blocks shortcuts in kiosk mode', () => {
    const event = { preventDefault: vi.fn() };
    const reload = {
      type: 'keyDown',
      key: 'r',
      control: true,
      meta: false,
      shift: false,
      alt: false,
    };
    state.contentsHandlers.get('before-input-event')?.(event, reload);

    expect(state.menus).toEqual([null]);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('refuses to close the kiosk window and says why', async () => {
    const event = { preventDefault: vi.fn() };
    state.windowHandlers.get('close')?.(event);

    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => {
      expect(state.asyncMessageBoxes).toHaveLength(1);
    });
    expect(state.asyncMessageBoxes[0]?.message).toBe(
      'Copydesk ne peut pas être fermé sur cet ordinateur partagé.',
    );
  });

  it('turns updates off in kiosk mode', () => {
    expect(state.log?.logLines.map((line) => line.text)).toContain(
      'updates off: kiosk mode',
    );
  });

  it('focuses the window on a second launch', () => {
    state.appHandlers.get('second-instance')?.();

    expect(state.windows[0]?.restored).toBe(1);
    expect(state.windows[0]?.focused).toBe(1);
  });

  it('allows the server the examiner sets in the CSP', async () => {
    expect(await pageConnectSources()).toBe("connect-src 'self'");

    const fromApp = {
      sender: state.appContents,
      senderFrame: { url: 'app://copydesk/index.html', parent: null },
    };
    await state.electron?.invokeFromRenderer('settings:set', fromApp, {
      serverUrl: 'https://marking.example.org',
    });

    expect(await pageConnectSources()).toBe(
      "connect-src 'self' https://marking.example.org",
    );
  });

  it('asks before the page unloads with marks not synced', () => {
    const event = { preventDefault: vi.fn() };
    state.contentsHandlers.get('will-prevent-unload')?.(event);

    expect(state.messageBoxes).toHaveLength(1);
    expect(state.messageBoxes[0]?.parent).not.toBeNull();
    expect(state.messageBoxes[0]?.buttons).toEqual([
      'Rester',
      'Quitter quand même',
    ]);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('quits when all windows close', () => {
    state.appHandlers.get('window-all-closed')?.();

    expect(state.calls.at(-1)).toBe('quit');
  });
});

describe('main with an invalid policy', () => {
  it('shows the policy problem and quits', async () => {
    const problem =
      '/etc/copydesk/policy.json: language "de" must be "fr" or "en"';
    state.policy = { status: 'invalid', problems: [problem] };
    const windowCount = state.windows.length;

    await import('../../../main/main');

    await vi.waitFor(() => {
      expect(state.errorBoxes).toEqual([
        ['Copydesk cannot start: invalid policy file', problem],
      ]);
    });
    expect(state.calls.at(-1)).toBe('quit');
    expect(state.windows).toHaveLength(windowCount);
  });
});

describe('main with COPYDESK_POLICY_FILE', () => {
  const overrideFile = '/tmp/copydesk-test/policy.json';

  beforeEach(() => {
    // Lets these tests run alone, without the first test of the file.
    state.resolveReady();
    state.policy = { status: 'found', policy: { kiosk: true } };
    vi.stubEnv('COPYDESK_POLICY_FILE', overrideFile);
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    state.isPackaged = false;
  });

  type LogDouble = typeof import('./support/electron-log-double');

  /** Starts main.ts and returns the policy file it read and its log. */
  async function startMain() {
    const readCount = state.policyFiles.length;
    await import('../../../main/main');
    // The mocked electron-log/main that main.ts logs to. vi.resetModules()
    // keeps mocked modules, so a fresh import of the double here would be
    // another, empty instance.
    const log = (await import('electron-log/main')) as unknown as LogDouble;

    await vi.waitFor(() => {
      expect(state.policyFiles).toHaveLength(readCount + 1);
    });
    return { file: state.policyFiles.at(-1), lines: log.logLines };
  }

  it('reads the override when not packaged', async () => {
    state.isPackaged = false;

    const { file, lines } = await startMain();

    expect(file).toBe(overrideFile);
    expect(lines).toContainEqual({
      logger: 'app',
      level: 'info',
      text: `reading the policy from ${overrideFile}, set by COPYDESK_POLICY_FILE (the app is not packaged)`,
    });
  });

  it('ignores the override when packaged', async () => {
    state.isPackaged = true;

    const { file, lines } = await startMain();

    expect(file).toBe(policyFilePath(process.platform, process.env));
    expect(file).not.toBe(overrideFile);
    expect(lines).toContainEqual({
      logger: 'app',
      level: 'warn',
      text: `COPYDESK_POLICY_FILE ignored: a packaged app reads its policy only from ${file}`,
    });
  });
});
