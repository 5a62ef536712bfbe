import { useEffect, useRef } from 'react';

import { shortcutApplies, type ShortcutId } from '../shortcuts';

/** The viewer's shortcuts, from the app's shortcut table. */
export type ViewerShortcut = Extract<
  ShortcutId,
  | 'previousPage'
  | 'nextPage'
  | 'zoomIn'
  | 'zoomOut'
  | 'fitWidth'
  | 'fitPage'
  | 'rotateClockwise'
  | 'rotateCounterClockwise'
  | 'toggleContinuous'
>;

const VIEWER_SHORTCUTS: readonly ViewerShortcut[] = [
  'previousPage',
  'nextPage',
  'zoomIn',
  'zoomOut',
  'fitWidth',
  'fitPage',
  'rotateClockwise',
  'rotateCounterClockwise',
  'toggleContinuous',
];

/**
 * Runs `actions` on the window's key presses while `enabled`. A handled key
 * has its default prevented, so Page Down turns a page instead of
 * scrolling the window and Ctrl+Plus zooms the scan, not the whole app.
 */
export function useViewerShortcuts(
  enabled: boolean,
  actions: Record<ViewerShortcut, () => void>,
): void {
  const latest = useRef(actions);
  latest.current = actions;

  useEffect(() => {
    if (!enabled) {
      return;
    }
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented) {
        return;
      }
      const id = VIEWER_SHORTCUTS.find((shortcut) =>
        shortcutApplies(event, shortcut),
      );
      if (id !== undefined) {
        event.preventDefault();
        latest.current[id]();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
