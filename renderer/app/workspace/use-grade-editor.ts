/**
 * The grade of the copy on screen, as the examiner edits it. Every edit
 * shows at once and is written to the local store at once, with its outbox
 * entry, by `GradeStore.saveGradeEdit`. Edits of one copy are written in
 * the order they were made.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import { StorageFullError } from '../../core/download/scan-store';
import {
  EMPTY_GRADE,
  type GradeChange,
  type LocalGrade,
} from '../../core/store/grades';
import type { GradeContent } from '../../core/store/rows';
import { useServices } from '../services/app-services';
import { createRendererLogger } from '../services/renderer-logger';

/** Why the last save failed: the disk is full, or another error. */
export type SaveFailure =
  { kind: 'storage-full' } | { kind: 'failed'; detail: string };

export interface GradeEditor {
  /** The grade as shown: the stored one with every edit made since. */
  grade: GradeContent | null;
  /** The copy whose grade `grade` is, or null while none is loaded. */
  gradeCopyId: string | null;
  /** Time of the last stored edit, or null when the copy has no grade yet. */
  savedAt: string | null;
  /** Saves in flight. */
  saving: number;
  failure: SaveFailure | null;
  edit(change: GradeChange): void;
}

export function useGradeEditor(copyId: string): GradeEditor {
  const services = useServices();
  const { store, bridge } = services;
  const [grade, setGrade] = useState<GradeContent | null>(null);
  const [gradeCopyId, setGradeCopyId] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [saving, setSaving] = useState(0);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const current = useRef<GradeContent | null>(null);
  const logger = useRef(createRendererLogger(bridge, 'marking'));

  useEffect(() => {
    let cancelled = false;
    current.current = null;
    setGrade(null);
    setGradeCopyId(null);
    setSavedAt(null);
    setFailure(null);

    store.grades
      .readGrade(copyId)
      .then((stored) => {
        if (cancelled) {
          return;
        }
        const content = stored === null ? EMPTY_GRADE : contentOf(stored);
        current.current = content;
        setGrade(content);
        setGradeCopyId(copyId);
        setSavedAt(stored?.updatedAt ?? null);
      })
      .catch((error: unknown) => {
        logger.current.error('grade read failed', {
          copyId,
          error: String(error),
        });
        if (!cancelled) {
          setFailure({ kind: 'failed', detail: String(error) });
        }
      });

    return () => {
      cancelled = true;
    };
  }, [store, copyId]);

  // Saving takes a few milliseconds (encryption, then one transaction). A
  // reload or a closed tab in that window would drop the edit, so the
  // browser shows its leave-page prompt first. Electron shows no prompt of
  // its own, so the main process asks instead (main/unload-prompt.ts).
  useEffect(() => {
    if (saving === 0) {
      return;
    }
    function onBeforeUnload(event: BeforeUnloadEvent) {
      event.preventDefault();
    }
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [saving]);

  // Keystrokes come faster than saves on a slow machine, so edits made
  // while a save of the copy is in flight are merged into one next save:
  // at most one save runs and one waits, whatever the typing speed.
  const queues = useRef(new Map<string, SaveQueue>());
  const shownCopy = useRef(copyId);
  shownCopy.current = copyId;

  const runSave = useCallback(
    (savedCopy: string, queue: SaveQueue) => {
      const change = queue.pending;
      if (change === null) {
        queues.current.delete(savedCopy);
        return;
      }
      queue.pending = null;
      queue.inFlight = true;
      setSaving((count) => count + 1);

      store.grades
        .saveGradeEdit(savedCopy, change)
        .then((saved) => {
          services.sync.requestSync('edit');
          if (shownCopy.current === savedCopy) {
            setSavedAt(saved.updatedAt);
            setFailure(null);
          }
        })
        .catch(async (error: unknown) => {
          logger.current.error('grade save failed', {
            copyId: savedCopy,
            error: String(error),
          });
          if (shownCopy.current !== savedCopy) {
            return;
          }
          setFailure(
            error instanceof StorageFullError
              ? { kind: 'storage-full' }
              : { kind: 'failed', detail: String(error) },
          );

          // Show what is stored, so the screen never claims an edit that
          // was not kept.
          const stored = await store.grades
            .readGrade(savedCopy)
            .catch(() => null);
          const content = stored === null ? EMPTY_GRADE : contentOf(stored);
          current.current = content;
          setGrade(content);
        })
        .finally(() => {
          queue.inFlight = false;
          setSaving((count) => count - 1);
          runSave(savedCopy, queue);
        });
    },
    [store],
  );

  const edit = useCallback(
    (change: GradeChange) => {
      if (current.current === null) {
        return;
      }
      const next = { ...current.current, ...definedFields(change) };
      current.current = next;
      setGrade(next);

      let queue = queues.current.get(copyId);
      if (queue === undefined) {
        queue = { inFlight: false, pending: null };
        queues.current.set(copyId, queue);
      }
      queue.pending = { ...queue.pending, ...definedFields(change) };
      if (!queue.inFlight) {
        runSave(copyId, queue);
      }
    },
    [copyId, runSave],
  );

  return { grade, gradeCopyId, savedAt, saving, failure, edit };
}

/** The save of one copy in flight, and the merged edits waiting for it. */
interface SaveQueue {
  inFlight: boolean;
  pending: GradeChange | null;
}

function contentOf(grade: LocalGrade): GradeContent {
  return {
    status: grade.status,
    marks: grade.marks,
    comment: grade.comment,
    flags: grade.flags,
    annotations: grade.annotations,
  };
}

function definedFields(change: GradeChange): GradeChange {
  return Object.fromEntries(
    Object.entries(change).filter(([, value]) => value !== undefined),
  );
}
