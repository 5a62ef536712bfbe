/**
 * The web preferences of the app window. The renderer gets no Node.js, runs
 * in Chromium's sandbox, and is isolated from the preload script, which is
 * its only way to the operating system.
 */
import type { WebPreferences } from 'electron';

export function createWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    webviewTag: false,
    spellcheck: false,
  };
}
