import { describe, expect, it } from 'vitest';

import type { Annotation } from '../../../../../shared/api/schemas';
import {
  createHistory,
  createSyncedHistory,
  receiveList,
  recordChange,
  redo,
  sendVersion,
  undo,
} from '../../../../../renderer/core/annotations/annotation-history';
import { stamp } from './annotation-fixtures';

const A = stamp('a', 0.1, 0.1);
const B = stamp('b', 0.2, 0.2);
const C = stamp('c', 0.3, 0.3);

function ids(list: readonly Annotation[]): string[] {
  return list.map((entry) => entry.id);
}

describe('annotation history', () => {
  it('undoes and redoes in order', () => {
    let history = createHistory([]);
    history = recordChange(history, [A]);
    history = recordChange(history, [A, B]);
    history = recordChange(history, [A, B, C]);

    history = undo(history);
    expect(ids(history.present)).toEqual(['a', 'b']);
    history = undo(history);
    expect(ids(history.present)).toEqual(['a']);
    history = redo(history);
    expect(ids(history.present)).toEqual(['a', 'b']);
    history = redo(history);
    expect(ids(history.present)).toEqual(['a', 'b', 'c']);
  });

  it('undo at the start changes nothing', () => {
    const history = createHistory([A]);

    expect(undo(history)).toBe(history);
    expect(redo(history)).toBe(history);
  });

  it('a new edit clears redo', () => {
    let history = recordChange(createHistory([]), [A]);
    history = recordChange(history, [A, B]);
    history = undo(history);

    history = recordChange(history, [A, C]);

    expect(history.future).toEqual([]);
    expect(redo(history)).toBe(history);
    expect(ids(undo(history).present)).toEqual(['a']);
  });

  it('keeps at most the limit', () => {
    let history = createHistory([], 3);
    for (let count = 1; count <= 10; count++) {
      history = recordChange(
        history,
        Array.from({ length: count }, (_, index) =>
          stamp(`s${index}`, 0.5, 0.5),
        ),
      );
    }

    expect(history.past).toHaveLength(3);
    let steps = 0;
    while (history.past.length > 0) {
      history = undo(history);
      steps++;
    }
    expect(steps).toBe(3);
    expect(history.present).toHaveLength(7);
  });

  it('redo respects the limit', () => {
    let history = createHistory([], 2);
    history = recordChange(history, [A]);
    history = recordChange(history, [A, B]);
    history = undo(history);
    history = undo(history);

    history = redo(history);
    history = redo(history);

    expect(history.past).toHaveLength(2);
    expect(ids(history.present)).toEqual(['a', 'b']);
  });

  it('rejects a limit below one', () => {
    expect(() => createHistory([], 0)).toThrow(/positive integer/);
  });
});

describe('synced history', () => {
  it('echo of the saved list changes nothing', () => {
    let synced = createSyncedHistory([A]);
    synced = sendVersion(synced, recordChange(synced.history, [A, B]));

    // The store reads back equal content in new objects.
    const echoed = receiveList(synced, structuredClone([A, B]));

    expect(echoed.history).toBe(synced.history);
    expect(echoed.unconfirmed).toEqual([]);
  });

  it('late echo keeps newer edits', () => {
    let synced = createSyncedHistory([]);
    synced = sendVersion(synced, recordChange(synced.history, [A]));
    synced = sendVersion(synced, recordChange(synced.history, [A, B]));

    // The first save comes back while the second is still on its way.
    synced = receiveList(synced, structuredClone([A]));

    expect(ids(synced.history.present)).toEqual(['a', 'b']);
    expect(synced.history.past).toHaveLength(2);
    expect(synced.unconfirmed).toHaveLength(1);
  });

  it('echo of an undo keeps redo', () => {
    let synced = createSyncedHistory([]);
    synced = sendVersion(synced, recordChange(synced.history, [A]));
    synced = sendVersion(synced, undo(synced.history));

    synced = receiveList(synced, [A]);
    synced = receiveList(synced, []);

    expect(synced.history.present).toEqual([]);
    expect(ids(redo(synced.history).present)).toEqual(['a']);
  });

  it('another writer resets the history', () => {
    let synced = createSyncedHistory([]);
    synced = sendVersion(synced, recordChange(synced.history, [A]));
    synced = receiveList(synced, [A]);

    // A sync brings a supervisor's tick.
    synced = receiveList(synced, [A, C]);

    expect(ids(synced.history.present)).toEqual(['a', 'c']);
    expect(undo(synced.history)).toBe(synced.history);
  });

  it('unchanged history sends nothing', () => {
    const synced = createSyncedHistory([A]);

    expect(sendVersion(synced, undo(synced.history))).toBe(synced);
  });
});
