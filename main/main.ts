/**
 * The entry point of the Electron main process: it wires the modules of
 * `main/` together and contains no logic of its own.
 *
 * On every platform the app quits when its window closes, macOS included,
 * because it has one window and nothing to do without it.
 */
import path from 'node:path';

import {
  app,
  BrowserWindow,
  dialog,
  protocol,
  session,
  type WebContents,
} from 'electron';

import { APP_START_URL } from './app-origin';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol';
import { registerIpcHandlers } from './ipc-handlers';
import { createLogger } from './logger';
import { installNavigationGuard } from './navigation-guard';
import { denyAllPermissions } from './permissions';
import { policyFilePath, readPolicy, toManagedSettings } from './policy';
import { STORAGE_KEY_FILE, StorageKeyStore } from './storage-key';
import { appLanguage, installUnloadPrompt } from './unload-prompt';
import {
  effectiveServerUrl,
  USER_SETTINGS_FILE,
  UserSettingsStore,
} from './user-settings';
import { CredentialVault, REFRESH_TOKEN_FILE } from './vault';
import { createWebPreferences } from './window-options';

const log = createLogger('app');

// The layout of `out/` that `electron.vite.config.ts` writes.
const PRELOAD_PATH = path.join(import.meta.dirname, '../preload/preload.cjs');
const RENDERER_ROOT = path.join(import.meta.dirname, '../renderer');

let mainWindow: BrowserWindow | null = null;

/** Shows the existing window when the app is launched a second time. */
export function focusMainWindow(): void {
  if (mainWindow === null) {
    return;
  }

  if (mainWindow.isMinimized()) {
    mainWindow.restore();
  }
  mainWindow.focus();
}

function isAppWindow(sender: WebContents): boolean {
  return mainWindow !== null && sender === mainWindow.webContents;
}

async function start(): Promise<void> {
  const policyFile = policyFilePath(process.platform, process.env);
  const policy = await readPolicy(policyFile);
  if (policy.status === 'invalid') {
    log.error(`invalid policy: ${policy.problems.join('; ')}`);
    dialog.showErrorBox(
      'Copydesk cannot start: invalid policy file',
      policy.problems.join('\n'),
    );
    app.quit();
    return;
  }
  const managedSettings =
    policy.status === 'found' ? toManagedSettings(policy.policy) : {};

  const userData = app.getPath('userData');
  const userSettings = new UserSettingsStore(
    path.join(userData, USER_SETTINGS_FILE),
  );
  await userSettings.load();

  denyAllPermissions(session.defaultSession);
  registerAppProtocol(protocol, {
    root: RENDERER_ROOT,
    getServerUrl: () => effectiveServerUrl(managedSettings, userSettings.get()),
  });
  app.on('web-contents-created', (_event, contents) => {
    installNavigationGuard(contents);
  });
  registerIpcHandlers({
    vault: new CredentialVault(path.join(userData, REFRESH_TOKEN_FILE)),
    storageKey: new StorageKeyStore(path.join(userData, STORAGE_KEY_FILE)),
    userSettings,
    managedSettings,
    isAppWindow,
    exportFolder: app.getPath('downloads'),
  });

  mainWindow = new BrowserWindow({
    kiosk: managedSettings.kiosk === true,
    webPreferences: createWebPreferences(PRELOAD_PATH),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  installUnloadPrompt(mainWindow.webContents, () =>
    appLanguage(managedSettings, userSettings.get()),
  );
  await mainWindow.loadURL(APP_START_URL);
}

// Custom schemes get their privileges only when registered before `ready`.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (app.requestSingleInstanceLock()) {
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error(`start-up failed: ${String(error)}`);
      dialog.showErrorBox('Copydesk cannot start', String(error));
      app.quit();
    });
} else {
  app.quit();
}
