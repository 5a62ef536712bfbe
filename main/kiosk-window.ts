/**
 * Kiosk mode for exam centres: one full-screen window with no menu, no
 * developer tools and none of the browser shortcuts that reload the page,
 * open a window, print or close the app.
 */
import type {
  BrowserWindowConstructorOptions,
  Event,
  Input,
  WebContents,
} from 'electron';

import { createLogger } from './logger';
import { createWebPreferences } from './window-options';

const log = createLogger('kiosk');

/** Returns the options of the app window, full screen and locked in kiosk mode. */
export function createWindowOptions(
  preloadPath: string,
  kiosk: boolean,
): BrowserWindowConstructorOptions {
  if (!kiosk) {
    return { kiosk: false, webPreferences: createWebPreferences(preloadPath) };
  }
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    // The window has nothing to close into: leaving goes through the quit
    // gate, which Alt+F4 and the window manager's close also reach.
    minimizable: false,
    webPreferences: createWebPreferences(preloadPath, { kiosk: true }),
  };
}

type KeyInput = Pick<
  Input,
  'type' | 'key' | 'control' | 'meta' | 'alt' | 'shift'
>;

/**
 * A shortcut that kiosk mode blocks. `primary` is Ctrl or Cmd, and either
 * one matches on every platform. `key` is `Input.key` in lower case, so a
 * letter matches whatever the keyboard layout puts under it.
 */
interface BlockedShortcut {
  name: string;
  key: string;
  primary?: boolean;
  control?: boolean;
  meta?: boolean;
  shift?: boolean;
  alt?: boolean;
}

/** Every blocked shortcut. A shortcut matches with exactly its modifiers. */
export const KIOSK_BLOCKED_SHORTCUTS: readonly BlockedShortcut[] = [
  { name: 'reload', key: 'r', primary: true },
  { name: 'reload', key: 'r', primary: true, shift: true },
  { name: 'reload', key: 'f5' },
  { name: 'reload', key: 'f5', primary: true },
  { name: 'reload', key: 'f5', shift: true },
  { name: 'developer tools', key: 'f12' },
  { name: 'developer tools', key: 'i', primary: true, shift: true },
  { name: 'developer tools', key: 'j', primary: true, shift: true },
  { name: 'developer tools', key: 'c', primary: true, shift: true },
  { name: 'developer tools', key: 'i', meta: true, alt: true },
  { name: 'developer tools', key: 'j', meta: true, alt: true },
  { name: 'developer tools', key: 'c', meta: true, alt: true },
  { name: 'new window', key: 'n', primary: true },
  { name: 'new window', key: 'n', primary: true, shift: true },
  { name: 'new tab', key: 't', primary: true },
  { name: 'new tab', key: 't', primary: true, shift: true },
  { name: 'close', key: 'w', primary: true },
  { name: 'close', key: 'w', primary: true, shift: true },
  { name: 'close', key: 'f4', control: true },
  { name: 'quit', key: 'q', primary: true },
  { name: 'hide', key: 'h', meta: true },
  { name: 'minimize', key: 'm', meta: true },
  { name: 'print', key: 'p', primary: true },
  { name: 'print', key: 'p', primary: true, shift: true },
];

function matches(shortcut: BlockedShortcut, input: KeyInput): boolean {
  if (input.key.toLowerCase() !== shortcut.key) {
    return false;
  }

  let wantControl = shortcut.control === true;
  let wantMeta = shortcut.meta === true;
  if (shortcut.primary === true) {
    // Ctrl on Windows and Linux, Cmd on macOS: both are blocked everywhere.
    if (input.control === input.meta) {
      return false;
    }
    wantControl = input.control;
    wantMeta = input.meta;
  }

  return (
    input.control === wantControl &&
    input.meta === wantMeta &&
    input.shift === (shortcut.shift === true) &&
    input.alt === (shortcut.alt === true)
  );
}

/** Returns the name of the blocked shortcut `input` is, or null. */
export function findBlockedShortcut(input: KeyInput): string | null {
  if (input.type === 'keyUp') {
    return null;
  }
  const found = KIOSK_BLOCKED_SHORTCUTS.find((shortcut) =>
    matches(shortcut, input),
  );
  return found?.name ?? null;
}

/**
 * Cancels every blocked shortcut before the page or Electron acts on it.
 * Alt+F4 is not a key event here: it closes the window, which the quit
 * gate handles.
 */
export function installKioskShortcutBlock(contents: WebContents): void {
  contents.on('before-input-event', (event: Event, input: Input) => {
    const blocked = findBlockedShortcut(input);
    if (blocked === null) {
      return;
    }
    event.preventDefault();
    if (!input.isAutoRepeat) {
      log.info(`blocked the ${blocked} shortcut in kiosk mode`);
    }
  });
}
