import { useEffect, useState } from 'react';

import {
  readStorageEstimate,
  requestPersistentStorage,
  type PersistenceResult,
  type StorageEstimateReport,
} from '../../core/store/storage-estimate';

const REFRESH_MS = 10_000;

export interface StorageStatus {
  estimate: StorageEstimateReport | null;
  persistence: PersistenceResult | null;
}

/**
 * Asks once for persistent storage, then reads the space used and left
 * every few seconds, as downloads change it.
 */
export function useStorageStatus(): StorageStatus {
  const [status, setStatus] = useState<StorageStatus>({
    estimate: null,
    persistence: null,
  });

  useEffect(() => {
    let active = true;
    requestPersistentStorage()
      .catch(() => 'unknown' as const)
      .then((persistence) => {
        if (active) {
          setStatus((current) => ({ ...current, persistence }));
        }
      });

    function read() {
      readStorageEstimate()
        .catch(() => ({ known: false }) as const)
        .then((estimate) => {
          if (active) {
            setStatus((current) => ({ ...current, estimate }));
          }
        });
    }
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, []);

  return status;
}
