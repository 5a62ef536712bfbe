import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { ReportKind } from '../../../shared/api/schemas';
import { ReportList } from '../reports/report-list';
import { ScanReportForm } from '../reports/scan-report-form';
import { useServices } from '../services/app-services';

/**
 * Renders the scan problems of the copy: its reports with their state, and the
 * report form, shown in place when the examiner opens it.
 */
export function ScanReportSection(props: {
  copyId: string;
  pageCount: number;
  currentPage: number;
  /** The kind to preselect while the form is open, or null when it is closed. */
  openKind: ReportKind | 'none' | null;
  onOpen(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { sendReports } = useServices();

  return (
    <section
      className="scan-report-section"
      aria-label={t('marking.report.section')}
    >
      <ReportList copyId={props.copyId} />
      {props.openKind === null ? (
        <Button onPress={props.onOpen}>{t('marking.report.open')}</Button>
      ) : (
        <ScanReportForm
          copyId={props.copyId}
          pageCount={props.pageCount}
          currentPage={props.currentPage}
          initialKind={props.openKind === 'none' ? undefined : props.openKind}
          onFiled={() => {
            props.onClose();
            void sendReports();
          }}
          onCancel={props.onClose}
        />
      )}
    </section>
  );
}
