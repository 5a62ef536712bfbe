import { useSyncExternalStore } from 'react';

import type { BatchDownload } from '../services/download-manager';
import { useServices } from '../services/app-services';
import type { SessionState } from '../services/session';

/** Returns the session's state and re-renders on every change. */
export function useSession(): SessionState {
  const { session } = useServices();
  return useSyncExternalStore(session.subscribe, session.getState);
}

/** Returns the download of `batchId` started in this window, or null. */
export function useBatchDownload(batchId: string): BatchDownload | null {
  const { downloads } = useServices();
  return useSyncExternalStore(downloads.subscribe, () =>
    downloads.get(batchId),
  );
}
