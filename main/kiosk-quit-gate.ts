/**
 * Keeps the kiosk window open until quitting is allowed. In kiosk mode the
 * window's close (Alt+F4, the window manager, `app.quit()`) is cancelled
 * and a dialog explains how to quit: sign out, which wipes the computer and
 * restarts the app, or have an administrator enter the kiosk code.
 */
import { dialog, type BrowserWindow } from 'electron';

import type { Language } from '../shared/ipc/contract';
import { createLogger } from './logger';

const log = createLogger('kiosk');

const TEXTS: Record<Language, { message: string; detail: string }> = {
  fr: {
    message: 'Copydesk ne peut pas être fermé sur cet ordinateur partagé.',
    detail:
      'Déconnectez-vous pour effacer vos données de cet ordinateur : Copydesk revient alors à l’écran de connexion. Pour quitter Copydesk, un administrateur saisit son code avec le bouton « Quitter (administrateur) ».',
  },
  en: {
    message: 'Copydesk cannot be closed on this shared computer.',
    detail:
      'Sign out to erase your data from this computer: Copydesk then returns to the sign-in screen. To quit Copydesk, an administrator enters their code with the "Quit (administrator)" button.',
  },
};

export class KioskQuitGate {
  private quitAllowed = false;
  private dialogShown = false;

  constructor(
    private readonly kiosk: boolean,
    private readonly getLanguage: () => Language,
  ) {}

  /** Tells whether the window may close: always outside kiosk mode. */
  isQuitAllowed(): boolean {
    return !this.kiosk || this.quitAllowed;
  }

  /** Lets the app quit from now on; `reason` goes to the log. */
  allowQuit(reason: string): void {
    if (!this.quitAllowed) {
      log.info(`quitting allowed: ${reason}`);
    }
    this.quitAllowed = true;
  }

  /** Cancels `window`'s close while quitting is not allowed, and explains why. */
  install(window: BrowserWindow): void {
    window.on('close', (event) => {
      if (this.isQuitAllowed()) {
        return;
      }
      event.preventDefault();
      log.info(
        'window close rejected: kiosk mode and no administrator code accepted',
      );
      // Pressing Alt+F4 again while the dialog is open adds no second one.
      if (this.dialogShown) {
        return;
      }
      this.dialogShown = true;

      const texts = TEXTS[this.getLanguage()];
      dialog
        .showMessageBox(window, {
          type: 'info',
          title: 'Copydesk',
          message: texts.message,
          detail: texts.detail,
          buttons: ['OK'],
          noLink: true,
        })
        .catch((error: unknown) => {
          log.error(`could not show the kiosk quit dialog: ${String(error)}`);
        })
        .finally(() => {
          this.dialogShown = false;
        });
    });
  }
}
