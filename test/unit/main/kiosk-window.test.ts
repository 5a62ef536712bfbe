import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./support/electron-double'));
vi.mock('electron-log/main', () => import('./support/electron-log-double'));

import type { Input, WebContents } from 'electron';

import {
  createWindowOptions,
  findBlockedShortcut,
  installKioskShortcutBlock,
} from '../../../main/kiosk-window';
import { createWebPreferences } from '../../../main/window-options';
import { logLines } from './support/electron-log-double';

type Modifiers = Partial<Pick<Input, 'control' | 'meta' | 'shift' | 'alt'>>;

function keyDown(key: string, modifiers: Modifiers = {}): Input {
  return {
    type: 'keyDown',
    key,
    code: '',
    isAutoRepeat: false,
    isComposing: false,
    control: false,
    meta: false,
    shift: false,
    alt: false,
    location: 0,
    modifiers: [],
    ...modifiers,
  } as Input;
}

beforeEach(() => {
  logLines.length = 0;
});

describe('createWindowOptions', () => {
  it('locks the kiosk window', () => {
    const options = createWindowOptions('/opt/Copydesk/preload.cjs', true);

    expect(options.kiosk).toBe(true);
    expect(options.fullscreen).toBe(true);
    expect(options.minimizable).toBe(false);
    expect(options.webPreferences?.devTools).toBe(false);
    expect(options.webPreferences?.sandbox).toBe(true);
    expect(options.webPreferences?.contextIsolation).toBe(true);
  });

  it('keeps an ordinary window outside kiosk', () => {
    const options = createWindowOptions('/opt/Copydesk/preload.cjs', false);

    expect(options).toStrictEqual({
      kiosk: false,
      webPreferences: createWebPreferences('/opt/Copydesk/preload.cjs'),
    });
    expect(options.webPreferences?.devTools).toBeUndefined();
  });
});

describe('findBlockedShortcut', () => {
  it.each<[string, string, Modifiers]>([
    ['reload', 'r', { control: true }],
    ['reload', 'r', { meta: true }],
    ['reload', 'R', { control: true, shift: true }],
    ['reload', 'F5', {}],
    ['reload', 'F5', { control: true }],
    ['developer tools', 'F12', {}],
    ['developer tools', 'I', { control: true, shift: true }],
    ['developer tools', 'J', { control: true, shift: true }],
    ['developer tools', 'C', { control: true, shift: true }],
    ['developer tools', 'i', { meta: true, alt: true }],
    ['new window', 'n', { control: true }],
    ['new window', 'n', { meta: true }],
    ['new window', 'N', { control: true, shift: true }],
    ['new tab', 't', { control: true }],
    ['close', 'w', { control: true }],
    ['close', 'w', { meta: true }],
    ['close', 'F4', { control: true }],
    ['quit', 'q', { meta: true }],
    ['quit', 'q', { control: true }],
    ['print', 'p', { control: true }],
    ['print', 'p', { meta: true }],
  ])('blocks %s: %s with %o', (name, key, modifiers) => {
    expect(findBlockedShortcut(keyDown(key, modifiers))).toBe(name);
  });

  it.each<[string, Modifiers]>([
    ['c', { control: true }],
    ['v', { control: true }],
    ['z', { control: true }],
    ['a', { control: true }],
    ['f', { control: true }],
    ['r', {}],
    ['w', {}],
    ['5', {}],
    ['7', { shift: true }],
    ['+', { control: true }],
    ['-', { control: true }],
    ['0', { control: true }],
    ['F4', {}],
    ['Enter', {}],
    ['ArrowRight', { alt: true }],
    ['r', { control: true, alt: true }],
    ['r', { control: true, meta: true }],
  ])('lets %s with %o through', (key, modifiers) => {
    expect(findBlockedShortcut(keyDown(key, modifiers))).toBeNull();
  });

  it('ignores key releases', () => {
    const release = { ...keyDown('r', { control: true }), type: 'keyUp' };

    expect(findBlockedShortcut(release)).toBeNull();
  });
});

describe('installKioskShortcutBlock', () => {
  function install() {
    let listener: (event: unknown, input: Input) => void = () => undefined;
    const contents = {
      on: (name: string, handler: typeof listener) => {
        expect(name).toBe('before-input-event');
        listener = handler;
      },
    };
    installKioskShortcutBlock(contents as unknown as WebContents);
    return (input: Input) => {
      const event = { preventDefault: vi.fn() };
      listener(event, input);
      return event;
    };
  }

  it('cancels a blocked shortcut and logs it', () => {
    const press = install();

    const event = press(keyDown('F12'));

    expect(event.preventDefault).toHaveBeenCalled();
    expect(logLines.map((line) => line.text)).toEqual([
      'blocked the developer tools shortcut in kiosk mode',
    ]);
  });

  it('lets ordinary typing through', () => {
    const press = install();

    const copy = press(keyDown('c', { control: true }));
    const digit = press(keyDown('4'));

    expect(copy.preventDefault).not.toHaveBeenCalled();
    expect(digit.preventDefault).not.toHaveBeenCalled();
    expect(logLines).toEqual([]);
  });
});
