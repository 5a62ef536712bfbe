/**
 * Every keyboard shortcut of the marking workspace, in one table, so the
 * tooltips, the shortcut list and the key handlers cannot disagree.
 *
 * Keys follow `KeyboardEvent.key`. Shortcuts without a modifier act only
 * when the focus is not in a text field, where the same keys type text.
 */

export interface Shortcut {
  /** `KeyboardEvent.key`, compared without case for letters. */
  key: string;
  ctrl?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export const SHORTCUTS = {
  // Pages and view
  previousPage: { key: 'PageUp' },
  nextPage: { key: 'PageDown' },
  zoomIn: { key: '+', ctrl: true },
  zoomOut: { key: '-', ctrl: true },
  fitWidth: { key: '0', ctrl: true },
  fitPage: { key: '9', ctrl: true },
  rotateClockwise: { key: 'r' },
  rotateCounterClockwise: { key: 'r', shift: true },
  toggleContinuous: { key: 'c', shift: true },

  // Annotation tools
  selectTool: { key: 's' },
  penTool: { key: 'p' },
  highlighterTool: { key: 'h' },
  textTool: { key: 't' },
  tickTool: { key: 'v' },
  crossTool: { key: 'x' },
  eraserTool: { key: 'e' },
  nextColor: { key: 'c' },
  deleteSelection: { key: 'Delete' },
  undo: { key: 'z', ctrl: true },
  redo: { key: 'z', ctrl: true, shift: true },

  // Copies
  previousCopy: { key: 'ArrowLeft', alt: true },
  nextCopy: { key: 'ArrowRight', alt: true },
  nextUnmarkedCopy: { key: 'n', alt: true },
  markFinal: { key: 'Enter', ctrl: true },
  focusPoints: { key: 'g', alt: true },

  // Text read by OCR
  toggleOcrText: { key: 'o', alt: true },
} as const satisfies Record<string, Shortcut>;

export type ShortcutId = keyof typeof SHORTCUTS;

/** Returns whether `event` is the shortcut `id`, modifiers included. */
export function matchesShortcut(event: KeyboardEvent, id: ShortcutId): boolean {
  const shortcut: Shortcut = SHORTCUTS[id];
  // On a US keyboard, plus shares its key with "=", and Ctrl+= is the usual
  // way to zoom in, so "=" counts as "+".
  const typed = event.key === '=' ? '+' : event.key;
  const key = typed.length === 1 ? typed.toLowerCase() : typed;
  const expected =
    shortcut.key.length === 1 ? shortcut.key.toLowerCase() : shortcut.key;

  // Shift changes the key of symbols ("=" and "+" share a key), so it is
  // compared only for shortcuts on letters and named keys.
  const symbol = expected.length === 1 && !/[a-z0-9]/.test(expected);
  return (
    key === expected &&
    (event.ctrlKey || event.metaKey) === (shortcut.ctrl ?? false) &&
    event.altKey === (shortcut.alt ?? false) &&
    (symbol || event.shiftKey === (shortcut.shift ?? false))
  );
}

/** Whether key presses on `target` type text, so bare-key shortcuts must not act. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) {
    return true;
  }
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'range'].includes(target.type);
  }
  return false;
}

/** Returns whether `event` is the shortcut `id` and may act on its target. */
export function shortcutApplies(event: KeyboardEvent, id: ShortcutId): boolean {
  const shortcut: Shortcut = SHORTCUTS[id];
  const modified = (shortcut.ctrl ?? false) || (shortcut.alt ?? false);
  const namedKey = shortcut.key.length > 1 && shortcut.key !== 'Delete';
  if (!modified && !namedKey && isTextEntry(event.target)) {
    return false;
  }
  return matchesShortcut(event, id);
}

/** Returns the `aria-keyshortcuts` value of a shortcut, such as "Control+Z". */
export function ariaKeyShortcut(id: ShortcutId): string {
  const shortcut: Shortcut = SHORTCUTS[id];
  const parts: string[] = [];
  if (shortcut.ctrl) parts.push('Control');
  if (shortcut.alt) parts.push('Alt');
  if (shortcut.shift) parts.push('Shift');
  parts.push(
    shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key,
  );
  return parts.join('+');
}

/**
 * Names of modifiers and named keys in the user's language, for tooltips
 * (the `shortcutKeys` texts of the marking area).
 */
export interface KeyNames {
  ctrl: string;
  alt: string;
  shift: string;
  named: Readonly<Record<string, string>>;
}

/** Writes the shortcut as a person reads it in a tooltip: "Ctrl+Z", "Alt+→". */
export function describeShortcut(id: ShortcutId, names: KeyNames): string {
  const shortcut: Shortcut = SHORTCUTS[id];
  const parts: string[] = [];
  if (shortcut.ctrl) parts.push(names.ctrl);
  if (shortcut.alt) parts.push(names.alt);
  if (shortcut.shift) parts.push(names.shift);
  parts.push(names.named[shortcut.key] ?? shortcut.key.toUpperCase());
  return parts.join('+');
}

/**
 * Returns a ref callback that sets the element's `aria-keyshortcuts`. React
 * Aria's buttons (react-aria-components 1.22) drop that attribute when it
 * is passed as a prop, so it is set on the element itself.
 */
export function keyShortcutsRef(id: ShortcutId) {
  return (element: HTMLElement | null) => {
    element?.setAttribute('aria-keyshortcuts', ariaKeyShortcut(id));
  };
}
