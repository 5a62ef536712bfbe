/**
 * The words of the sync status in the status bar, built from the session's
 * connection, the sync engine's state and the backlog in the store. Kept
 * apart from the component so each case can be tested as text.
 */
import type { TFunction } from 'i18next';

import {
  showsServerDetail,
  type SyncBacklog,
  type SyncProblem,
} from '../../core/sync/sync-backlog';
import type { SyncStatus } from '../../core/sync/sync-engine';
import type { Connection } from '../services/session';
import { formatAge, formatDelay } from './relative-age';

export interface SyncStatusText {
  /** Online, offline and what it means for the marks, or sign-in needed. */
  connection: string;
  /** A run in progress or a server failing, or null when neither. */
  activity: string | null;
  /** Changes waiting and the age of the oldest, or that none waits. */
  pending: string;
  lastSync: string;
}

export interface SyncStatusInput {
  connection: Connection;
  status: SyncStatus;
  backlog: Pick<SyncBacklog, 'pending' | 'oldestPendingAt'>;
  now: Date;
}

const CONNECTION_KEYS: Record<Connection, string> = {
  online: 'sync.connection.online',
  offline: 'sync.connection.offline',
  'sign-in-required': 'sync.connection.signInRequired',
  checking: 'sync.connection.checking',
};

export function describeSyncStatus(
  input: SyncStatusInput,
  t: TFunction,
  locale: string,
): SyncStatusText {
  const { status, backlog, now } = input;

  let activity: string | null = null;
  if (status.phase === 'syncing') {
    activity = t('sync.syncing');
  } else if (status.phase === 'failing') {
    activity = t('sync.failing', {
      age: formatDelay(status.nextRetryAt ?? now, now, locale, t),
    });
  }

  const pending =
    backlog.pending > 0 && backlog.oldestPendingAt !== null
      ? t('sync.pending', {
          count: backlog.pending,
          age: formatAge(backlog.oldestPendingAt, now, locale, t),
        })
      : t('sync.nothingPending');

  const lastSync =
    status.lastSuccessAt === null
      ? t('sync.neverSynced')
      : t('sync.lastSync', {
          age: formatAge(status.lastSuccessAt, now, locale, t),
        });

  return {
    connection: t(CONNECTION_KEYS[input.connection]),
    activity,
    pending,
    lastSync,
  };
}

export interface SyncProblemText {
  /** "Copie A000000002 · Lot 1", or the id when the copy is gone. */
  copy: string;
  /** Explanation of what happened and what to do, in the examiner's words. */
  reason: string;
  /** The server's own words, when it sent some. */
  serverDetail: string | null;
  /** How long ago the push was parked or the conflict found. */
  since: string;
}

/** Describes one parked push or conflict for the problem list. */
export function describeSyncProblem(
  problem: SyncProblem,
  now: Date,
  t: TFunction,
  locale: string,
): SyncProblemText {
  let copy =
    problem.anonymousCode === null
      ? t('sync.problems.unknownCopy', { id: problem.copyId })
      : t('sync.problems.copy', { code: problem.anonymousCode });
  if (problem.batchTitle !== null) {
    copy += ` · ${problem.batchTitle}`;
  }

  return {
    copy,
    reason: t(`sync.problems.reason.${problem.reason}`, {
      status: problem.status ?? '',
    }),
    serverDetail:
      problem.detail === null ||
      problem.detail === '' ||
      !showsServerDetail(problem.reason)
        ? null
        : t('sync.problems.serverSaid', { detail: problem.detail }),
    since: formatAge(problem.since, now, locale, t),
  };
}

/** The counts a batch card shows, as in `BatchOverview`. */
export interface BatchSyncCounts {
  copiesWithGrade: number;
  copiesPendingPush: number;
  copiesWithSyncProblem: number;
}

export interface BatchSyncText {
  tone: 'synced' | 'pending' | 'problem';
  text: string;
}

/**
 * Describes a batch's sync state for its card: problems first, then marks
 * not sent yet, else all sent. Returns null for a batch with no mark yet.
 */
export function describeBatchSync(
  counts: BatchSyncCounts,
  t: TFunction,
): BatchSyncText | null {
  const parts: string[] = [];
  if (counts.copiesWithSyncProblem > 0) {
    parts.push(
      t('sync.card.problems', { count: counts.copiesWithSyncProblem }),
    );
  }
  if (counts.copiesPendingPush > 0) {
    parts.push(t('sync.card.pending', { count: counts.copiesPendingPush }));
  }

  if (parts.length > 0) {
    return {
      tone: counts.copiesWithSyncProblem > 0 ? 'problem' : 'pending',
      text: parts.join(' · '),
    };
  }
  if (counts.copiesWithGrade === 0) {
    return null;
  }
  return { tone: 'synced', text: t('sync.card.synced') };
}
