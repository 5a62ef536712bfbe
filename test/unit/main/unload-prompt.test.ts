import { EventEmitter } from 'node:events';

import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({
  /** The button index the examiner "presses" in the next dialog. */
  choice: 0,
  /** The window `BrowserWindow.fromWebContents` returns. */
  owner: null as object | null,
  /** Arguments of each `dialog.showMessageBoxSync` call. */
  prompts: [] as unknown[][],
}));

vi.mock('electron', async () => ({
  ...(await import('./support/electron-double')),
  BrowserWindow: {
    fromWebContents: vi.fn(() => state.owner),
  },
  dialog: {
    showMessageBoxSync: vi.fn((...args: unknown[]) => {
      state.prompts.push(args);
      return state.choice;
    }),
  },
}));
vi.mock('electron-log/main', () => import('./support/electron-log-double'));

import type { WebContents } from 'electron';

import type { Language } from '../../../shared/ipc/contract';
import { appLanguage, installUnloadPrompt } from '../../../main/unload-prompt';
import { logLines } from './support/electron-log-double';

const STAY = 0;
const LEAVE = 1;

interface MessageBoxOptions {
  type: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
}

/** Web contents that emit events as Electron does, with a settable language. */
function promptedContents(language: Language = 'fr') {
  const contents = new EventEmitter();
  const settings = { language };
  installUnloadPrompt(
    contents as unknown as WebContents,
    () => settings.language,
  );

  /** Emits `will-prevent-unload` and returns whether the unload goes on. */
  const unload = () => {
    const event = { defaultPrevented: false, preventDefault: vi.fn() };
    event.preventDefault.mockImplementation(() => {
      event.defaultPrevented = true;
    });
    contents.emit('will-prevent-unload', event);
    return event.defaultPrevented;
  };
  return { settings, unload };
}

function lastOptions(): MessageBoxOptions {
  return state.prompts.at(-1)?.at(-1) as MessageBoxOptions;
}

beforeEach(() => {
  state.choice = STAY;
  state.owner = null;
  state.prompts.length = 0;
  logLines.length = 0;
});

describe('installUnloadPrompt', () => {
  it('keeps the window when the examiner stays', () => {
    const { unload } = promptedContents();
    state.choice = STAY;

    expect(unload()).toBe(false);
    expect(state.prompts).toHaveLength(1);
    expect(logLines.at(-1)?.text).toBe(
      'window kept open: marks are not synced yet',
    );
  });

  it('lets the page unload when the examiner quits', () => {
    const { unload } = promptedContents();
    state.choice = LEAVE;

    expect(unload()).toBe(true);
    expect(logLines.at(-1)?.text).toContain('the examiner chose to quit');
  });

  it('asks in French, with staying as default and cancel', () => {
    const { unload } = promptedContents('fr');

    unload();

    const options = lastOptions();
    expect(options.type).toBe('warning');
    expect(options.message).toBe(
      'Des notes ne sont pas encore envoyées au serveur.',
    );
    expect(options.detail).toContain('restent enregistrées sur cet ordinateur');
    expect(options.buttons).toEqual(['Rester', 'Quitter quand même']);
    expect(options.buttons[options.defaultId]).toBe('Rester');
    expect(options.buttons[options.cancelId]).toBe('Rester');
  });

  it('asks in the language chosen since', () => {
    const { settings, unload } = promptedContents('fr');
    settings.language = 'en';

    unload();

    expect(lastOptions().message).toBe('Some marks are not on the server yet.');
    expect(lastOptions().buttons).toEqual(['Stay', 'Quit anyway']);
  });

  it('makes the dialog modal to the window', () => {
    const owner = { id: 7 };
    state.owner = owner;
    const { unload } = promptedContents();

    unload();

    expect(state.prompts.at(-1)).toHaveLength(2);
    expect(state.prompts.at(-1)?.[0]).toBe(owner);
  });

  it('asks without a parent when no window owns the page', () => {
    const { unload } = promptedContents();

    unload();

    expect(state.prompts.at(-1)).toHaveLength(1);
  });
});

describe('appLanguage', () => {
  it.each([
    [{ language: 'en' }, { language: 'fr' }, 'en'],
    [{}, { language: 'en' }, 'en'],
    [{}, {}, 'fr'],
  ] as const)(
    'policy %o and settings %o give %s',
    (managed, user, expected) => {
      expect(appLanguage(managed, user)).toBe(expected);
    },
  );
});
