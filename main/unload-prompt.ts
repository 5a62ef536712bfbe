/**
 * The question before the window closes or reloads while marks are not on
 * the server yet. The page cancels its unload in `beforeunload`. Electron
 * then emits `will-prevent-unload` on the window's web contents and, left
 * alone, keeps the window open without a word. This handler shows a
 * native dialog in the app's language instead, which offers to quit anyway
 * or stay.
 */
import { BrowserWindow, dialog, type WebContents } from 'electron';

import type {
  Language,
  ManagedSettings,
  UserSettings,
} from '../shared/ipc/contract';
import { createLogger } from './logger';

const log = createLogger('app');

interface PromptTexts {
  message: string;
  detail: string;
  stay: string;
  leave: string;
}

const TEXTS: Record<Language, PromptTexts> = {
  fr: {
    message: 'Des notes ne sont pas encore envoyées au serveur.',
    detail:
      'Elles restent enregistrées sur cet ordinateur et seront envoyées à la prochaine ouverture de Copydesk avec le réseau. Si vous changez d’ordinateur ou si la date limite approche, restez jusqu’à leur envoi.',
    stay: 'Rester',
    leave: 'Quitter quand même',
  },
  en: {
    message: 'Some marks are not on the server yet.',
    detail:
      'They stay saved on this computer and will be sent the next time Copydesk opens with a network. If you are changing computers or the deadline is near, stay until they are sent.',
    stay: 'Stay',
    leave: 'Quit anyway',
  },
};

// Button indexes in `buttons`: staying comes first, is the default and is
// what Escape or closing the dialog chooses.
const STAY = 0;
const LEAVE = 1;

/**
 * Returns the app's language: the policy's, else the examiner's choice,
 * else French, as the renderer chooses it at start.
 */
export function appLanguage(
  managed: ManagedSettings,
  user: UserSettings,
): Language {
  return managed.language ?? user.language ?? 'fr';
}

/**
 * Handles `will-prevent-unload` on `contents` with a modal dialog, and lets
 * the page unload only when the examiner chooses to quit.
 * `getLanguage` is read at each prompt, so a language changed in the app
 * applies at once.
 */
export function installUnloadPrompt(
  contents: WebContents,
  getLanguage: () => Language,
): void {
  contents.on('will-prevent-unload', (event) => {
    const texts = TEXTS[getLanguage()];
    const options = {
      type: 'warning' as const,
      title: 'Copydesk',
      message: texts.message,
      detail: texts.detail,
      buttons: [texts.stay, texts.leave],
      defaultId: STAY,
      cancelId: STAY,
      noLink: true,
    };
    const owner = BrowserWindow.fromWebContents(contents);
    const choice =
      owner === null
        ? dialog.showMessageBoxSync(options)
        : dialog.showMessageBoxSync(owner, options);

    if (choice === LEAVE) {
      log.info(
        'window unloaded with marks not synced: the examiner chose to quit',
      );
      // Overrides the page's cancellation, so the unload goes on.
      event.preventDefault();
    } else {
      log.info('window kept open: marks are not synced yet');
    }
  });
}
