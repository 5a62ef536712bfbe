import { useTranslation } from 'react-i18next';

import type { CopyListEntry } from '../../core/marking/copy-list';

/**
 * Renders the copy list's badges of one copy's sync state: withdrawn,
 * conflict, rejected or not sent, changed on the server, and scheme to
 * check. A copy in sync gets none.
 */
export function SyncBadges(props: { entry: CopyListEntry }) {
  const { t } = useTranslation();
  const { sync, copy } = props.entry;
  const badges: { kind: string; text: string }[] = [];

  if (copy.withdrawnAt !== null) {
    badges.push({ kind: 'withdrawn', text: t('conflicts.list.withdrawn') });
  }
  // One badge for the push: a conflict or a rejection tells more than
  // "not sent", which both also are.
  if (sync.conflict) {
    badges.push({ kind: 'conflict', text: t('conflicts.list.conflict') });
  } else if (sync.refused !== null) {
    badges.push({ kind: 'refused', text: t('conflicts.list.refused') });
  } else if (sync.pending) {
    badges.push({ kind: 'pending', text: t('conflicts.list.pending') });
  }
  if (sync.changedOnServer) {
    badges.push({ kind: 'changed', text: t('conflicts.list.changed') });
  }
  if (sync.needsAttention) {
    badges.push({ kind: 'attention', text: t('conflicts.list.attention') });
  }

  if (badges.length === 0) {
    return null;
  }
  return (
    <span className="copy-sync-badges">
      {badges.map((badge) => (
        <span
          key={badge.kind}
          className={`copy-sync-badge copy-sync-${badge.kind}`}
          data-sync={badge.kind}
        >
          {badge.text}
        </span>
      ))}
    </span>
  );
}
