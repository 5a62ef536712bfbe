import { describe, expect, it } from 'vitest';

import {
  ariaKeyShortcut,
  describeShortcut,
  matchesShortcut,
  SHORTCUTS,
  type ShortcutId,
} from '../../../../renderer/app/shortcuts';

function press(
  key: string,
  modifiers: Partial<
    Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>
  > = {},
): KeyboardEvent {
  return {
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...modifiers,
  } as KeyboardEvent;
}

const FRENCH_KEYS = {
  ctrl: 'Ctrl',
  alt: 'Alt',
  shift: 'Maj',
  named: { ArrowRight: '→', Enter: 'Entrée' },
};

describe('matchesShortcut', () => {
  it('matches letters in either case', () => {
    expect(matchesShortcut(press('v'), 'tickTool')).toBe(true);
    expect(
      matchesShortcut(press('R', { shiftKey: true }), 'rotateCounterClockwise'),
    ).toBe(true);
    expect(
      matchesShortcut(press('R', { shiftKey: true }), 'rotateClockwise'),
    ).toBe(false);
  });

  it('requires the modifiers of the shortcut, and only those', () => {
    expect(matchesShortcut(press('z', { ctrlKey: true }), 'undo')).toBe(true);
    expect(matchesShortcut(press('z', { metaKey: true }), 'undo')).toBe(true);
    expect(
      matchesShortcut(press('z', { ctrlKey: true, shiftKey: true }), 'undo'),
    ).toBe(false);
    expect(
      matchesShortcut(press('z', { ctrlKey: true, shiftKey: true }), 'redo'),
    ).toBe(true);
    expect(matchesShortcut(press('v', { altKey: true }), 'tickTool')).toBe(
      false,
    );
    expect(
      matchesShortcut(press('ArrowRight', { altKey: true }), 'nextCopy'),
    ).toBe(true);
    expect(matchesShortcut(press('ArrowRight'), 'nextCopy')).toBe(false);
  });

  it('zooms in with Ctrl and plus or equals, shifted or not', () => {
    expect(matchesShortcut(press('+', { ctrlKey: true }), 'zoomIn')).toBe(true);
    expect(
      matchesShortcut(press('+', { ctrlKey: true, shiftKey: true }), 'zoomIn'),
    ).toBe(true);
    expect(matchesShortcut(press('=', { ctrlKey: true }), 'zoomIn')).toBe(true);
    expect(matchesShortcut(press('=', { ctrlKey: false }), 'zoomIn')).toBe(
      false,
    );
  });

  it('gives every shortcut a distinct key combination', () => {
    const combinations = (Object.keys(SHORTCUTS) as ShortcutId[]).map((id) =>
      ariaKeyShortcut(id),
    );

    expect(new Set(combinations).size).toBe(combinations.length);
  });
});

describe('describeShortcut', () => {
  it('writes modifiers and named keys in the given language', () => {
    expect(describeShortcut('nextCopy', FRENCH_KEYS)).toBe('Alt+→');
    expect(describeShortcut('markFinal', FRENCH_KEYS)).toBe('Ctrl+Entrée');
    expect(describeShortcut('rotateCounterClockwise', FRENCH_KEYS)).toBe(
      'Maj+R',
    );
    expect(ariaKeyShortcut('redo')).toBe('Control+Shift+Z');
  });
});
