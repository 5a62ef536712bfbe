import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import { Heading } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { listCopyReports } from '../../core/reports/report-store';
import type { ReportRow } from '../../core/store/rows';
import { formatDate } from '../format';
import { useServices } from '../services/app-services';
import { describeReportState } from './report-messages';

/**
 * Renders a copy's scan reports, newest first, with their state: waiting to
 * be sent, sent, or rejected with the reason. It reads the local store
 * through a live query, so a report appears as soon as it is filed and its
 * state changes as the sender works.
 */
export function ReportList(props: { copyId: string }) {
  const { t, i18n } = useTranslation();
  const { store } = useServices();
  const headingId = useId();
  const reports = useLiveQuery(
    () => listCopyReports(store.db, props.copyId),
    [props.copyId],
  );

  if (reports === undefined) {
    return <p className="muted">{t('app.loading')}</p>;
  }

  return (
    <section className="report-list" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('reports.list.title')}
      </Heading>
      {reports.length === 0 ? (
        <p className="muted">{t('reports.list.empty')}</p>
      ) : (
        <ul>
          {reports.map((report) => (
            <ReportItem
              key={report.id}
              report={report}
              locale={i18n.language}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function ReportItem(props: { report: ReportRow; locale: string }) {
  const { t } = useTranslation();
  const { report } = props;
  const pages =
    report.pages.length === 0
      ? t('reports.list.noPages')
      : t('reports.list.pages', {
          count: report.pages.length,
          pages: report.pages.join(', '),
        });

  return (
    <li className={`report-item report-${report.state}`}>
      <p className="report-summary">
        <strong>{t(`reports.kinds.${report.kind}`)}</strong>
        {' · '}
        {pages}
      </p>
      {report.note !== '' && <p className="report-note-text">{report.note}</p>}
      <p className="report-state">
        {describeReportState(report, t, props.locale)}
      </p>
      <p className="muted report-filed">
        {t('reports.list.filedAt', {
          date: formatDate(report.createdAt, props.locale),
        })}
      </p>
    </li>
  );
}
