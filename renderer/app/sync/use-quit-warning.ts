/**
 * Asks before the window closes or reloads while a grade is not on the
 * server yet: a pending or parked push, or a conflict. The marks are safe
 * on this computer either way, but the examiner may be about to leave it,
 * or a deadline may pass before the app runs again with a network.
 *
 * The browser shows its own leave-page prompt. In Electron the main process
 * receives the cancelled unload as `will-prevent-unload` and shows a native
 * dialog (see `main/unload-prompt.ts`).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';

import { countUnsynced } from '../../core/sync/sync-backlog';
import { useServices } from '../services/app-services';

export function useQuitWarning(): void {
  const { store } = useServices();
  const unsynced = useLiveQuery(() => countUnsynced(store.db), [store], 0);

  useEffect(() => {
    if (unsynced === 0) {
      return;
    }
    function onBeforeUnload(event: BeforeUnloadEvent) {
      event.preventDefault();
    }
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsynced]);
}
