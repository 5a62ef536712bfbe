/**
 * Hooks over the sync engine's state, the backlog in the local store and
 * the clock that refreshes the ages shown beside them.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, useSyncExternalStore } from 'react';

import {
  readSyncBacklog,
  type SyncBacklog,
} from '../../core/sync/sync-backlog';
import type { SyncStatus } from '../../core/sync/sync-engine';
import { useServices } from '../services/app-services';

/** Returns the sync engine's state and re-renders on every change. */
export function useSyncStatus(): SyncStatus {
  const { sync } = useServices();
  return useSyncExternalStore(sync.subscribe, sync.getStatus);
}

/**
 * Returns what is not on the server yet, read again after every change to
 * the outbox or the conflicts; undefined until the first read.
 */
export function useSyncBacklog(): SyncBacklog | undefined {
  const { store } = useServices();
  return useLiveQuery(() => readSyncBacklog(store.db), [store]);
}

/** Returns the current time, updated every `intervalMs` (a minute by default). */
export function useClock(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
