/**
 * Records the time the examiner spends on the copy on screen, for their own
 * pace figures. Time counts while the page is visible and the examiner
 * pressed a key or moved the pointer less than a minute ago. It is added
 * to the store every 15 seconds and when the copy changes.
 */
import { useEffect } from 'react';

import { addMarkingTime } from '../../core/marking/marking-time';
import { useServices } from '../services/app-services';
import { createRendererLogger } from '../services/renderer-logger';

/** Time without input after which the examiner counts as away, milliseconds. */
const IDLE_AFTER_MS = 60_000;
const FLUSH_EVERY_MS = 15_000;
const TICK_MS = 1_000;

export function useActiveTime(copyId: string): void {
  const { store, bridge } = useServices();

  useEffect(() => {
    const logger = createRendererLogger(bridge, 'marking');
    let lastInput = Date.now();
    let unsaved = 0;
    let lastTick = Date.now();

    function onInput() {
      lastInput = Date.now();
    }

    // Each tick adds the time since the previous one if the examiner was
    // active. A tick delayed by a sleeping laptop adds at most one tick.
    const tick = window.setInterval(() => {
      const now = Date.now();
      const elapsed = Math.min(now - lastTick, TICK_MS);
      lastTick = now;
      if (
        document.visibilityState === 'visible' &&
        now - lastInput < IDLE_AFTER_MS
      ) {
        unsaved += elapsed;
      }
    }, TICK_MS);

    function flush() {
      const slice = unsaved;
      unsaved = 0;
      if (slice > 0) {
        addMarkingTime(store.db, copyId, slice).catch((error: unknown) => {
          logger.warn('marking time not recorded', {
            copyId,
            error: String(error),
          });
        });
      }
    }

    const flusher = window.setInterval(flush, FLUSH_EVERY_MS);
    const events = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;
    for (const name of events) {
      window.addEventListener(name, onInput, { passive: true });
    }
    window.addEventListener('pagehide', flush);

    return () => {
      window.clearInterval(tick);
      window.clearInterval(flusher);
      for (const name of events) {
        window.removeEventListener(name, onInput);
      }
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [store, bridge, copyId]);
}
