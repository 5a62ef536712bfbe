import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';

import { createI18n } from '../../../../../renderer/app/i18n/i18n';
import {
  describeBatchSync,
  describeSyncProblem,
  describeSyncStatus,
  type SyncStatusInput,
} from '../../../../../renderer/app/sync/sync-status-text';
import type { SyncProblem } from '../../../../../renderer/core/sync/sync-backlog';
import type { SyncStatus } from '../../../../../renderer/core/sync/sync-engine';

const NOW = new Date('2026-06-20T10:00:00.000Z');

const IDLE: SyncStatus = {
  phase: 'idle',
  lastSuccessAt: null,
  lastError: null,
  failures: 0,
  nextRetryAt: null,
};

let fr: TFunction;
let en: TFunction;

beforeAll(async () => {
  fr = (await createI18n('fr')).t;
  en = (await createI18n('en')).t;
});

/** Replaces the no-break spaces that `Intl` writes with plain spaces. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replace(/[\u00a0\u202f]/g, ' ')) as T;
}

function input(overrides: Partial<SyncStatusInput> = {}): SyncStatusInput {
  return {
    connection: 'online',
    status: IDLE,
    backlog: { pending: 0, oldestPendingAt: null },
    now: NOW,
    ...overrides,
  };
}

describe('describeSyncStatus', () => {
  it('says nothing waits before any sync', () => {
    expect(describeSyncStatus(input(), fr, 'fr')).toEqual({
      connection: 'En ligne',
      activity: null,
      pending: 'Aucune modification en attente',
      lastSync: 'Jamais synchronisé',
    });
  });

  it('counts pending changes with the oldest one’s age', () => {
    const text = describeSyncStatus(
      input({
        backlog: { pending: 3, oldestPendingAt: '2026-06-20T09:48:00.000Z' },
      }),
      fr,
      'fr',
    );

    expect(plain(text.pending)).toBe(
      '3 modifications en attente, la plus ancienne il y a 12 min',
    );
  });

  it('words one pending change in the singular', () => {
    const text = describeSyncStatus(
      input({
        backlog: { pending: 1, oldestPendingAt: '2026-06-20T09:59:30.000Z' },
      }),
      fr,
      'fr',
    );

    expect(text.pending).toBe('1 modification en attente, faite à l’instant');
  });

  it('explains offline in the teacher’s words', () => {
    const text = describeSyncStatus(
      input({ connection: 'offline', status: { ...IDLE, phase: 'offline' } }),
      fr,
      'fr',
    );

    expect(text.connection).toBe(
      'Hors connexion : vos notes sont enregistrées sur cet ordinateur et seront envoyées au retour du réseau',
    );
    expect(text.activity).toBeNull();
  });

  it('shows a run in progress and the last success', () => {
    const text = describeSyncStatus(
      input({
        status: {
          ...IDLE,
          phase: 'syncing',
          lastSuccessAt: new Date('2026-06-20T09:57:00.000Z'),
        },
      }),
      fr,
      'fr',
    );

    expect(text.activity).toBe('Synchronisation…');
    expect(plain(text.lastSync)).toBe('Dernière synchronisation il y a 3 min');
  });

  it('gives the next try of a failing server', () => {
    const text = describeSyncStatus(
      input({
        status: {
          ...IDLE,
          phase: 'failing',
          lastError: 'ApiError: GET /changes failed with 503',
          failures: 4,
          nextRetryAt: new Date('2026-06-20T10:02:00.000Z'),
        },
      }),
      fr,
      'fr',
    );

    expect(plain(text.activity)).toBe(
      'Le serveur rencontre un problème : nouvel essai dans 2 min. Vos notes restent enregistrées sur cet ordinateur.',
    );
    expect(text.activity).not.toContain('503');
  });

  it('writes English', () => {
    const text = describeSyncStatus(
      input({
        connection: 'sign-in-required',
        backlog: { pending: 2, oldestPendingAt: '2026-06-20T08:00:00.000Z' },
      }),
      en,
      'en',
    );

    expect(text.connection).toBe(
      'Sign in again to sync: your marks stay saved on this computer',
    );
    expect(plain(text.pending)).toBe('2 changes waiting, the oldest 2 hr. ago');
  });
});

describe('describeSyncProblem', () => {
  const locked: SyncProblem = {
    copyId: 'c2',
    batchId: 'b1',
    batchTitle: 'Lot 1',
    anonymousCode: 'A000000002',
    reason: 'locked',
    status: 423,
    detail: 'Batch "b1" is closed',
    since: '2026-06-20T09:30:00.000Z',
  };

  it('names the copy and the reason of a locked batch', () => {
    expect(plain(describeSyncProblem(locked, NOW, fr, 'fr'))).toEqual({
      copy: 'Copie A000000002 · Lot 1',
      reason:
        'Le lot est clos, rendu ou sa date limite est passée : le serveur n’accepte plus de modification.',
      serverDetail: null,
      since: 'il y a 30 min',
    });
  });

  it('quotes the server’s words on an invalid grade', () => {
    const text = describeSyncProblem(
      {
        ...locked,
        reason: 'invalid',
        status: 422,
        detail: 'marks.q1: 4.3 is not a multiple of 0.5',
      },
      NOW,
      fr,
      'fr',
    );

    expect(text.serverDetail).toBe(
      'Réponse du serveur : marks.q1: 4.3 is not a multiple of 0.5',
    );
  });

  it('gives the status of an unexpected rejection', () => {
    const text = describeSyncProblem(
      { ...locked, reason: 'rejected', status: 400, detail: '' },
      NOW,
      fr,
      'fr',
    );

    expect(text.reason).toBe(
      'Le serveur a refusé la note (erreur 400). Si cela continue, contactez l’assistance.',
    );
    expect(text.serverDetail).toBeNull();
  });

  it('names a copy no longer stored by its id', () => {
    const text = describeSyncProblem(
      {
        ...locked,
        batchId: null,
        batchTitle: null,
        anonymousCode: null,
        reason: 'conflict',
        status: null,
        detail: null,
      },
      NOW,
      fr,
      'fr',
    );

    expect(text.copy).toBe('Copie c2 (plus enregistrée sur cet ordinateur)');
    expect(text.reason).toContain('choisissez la version à garder');
  });
});

describe('describeBatchSync', () => {
  it('shows nothing for a batch without marks', () => {
    expect(
      describeBatchSync(
        { copiesWithGrade: 0, copiesPendingPush: 0, copiesWithSyncProblem: 0 },
        fr,
      ),
    ).toBeNull();
  });

  it('says every mark is sent', () => {
    expect(
      describeBatchSync(
        { copiesWithGrade: 4, copiesPendingPush: 0, copiesWithSyncProblem: 0 },
        fr,
      ),
    ).toEqual({ tone: 'synced', text: 'Toutes les notes sont envoyées' });
  });

  it('counts marks not sent', () => {
    expect(
      describeBatchSync(
        { copiesWithGrade: 4, copiesPendingPush: 2, copiesWithSyncProblem: 0 },
        fr,
      ),
    ).toEqual({ tone: 'pending', text: '2 notes pas encore envoyées' });
  });

  it('puts problems first', () => {
    expect(
      describeBatchSync(
        { copiesWithGrade: 4, copiesPendingPush: 1, copiesWithSyncProblem: 1 },
        fr,
      ),
    ).toEqual({
      tone: 'problem',
      text: '1 note refusée ou en conflit · 1 note pas encore envoyée',
    });
  });
});
