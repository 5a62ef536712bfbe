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
  Menu,
  protocol,
  session,
  type WebContents,
} from 'electron';
import electronUpdater from 'electron-updater';

import { APP_START_URL } from './app-origin';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol';
import { registerIpcHandlers } from './ipc-handlers';
import { AdminCodeChecker, parseAdminCodeHash } from './kiosk-admin-code';
import { KioskQuitGate } from './kiosk-quit-gate';
import { createWindowOptions, installKioskShortcutBlock } from './kiosk-window';
import { wipeLocalData } from './kiosk-wipe';
import { createLogger, logFolder } from './logger';
import { installNavigationGuard } from './navigation-guard';
import { denyAllPermissions } from './permissions';
import {
  choosePolicyFile,
  POLICY_FILE_VARIABLE,
  readPolicy,
  toManagedSettings,
} from './policy';
import { STORAGE_KEY_FILE, StorageKeyStore } from './storage-key';
import { appLanguage, installUnloadPrompt } from './unload-prompt';
import {
  effectiveServerUrl,
  USER_SETTINGS_FILE,
  UserSettingsStore,
} from './user-settings';
import { planUpdates, readDistribution, Updater } from './updater';
import { CredentialVault, REFRESH_TOKEN_FILE } from './vault';

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
  const policyFile = choosePolicyFile(
    process.platform,
    process.env,
    app.isPackaged,
  );
  if (policyFile.override === 'used') {
    log.info(
      `reading the policy from ${policyFile.file}, set by ${POLICY_FILE_VARIABLE} (the app is not packaged)`,
    );
  } else if (policyFile.override === 'ignored') {
    log.warn(
      `${POLICY_FILE_VARIABLE} ignored: a packaged app reads its policy only from ${policyFile.file}`,
    );
  }
  const policy = await readPolicy(policyFile.file);
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
  const kiosk = managedSettings.kiosk === true;
  // The policy's schema has checked the hash's format already.
  const adminCodeHash =
    policy.status === 'found' && policy.policy.kioskAdminCodeHash !== undefined
      ? parseAdminCodeHash(policy.policy.kioskAdminCodeHash)
      : null;

  const userData = app.getPath('userData');
  const userSettings = new UserSettingsStore(
    path.join(userData, USER_SETTINGS_FILE),
  );
  await userSettings.load();
  const getLanguage = () => appLanguage(managedSettings, userSettings.get());

  if (kiosk) {
    // Also removes the default menu's shortcuts (reload, developer tools).
    Menu.setApplicationMenu(null);
  }
  denyAllPermissions(session.defaultSession);
  registerAppProtocol(protocol, {
    root: RENDERER_ROOT,
    getServerUrl: () => effectiveServerUrl(managedSettings, userSettings.get()),
  });
  app.on('web-contents-created', (_event, contents) => {
    installNavigationGuard(contents, { openExternalLinks: !kiosk });
  });

  const quitGate = new KioskQuitGate(kiosk, getLanguage);
  const vaultFiles = [REFRESH_TOKEN_FILE, STORAGE_KEY_FILE, USER_SETTINGS_FILE];
  const updater = await startUpdater(kiosk, managedSettings.updateUrl);
  registerIpcHandlers({
    vault: new CredentialVault(path.join(userData, REFRESH_TOKEN_FILE)),
    storageKey: new StorageKeyStore(path.join(userData, STORAGE_KEY_FILE)),
    userSettings,
    managedSettings,
    isAppWindow,
    exportFolder: app.getPath('downloads'),
    kiosk: {
      enabled: kiosk,
      gate: quitGate,
      adminCodes: new AdminCodeChecker(adminCodeHash),
      wipe: () =>
        wipeLocalData({
          session: session.defaultSession,
          files: vaultFiles.map((name) => path.join(userData, name)),
          logFolder: logFolder(),
        }),
      restart: () => {
        app.relaunch();
        app.exit(0);
      },
      exit: () => app.exit(0),
      quit: () => app.quit(),
    },
    updater,
  });

  mainWindow = new BrowserWindow(createWindowOptions(PRELOAD_PATH, kiosk));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  quitGate.install(mainWindow);
  if (kiosk) {
    installKioskShortcutBlock(mainWindow.webContents);
  }
  installUnloadPrompt(mainWindow.webContents, getLanguage);
  await mainWindow.loadURL(APP_START_URL);
}

/**
 * Starts the update checks when this build and mode allow them. A
 * package.json that cannot be read turns updates off, with the reason
 * logged, rather than stopping the app.
 */
async function startUpdater(
  kiosk: boolean,
  updateUrl: string | undefined,
): Promise<Updater> {
  const updater = new Updater(electronUpdater.autoUpdater);
  let distribution: string | null;
  try {
    distribution = await readDistribution(app.getAppPath());
  } catch (error) {
    log.error(
      `updates off: cannot read the app's package.json: ${String(error)}`,
    );
    return updater;
  }

  updater.start(
    planUpdates({ kiosk, isPackaged: app.isPackaged, distribution, updateUrl }),
  );
  return updater;
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
