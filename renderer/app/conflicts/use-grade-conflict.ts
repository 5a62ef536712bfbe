/**
 * The two versions of a grade in conflict, decrypted: read again whenever
 * the server version in conflict changes, so the resolver always shows the
 * versions it will resolve.
 */
import { useEffect, useState } from 'react';

import type { LocalGrade } from '../../core/store/grades';
import type { GradeConflict } from '../../core/store/server-grades';
import { useServices } from '../services/app-services';
import { createRendererLogger } from '../services/renderer-logger';

export type GradeConflictState =
  | { kind: 'loading' }
  | { kind: 'ready'; conflict: GradeConflict; local: LocalGrade | null }
  | { kind: 'failed'; detail: string };

/**
 * Reads the copy's conflict at `serverVersion`, or returns `loading` while
 * it reads. A conflict that is gone by the time it is read stays `loading`,
 * because the caller's live query then stops showing it.
 */
export function useGradeConflict(
  copyId: string,
  serverVersion: number,
): GradeConflictState {
  const { store, bridge } = useServices();
  const [state, setState] = useState<{
    key: string;
    value: GradeConflictState;
  }>({ key: '', value: { kind: 'loading' } });
  const key = `${copyId}@${serverVersion}`;

  useEffect(() => {
    let cancelled = false;

    Promise.all([
      store.serverGrades.readConflict(copyId),
      store.grades.readGrade(copyId),
    ])
      .then(([conflict, local]) => {
        if (cancelled || conflict === null) {
          return;
        }
        setState({ key, value: { kind: 'ready', conflict, local } });
      })
      .catch((error: unknown) => {
        createRendererLogger(bridge, 'sync').error('conflict read failed', {
          copyId,
          serverVersion,
          error: String(error),
        });
        if (!cancelled) {
          setState({ key, value: { kind: 'failed', detail: String(error) } });
        }
      });

    return () => {
      cancelled = true;
    };
  }, [store, bridge, copyId, serverVersion, key]);

  return state.key === key ? state.value : { kind: 'loading' };
}
