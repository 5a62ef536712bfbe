/**
 * The web preferences of the app window. The renderer gets no Node.js, runs
 * in Chromium's sandbox, and is isolated from the preload script, which is
 * its only way to the operating system. In kiosk mode the developer tools
 * are off as well, so they cannot be opened at a shared computer.
 */
import type { WebPreferences } from 'electron';

export function createWebPreferences(
  preloadPath: string,
  options: { kiosk?: boolean } = {},
): WebPreferences {
  const preferences: WebPreferences = {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    webviewTag: false,
    spellcheck: false,
  };
  if (options.kiosk === true) {
    preferences.devTools = false;
  }
  return preferences;
}
