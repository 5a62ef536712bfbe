import { useLiveQuery } from 'dexie-react-hooks';
import { Heading, Link } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { listBatchOverviews } from '../../core/assignments/batch-overview';
import { Alert } from '../components/alert';
import { DownloadPanel } from '../components/download-panel';
import { daysUntil, formatDate } from '../format';
import { routeHref } from '../hooks/use-route';
import { useSession } from '../hooks/use-session';
import { useServices } from '../services/app-services';
import { BatchSyncLine } from '../sync/batch-sync-line';

/** Renders one card per batch stored on this computer, from the local store. */
export function BatchesScreen() {
  const { t, i18n } = useTranslation();
  const { store } = useServices();
  const session = useSession();
  const overviews = useLiveQuery(() => listBatchOverviews(store.db), []);

  if (overviews === undefined) {
    return <p className="muted">{t('app.loading')}</p>;
  }

  const connection = session.phase === 'active' ? session.connection : null;
  const now = new Date();

  return (
    <section aria-labelledby="batches-title">
      <Heading level={1} id="batches-title">
        {t('batches.title')}
      </Heading>
      {overviews.length === 0 && (
        <p className="muted">
          {connection === 'online'
            ? t('batches.empty')
            : t('batches.emptyOffline')}
        </p>
      )}
      <ul className="batch-list">
        {overviews.map((overview) => {
          const { batch } = overview;
          const days = daysUntil(batch.deadline, now);
          const withdrawn = overview.withdrawnAt !== null;
          return (
            <li key={batch.id} className="batch-card">
              <article aria-labelledby={`batch-${batch.id}`}>
                <header>
                  <Heading level={2} id={`batch-${batch.id}`}>
                    <Link
                      href={routeHref({ screen: 'batch', batchId: batch.id })}
                    >
                      {batch.title}
                    </Link>
                  </Heading>
                  <span className={`badge badge-${batch.status}`}>
                    {t(`batches.status.${batch.status}`)}
                  </span>
                </header>
                <p className="batch-subject">
                  {batch.subject}
                  {overview.schemeTitle !== null &&
                    ` · ${overview.schemeTitle}`}
                </p>
                <p>
                  {t('batches.deadline', {
                    date: formatDate(batch.deadline, i18n.language),
                  })}
                  {/* A submitted or closed batch takes no more marks, so
                      its time left no longer matters. */}
                  {batch.status === 'open' && (
                    <>
                      {' '}
                      <strong>
                        {days < 0
                          ? t('batches.overdue')
                          : t('batches.daysLeft', { count: days })}
                      </strong>
                    </>
                  )}
                </p>
                <p>
                  {t('batches.copies', { count: overview.copiesTotal })} ·{' '}
                  {t('batches.marked', {
                    graded: overview.copiesFinal,
                    total: overview.copiesTotal,
                  })}
                </p>
                <BatchSyncLine counts={overview} />
                {withdrawn && (
                  <Alert tone="warning">{t('batches.withdrawn')}</Alert>
                )}
                <DownloadPanel
                  batchId={batch.id}
                  copiesStored={overview.copiesStored}
                  copiesTotal={overview.copiesTotal}
                  bytesStored={overview.bytesStored}
                  bytesTotal={overview.bytesTotal}
                  canDownload={!withdrawn && connection !== 'sign-in-required'}
                />
              </article>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
