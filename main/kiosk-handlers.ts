/**
 * The handlers of the `kiosk:` bridge calls: the kiosk state, the
 * administrator code that allows quitting, and the wipe at sign-out.
 */
import type { AdminCodeChecker } from './kiosk-admin-code';
import type { KioskQuitGate } from './kiosk-quit-gate';
import { handleIpc, type IpcGuardOptions } from './ipc-guard';
import { createLogger } from './logger';

const log = createLogger('kiosk');

export interface KioskControls {
  /** True when the policy sets `kiosk: true`. */
  enabled: boolean;
  gate: Pick<KioskQuitGate, 'allowQuit' | 'isQuitAllowed'>;
  adminCodes: Pick<AdminCodeChecker, 'check' | 'configured'>;
  /** Erases the local data; rejects with the steps that failed. */
  wipe: () => Promise<void>;
  /** Starts the app again on the sign-in screen (`app.relaunch` and `app.exit`). */
  restart: () => void;
  /** Ends the app at once, without asking the page (`app.exit`). */
  exit: () => void;
  /** Closes the window and quits (`app.quit`), through the unload prompt. */
  quit: () => void;
}

function requireKiosk(controls: KioskControls, channel: string): void {
  if (!controls.enabled) {
    throw new Error(
      `${channel} is only available in kiosk mode (policy key "kiosk": true)`,
    );
  }
}

/**
 * Runs `action` after the current IPC reply is sent, so the renderer's
 * call settles before the app goes.
 */
function afterReply(action: () => void): void {
  setTimeout(action, 0);
}

export function registerKioskHandlers(
  controls: KioskControls,
  guard: IpcGuardOptions,
): void {
  handleIpc(
    'kiosk:get-state',
    () => ({
      enabled: controls.enabled,
      adminCodeSet: controls.enabled && controls.adminCodes.configured,
    }),
    guard,
  );

  handleIpc(
    'kiosk:authorize-quit',
    async ({ adminCode }) => {
      requireKiosk(controls, 'kiosk:authorize-quit');
      const result = await controls.adminCodes.check(adminCode);
      if (result.status === 'accepted') {
        controls.gate.allowQuit('administrator code accepted');
      }
      return result;
    },
    guard,
  );

  handleIpc(
    'kiosk:quit',
    () => {
      requireKiosk(controls, 'kiosk:quit');
      if (!controls.gate.isQuitAllowed()) {
        throw new Error(
          'quitting in kiosk mode needs an administrator code: enter it first',
        );
      }
      log.info('quitting at the administrator’s request');
      afterReply(controls.quit);
      return undefined;
    },
    guard,
  );

  handleIpc(
    'kiosk:wipe-and-restart',
    async () => {
      requireKiosk(controls, 'kiosk:wipe-and-restart');
      await controls.wipe();

      if (controls.gate.isQuitAllowed()) {
        log.info('quitting after the wipe, as the administrator asked');
        afterReply(controls.exit);
      } else {
        log.info('restarting on the sign-in screen after the wipe');
        afterReply(controls.restart);
      }
      return undefined;
    },
    guard,
  );
}
