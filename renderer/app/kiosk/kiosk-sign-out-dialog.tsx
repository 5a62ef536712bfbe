import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Button, Dialog, Heading } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import {
  isEmptySummary,
  readUnsyncedSummary,
  UnsyncedDataError,
} from '../../core/kiosk/wipe-check';
import { Alert } from '../components/alert';
import { useServices } from '../services/app-services';
import { createRendererLogger } from '../services/renderer-logger';

/**
 * Renders the sign-out of a shared computer: what the sign-out erases,
 * and, while the server lacks anything, the counts that block it and a
 * button to send them. The examiner confirms before anything is erased.
 */
export function KioskSignOutDialog(props: {
  onClose: () => void;
  /** Label of the confirming button, by default "sign out and erase". */
  confirmLabel?: string;
}) {
  const { t } = useTranslation();
  const services = useServices();
  const summary = useLiveQuery(
    () => readUnsyncedSummary(services.store.db),
    [services],
  );
  const [syncing, setSyncing] = useState(false);
  const [syncMessage, setSyncMessage] = useState<string | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const clear = summary !== undefined && isEmptySummary(summary);

  async function syncNow() {
    setSyncing(true);
    setSyncMessage(null);
    const result = await services.sync.syncNow().catch(() => null);
    await services.sendReports();
    setSyncMessage(
      result === null || result.stoppedBy !== null
        ? t('kiosk.syncOffline')
        : null,
    );
    setSyncing(false);
  }

  async function signOut() {
    setSigningOut(true);
    setFailure(null);
    try {
      await services.session.signOut();
      // The main process restarts the app once the wipe is done.
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      if (!(error instanceof UnsyncedDataError)) {
        createRendererLogger(services.bridge, 'kiosk').error(
          'kiosk sign-out failed',
          { error: detail },
        );
        setFailure(t('kiosk.wipeFailed', { detail }));
      }
      setSigningOut(false);
    }
  }

  return (
    <Dialog className="backup-dialog kiosk-sign-out-dialog">
      <Heading slot="title" level={2}>
        {t('kiosk.signOutTitle')}
      </Heading>
      <p>{t('kiosk.signOutIntro')}</p>
      {summary !== undefined && !clear && (
        <Alert tone="warning">{t('kiosk.unsynced', { ...summary })}</Alert>
      )}
      {clear && <Alert tone="success">{t('kiosk.allSynced')}</Alert>}
      {summary !== undefined && !clear && (
        <div className="backup-sync">
          <Button isPending={syncing} onPress={() => void syncNow()}>
            {t('kiosk.syncNow')}
          </Button>
          {syncMessage !== null && <Alert tone="warning">{syncMessage}</Alert>}
        </div>
      )}
      {failure !== null && <Alert tone="error">{failure}</Alert>}
      <div className="dialog-actions">
        <Button onPress={props.onClose}>{t('kiosk.cancel')}</Button>
        <Button
          className="primary"
          isDisabled={!clear}
          isPending={signingOut}
          onPress={() => void signOut()}
        >
          {props.confirmLabel ?? t('kiosk.signOutAndErase')}
        </Button>
      </div>
    </Dialog>
  );
}
