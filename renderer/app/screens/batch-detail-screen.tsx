import { useLiveQuery } from 'dexie-react-hooks';
import {
  Cell,
  Column,
  Heading,
  Link,
  Row,
  Table,
  TableBody,
  TableHeader,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { getBatchOverview } from '../../core/assignments/batch-overview';
import type { CopyDownloadState } from '../../core/download/progress';
import { Alert } from '../components/alert';
import { DownloadPanel } from '../components/download-panel';
import {
  BatchOcrProgress,
  IntegrityBadge,
  useBatchFindings,
} from '../ocr/integrity-findings';
import { formatBytes } from '../format';
import { routeHref } from '../hooks/use-route';
import { useBatchDownload, useSession } from '../hooks/use-session';
import { useServices } from '../services/app-services';
import { localized } from '../messages';
import { SubmitBatchPanel } from '../sync/submit-batch-panel';

/** Renders the copies of one batch with their offline and grade state. */
export function BatchDetailScreen(props: { batchId: string }) {
  const { t, i18n } = useTranslation();
  const { store } = useServices();
  const session = useSession();
  const download = useBatchDownload(props.batchId);
  const findings = useBatchFindings(props.batchId);
  // `null` is a batch that is not stored; `undefined` is still loading.
  const detail = useLiveQuery(
    () => getBatchOverview(store.db, props.batchId),
    [props.batchId],
  );

  if (detail === undefined) {
    return <p className="muted">{t('app.loading')}</p>;
  }

  const back = (
    <Link className="back-link" href={routeHref({ screen: 'batches' })}>
      {t('batch.back')}
    </Link>
  );
  if (detail === null) {
    return (
      <section>
        {back}
        <Alert tone="error">{t('batch.notFound')}</Alert>
      </section>
    );
  }

  const { batch, scheme } = detail;
  const current = detail.copies.filter((c) => c.copy.withdrawnAt === null);
  const live = new Map(
    (download?.progress?.copies ?? []).map((c) => [c.copyId, c]),
  );
  const connection = session.phase === 'active' ? session.connection : null;

  function stateOf(copyId: string, stored: string, withdrawn: boolean) {
    if (withdrawn) {
      return 'withdrawn';
    }
    const running = live.get(copyId);
    if (download?.running && running !== undefined) {
      return running.state === 'stored' ? 'stored' : running.state;
    }
    return stored;
  }

  return (
    <section aria-labelledby="batch-title">
      {back}
      <Heading level={1} id="batch-title">
        {batch.title}
      </Heading>
      <p className="batch-subject">
        {batch.subject}
        {scheme !== null &&
          ` · ${t('batch.scheme', { title: scheme.title, total: scheme.totalPoints })}`}
      </p>
      {detail.withdrawnAt !== null && (
        <Alert tone="warning">{t('batches.withdrawn')}</Alert>
      )}
      <DownloadPanel
        batchId={batch.id}
        copiesStored={
          current.filter((c) => c.copy.download === 'stored').length
        }
        copiesTotal={current.length}
        bytesStored={current
          .filter((c) => c.copy.download === 'stored')
          .reduce((sum, c) => sum + c.copy.scan.size, 0)}
        bytesTotal={current.reduce((sum, c) => sum + c.copy.scan.size, 0)}
        canDownload={
          detail.withdrawnAt === null && connection !== 'sign-in-required'
        }
      />
      <BatchOcrProgress batchId={batch.id} />
      {detail.withdrawnAt === null && (
        <SubmitBatchPanel batch={batch} copies={detail.copies} />
      )}

      <Table aria-labelledby="batch-title" className="copy-table">
        <TableHeader>
          <Column isRowHeader>{t('batch.code')}</Column>
          <Column>{t('batch.pages')}</Column>
          <Column>{t('batch.size')}</Column>
          <Column>{t('batch.offline')}</Column>
          <Column>{t('batch.grade')}</Column>
        </TableHeader>
        <TableBody
          items={detail.copies}
          // Rows show the findings, which are not part of the items.
          dependencies={[findings]}
        >
          {({ copy, grade, marking }) => {
            const state = stateOf(
              copy.id,
              copy.download,
              copy.withdrawnAt !== null,
            ) as CopyDownloadState | 'missing' | 'partial';
            const failure = live.get(copy.id)?.failure ?? null;
            return (
              <Row
                id={copy.id}
                className={`copy-row state-${state}`}
                // Enter on a focused row opens the copy, as a click does.
                href={routeHref({
                  screen: 'copy',
                  batchId: batch.id,
                  copyId: copy.id,
                })}
              >
                <Cell>
                  <Link
                    href={routeHref({
                      screen: 'copy',
                      batchId: batch.id,
                      copyId: copy.id,
                    })}
                  >
                    {copy.anonymousCode}
                  </Link>{' '}
                  <IntegrityBadge findings={findings.get(copy.id)} />
                </Cell>
                <Cell>{copy.pageCount}</Cell>
                <Cell>{formatBytes(copy.scan.size, t, i18n.language)}</Cell>
                <Cell>
                  {t(`batch.copyState.${state}`)}
                  {failure !== null && (
                    <span className="cell-detail">
                      {localized(failure, i18n.language)}
                    </span>
                  )}
                </Cell>
                <Cell>
                  {t(`marking.state.${marking}`)}
                  {grade !== 'none' && (
                    <span className="cell-detail" data-sync={grade}>
                      {grade === 'problem'
                        ? t('sync.gradeState.problem')
                        : t(`batch.gradeState.${grade}`)}
                    </span>
                  )}
                </Cell>
              </Row>
            );
          }}
        </TableBody>
      </Table>
    </section>
  );
}
