import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';

import {
  searchReadings,
  type OcrSearchHit,
  type OcrSearchResult,
} from '../../core/ocr/ocr-search';
import { useServices } from '../services/app-services';

/** Time after the last keystroke before the search runs, in milliseconds. */
const SEARCH_DELAY_MS = 200;

export type SearchScopeKind = 'copy' | 'batch';

export interface OcrSearch {
  query: string;
  setQuery(query: string): void;
  scope: SearchScopeKind;
  setScope(scope: SearchScopeKind): void;
  /** The last result, or null before the first search ends. */
  result: OcrSearchResult | null;
  /** The error message of the last failed search, or null. */
  error: string | null;
  /** Index of the current hit in `result.hits`, or null when none. */
  index: number | null;
  /** Makes the next (+1) or previous (-1) hit current, wrapping around. */
  step(direction: 1 | -1): OcrSearchHit | null;
  /** Makes the hit at `index` current. */
  select(index: number): OcrSearchHit | null;
}

/**
 * Searches the stored readings of the copy shown or of its batch as the
 * examiner types, and again whenever OCR stores a new page of the batch.
 */
export function useOcrSearch(batchId: string, copyId: string): OcrSearch {
  const { store } = useServices();
  const [query, setQuery] = useState('');
  const [scope, setScope] = useState<SearchScopeKind>('copy');
  const [result, setResult] = useState<OcrSearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [index, setIndex] = useState<number | null>(null);

  // Changes whenever a page of the batch is read, so the search runs again.
  const readCount = useLiveQuery(
    () =>
      store.db.ocr.where('[batchId+scope]').equals([batchId, 'page']).count(),
    [store, batchId],
  );
  const scopeCopy = scope === 'copy' ? copyId : null;

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const searchScope =
        scopeCopy === null
          ? { kind: 'batch' as const, batchId }
          : { kind: 'copy' as const, copyId: scopeCopy };
      searchReadings(store.db, store.ocr, searchScope, query)
        .then((found) => {
          if (current) {
            setResult(found);
            setError(null);
          }
        })
        .catch((failure: unknown) => {
          if (current) {
            setError(
              failure instanceof Error ? failure.message : String(failure),
            );
          }
        });
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [store, batchId, scopeCopy, query, readCount]);

  // A new query or scope starts from no current hit.
  useEffect(() => setIndex(null), [query, scopeCopy]);

  const hits = result?.hits ?? [];
  const valid = index !== null && index < hits.length ? index : null;

  const select = (next: number): OcrSearchHit | null => {
    const hit = hits[next];
    if (hit === undefined) {
      return null;
    }
    setIndex(next);
    return hit;
  };

  return {
    query,
    setQuery,
    scope,
    setScope,
    result,
    error,
    index: valid,
    step(direction) {
      if (hits.length === 0) {
        return null;
      }
      const from = valid ?? (direction === 1 ? -1 : 0);
      return select((from + direction + hits.length) % hits.length);
    },
    select,
  };
}
