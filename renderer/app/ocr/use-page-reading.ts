import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';

import type { OcrReading } from '../../../shared/ocr/ocr-types';
import { useServices } from '../services/app-services';

/** The whole-page reading of the page shown, as the text panel shows it. */
export type PageReadingState =
  | { status: 'loading' }
  | { status: 'unread' }
  | { status: 'read'; reading: OcrReading }
  | { status: 'failed'; message: string };

/**
 * Returns the stored whole-page reading of a page of a copy's stored scan,
 * and follows the store, so the panel fills in when OCR reads the page.
 * The live query reads only the clear row, because the reading is
 * decrypted with Web Crypto, outside the IndexedDB transaction.
 */
export function usePageReading(copyId: string, page: number): PageReadingState {
  const { store } = useServices();
  const row = useLiveQuery(async () => {
    const copy = await store.db.copies.get(copyId);
    if (copy?.storedRevision == null) {
      return null;
    }
    const stored = await store.db.ocr.get([copyId, copy.storedRevision, page]);
    return stored?.scope === 'page'
      ? { revision: copy.storedRevision, createdAt: stored.createdAt }
      : null;
  }, [store, copyId, page]);

  const key =
    row == null ? null : `${copyId}:${row.revision}:${page}:${row.createdAt}`;
  const [loaded, setLoaded] = useState<{
    key: string;
    state: PageReadingState;
  } | null>(null);

  useEffect(() => {
    if (row == null || key === null) {
      return;
    }
    let current = true;
    store.ocr
      .loadReading(copyId, row.revision, page)
      .then((stored) => {
        if (current) {
          setLoaded({
            key,
            state:
              stored === null
                ? { status: 'unread' }
                : { status: 'read', reading: stored.reading },
          });
        }
      })
      .catch((error: unknown) => {
        if (current) {
          setLoaded({
            key,
            state: {
              status: 'failed',
              message: error instanceof Error ? error.message : String(error),
            },
          });
        }
      });
    return () => {
      current = false;
    };
    // `key` changes with every field of `row` that the load uses.
  }, [store, key]);

  if (row === undefined) {
    return { status: 'loading' };
  }
  if (row === null) {
    return { status: 'unread' };
  }
  return loaded?.key === key ? loaded.state : { status: 'loading' };
}
