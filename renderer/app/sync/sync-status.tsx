import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { formatDate } from '../format';
import { useServices } from '../services/app-services';
import type { Connection } from '../services/session';
import { SyncProblems } from './sync-problems';
import { describeSyncStatus } from './sync-status-text';
import { useClock, useSyncBacklog, useSyncStatus } from './use-sync-state';

const EMPTY_BACKLOG = { pending: 0, oldestPendingAt: null, problems: [] };

/**
 * Renders the sync part of the status bar: the connection, a run in
 * progress, the changes waiting and the age of the oldest, the last
 * successful sync, the problems to act on, and "Sync now".
 */
export function SyncStatusBar(props: {
  connection: Connection;
  locale: string;
}) {
  const { t } = useTranslation();
  const { sync } = useServices();
  const status = useSyncStatus();
  const backlog = useSyncBacklog() ?? EMPTY_BACKLOG;
  const now = useClock();
  const [pressed, setPressed] = useState(false);
  const { connection, locale } = props;

  const text = describeSyncStatus(
    { connection, status, backlog, now },
    t,
    locale,
  );

  async function syncNow() {
    setPressed(true);
    try {
      await sync.syncNow();
    } finally {
      setPressed(false);
    }
  }

  return (
    <>
      <span
        role="status"
        className={`connection connection-${connection}`}
        data-connection={connection}
      >
        {text.connection}
      </span>
      {text.activity !== null && (
        <span className="sync-activity" data-phase={status.phase}>
          {text.activity}
        </span>
      )}
      <span className="sync-pending" data-pending={backlog.pending}>
        {text.pending}
      </span>
      <span
        className="sync-last"
        title={
          status.lastSuccessAt === null
            ? undefined
            : formatDate(status.lastSuccessAt.toISOString(), locale)
        }
      >
        {text.lastSync}
      </span>
      {backlog.problems.length > 0 && (
        <SyncProblems problems={backlog.problems} now={now} locale={locale} />
      )}
      <Button
        className="link"
        isPending={pressed}
        isDisabled={connection === 'sign-in-required'}
        onPress={() => void syncNow()}
      >
        {t('sync.syncNow')}
      </Button>
    </>
  );
}
