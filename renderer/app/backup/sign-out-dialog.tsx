import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Button, Dialog, Heading } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { countUnsynced, readSyncBacklog } from '../../core/sync/sync-backlog';
import type { SyncRunResult } from '../../core/sync/sync-engine';
import { Alert } from '../components/alert';
import { useServices } from '../services/app-services';
import type { Grader } from '../services/session';
import { BackupForm, type SavedBackup } from './backup-form';
import { describeError } from './backup-messages';
import { useBackupLogger } from './use-backup-logger';

/**
 * Renders the dialog shown when a sign-out would leave grades unsynced:
 * how many, why that risks them, and the two ways out (sync now, or save
 * an encrypted backup). "Sign out" is enabled once nothing is unsynced or
 * a backup is saved. The counts follow the store live, so a sync that
 * succeeds while the dialog is open enables it at once.
 */
export function SignOutDialog(props: { grader: Grader; onClose: () => void }) {
  const { t } = useTranslation();
  const services = useServices();
  const logger = useBackupLogger();
  const counts = useLiveQuery(async () => {
    const backlog = await readSyncBacklog(services.store.db);
    return {
      unsynced: await countUnsynced(services.store.db),
      waiting: backlog.problems.length,
    };
  }, [services]);
  const [syncing, setSyncing] = useState(false);
  const [syncMessage, setSyncMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<SavedBackup | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const unsynced = counts?.unsynced ?? null;
  const canSignOut = unsynced === 0 || saved !== null;

  async function syncNow() {
    setSyncing(true);
    setSyncMessage(null);
    try {
      const result = await services.sync.syncNow();
      setSyncMessage(describeSyncStop(result));
    } catch (error) {
      logger.error('sync before sign-out failed', {
        error: describeError(error),
      });
      setSyncMessage(
        t('backup.signOut.syncFailed', { detail: describeError(error) }),
      );
    } finally {
      setSyncing(false);
    }
  }

  function describeSyncStop(result: SyncRunResult): string | null {
    switch (result.stoppedBy) {
      case 'offline':
        return t('backup.signOut.syncOffline');
      case 'sign-in-required':
        return t('backup.signOut.syncSignInRequired');
      case 'server-error':
      case 'not-signed-in':
        return t('backup.signOut.syncFailed', {
          detail: services.sync.getStatus().lastError ?? result.stoppedBy,
        });
      case null:
        return null;
    }
  }

  async function signOut() {
    setSigningOut(true);
    setFailure(null);
    try {
      await services.session.signOut({ backupSaved: saved !== null });
    } catch (error) {
      logger.error('sign-out failed', { error: describeError(error) });
      setFailure(t('backup.signOut.failed', { detail: describeError(error) }));
      setSigningOut(false);
    }
  }

  return (
    <Dialog className="backup-dialog sign-out-dialog">
      <Heading slot="title" level={2}>
        {t('backup.signOut.title')}
      </Heading>
      {unsynced !== null && unsynced > 0 && (
        <>
          <p>
            <strong>{t('backup.signOut.unsynced', { count: unsynced })}</strong>
          </p>
          <p>{t('backup.signOut.risk')}</p>
        </>
      )}
      {unsynced === 0 && (
        <Alert tone="success">{t('backup.signOut.allSynced')}</Alert>
      )}

      {unsynced !== 0 && (
        <div className="backup-sync">
          <Button isPending={syncing} onPress={() => void syncNow()}>
            {t('backup.signOut.syncNow')}
          </Button>
          {syncMessage !== null && <Alert tone="warning">{syncMessage}</Alert>}
          {syncMessage === null &&
            counts !== undefined &&
            counts.waiting > 0 && (
              <p className="muted">
                {t('backup.signOut.waiting', { count: counts.waiting })}
              </p>
            )}
        </div>
      )}

      {unsynced !== 0 && (
        <BackupForm grader={props.grader} onSaved={setSaved} saved={saved} />
      )}

      {failure !== null && <Alert tone="error">{failure}</Alert>}
      <div className="dialog-actions">
        <Button onPress={props.onClose}>{t('backup.signOut.cancel')}</Button>
        <Button
          className="primary"
          isDisabled={!canSignOut}
          isPending={signingOut}
          onPress={() => void signOut()}
        >
          {t('backup.signOut.signOut')}
        </Button>
      </div>
    </Dialog>
  );
}
