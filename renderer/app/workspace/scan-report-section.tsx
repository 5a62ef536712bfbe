import { useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { ReportKind } from '../../../shared/api/schemas';
import type { ReportPrefill } from '../../core/ocr/integrity-finding';
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
  /** Pages and note to start the form with, from an integrity finding. */
  prefill?: ReportPrefill | null;
  onOpen(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { sendReports } = useServices();
  const section = useRef<HTMLElement>(null);
  const isOpen = props.openKind !== null;

  // Opening the form puts the focus in it, and closing it puts the focus
  // back on the button that opens it, so a keyboard user keeps their place.
  // A form opened from a finding mounts already open, and takes the focus
  // too.
  const wasOpen = useRef(isOpen && props.prefill == null);
  useEffect(() => {
    if (isOpen !== wasOpen.current) {
      const target = isOpen
        ? section.current?.querySelector<HTMLElement>(
            '.scan-report-form input, .scan-report-form textarea',
          )
        : section.current?.querySelector<HTMLElement>('.report-open');
      target?.focus();
    }
    wasOpen.current = isOpen;
  }, [isOpen]);

  return (
    <section
      ref={section}
      className="scan-report-section"
      aria-label={t('marking.report.section')}
    >
      <ReportList copyId={props.copyId} />
      {props.openKind === null ? (
        <Button
          className="react-aria-Button report-open"
          onPress={props.onOpen}
        >
          {t('marking.report.open')}
        </Button>
      ) : (
        <ScanReportForm
          copyId={props.copyId}
          pageCount={props.pageCount}
          currentPage={props.currentPage}
          initialKind={props.openKind === 'none' ? undefined : props.openKind}
          initialPages={props.prefill?.pages}
          initialNote={props.prefill?.note}
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
