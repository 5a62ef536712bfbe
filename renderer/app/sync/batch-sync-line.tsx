import { useTranslation } from 'react-i18next';

import { describeBatchSync, type BatchSyncCounts } from './sync-status-text';

/**
 * Renders a batch card's sync state: all marks sent, marks not sent yet,
 * or marks the server refused or that are in conflict. Nothing for a batch
 * with no mark yet.
 */
export function BatchSyncLine(props: { counts: BatchSyncCounts }) {
  const { t } = useTranslation();
  const state = describeBatchSync(props.counts, t);
  if (state === null) {
    return null;
  }
  return (
    <p className={`batch-sync batch-sync-${state.tone}`} data-sync={state.tone}>
      {state.text}
    </p>
  );
}
