/**
 * The handlers of every channel of the IPC contract, registered through the
 * IPC guard, so each runs only for the app window with a valid payload.
 */
import { app, type WebContents } from 'electron';

import type { LogEntry, ManagedSettings } from '../shared/ipc/contract';
import { exportFile } from './file-export';
import { handleIpc, type IpcGuardOptions } from './ipc-guard';
import { registerKioskHandlers, type KioskControls } from './kiosk-handlers';
import { createLogger } from './logger';
import type { StorageKeyStore } from './storage-key';
import type { Updater } from './updater';
import type { UserSettingsStore } from './user-settings';
import type { CredentialVault } from './vault';

const rendererLog = createLogger('renderer');

export interface IpcHandlerDependencies {
  vault: Pick<CredentialVault, 'getRefreshToken' | 'setRefreshToken' | 'clear'>;
  storageKey: Pick<StorageKeyStore, 'getKey'>;
  /** The examiner's settings, loaded before the handlers are registered. */
  userSettings: Pick<UserSettingsStore, 'get' | 'set'>;
  /**
   * The policy's settings, from `toManagedSettings`: a key is present when
   * the policy fixes it, so the renderer shows it locked.
   */
  managedSettings: ManagedSettings;
  /** Tells whether `sender` is the web contents of the app window. */
  isAppWindow: (sender: WebContents) => boolean;
  /** Folder the save dialog of `file:export` opens in. */
  exportFolder: string;
  kiosk: KioskControls;
  updater: Pick<Updater, 'getStatus' | 'install'>;
}

/** Registers one handler per channel. Call once, after the app is ready. */
export function registerIpcHandlers(
  dependencies: IpcHandlerDependencies,
): void {
  const guard: IpcGuardOptions = { isAppWindow: dependencies.isAppWindow };
  const { vault, userSettings } = dependencies;

  handleIpc('vault:get-refresh-token', () => vault.getRefreshToken(), guard);
  handleIpc(
    'vault:set-refresh-token',
    (token) => vault.setRefreshToken(token),
    guard,
  );
  handleIpc(
    'vault:clear',
    async () => {
      await vault.clear();
      return undefined;
    },
    guard,
  );
  handleIpc(
    'vault:get-storage-key',
    () => dependencies.storageKey.getKey(),
    guard,
  );

  handleIpc('config:get', () => ({ ...dependencies.managedSettings }), guard);
  handleIpc('settings:get', () => userSettings.get(), guard);
  handleIpc('settings:set', (settings) => userSettings.set(settings), guard);
  handleIpc(
    'app:get-info',
    () => ({
      version: app.getVersion(),
      platform: process.platform,
      locale: app.getSystemLocale(),
    }),
    guard,
  );
  registerKioskHandlers(dependencies.kiosk, guard);
  handleIpc('update:get-status', () => dependencies.updater.getStatus(), guard);
  handleIpc(
    'update:install',
    () => {
      dependencies.updater.install();
      return undefined;
    },
    guard,
  );

  handleIpc(
    'file:export',
    (request, event) =>
      exportFile(request, event.sender, dependencies.exportFolder),
    guard,
  );
  handleIpc('log:write', (entry) => writeRendererLog(entry), guard);
}

/**
 * Writes a renderer log line to the `renderer` logger, prefixed with the
 * renderer's own logger name.
 */
function writeRendererLog(entry: LogEntry): undefined {
  rendererLog[entry.level](`${entry.logger}: ${entry.message}`);
  return undefined;
}
