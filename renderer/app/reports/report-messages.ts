/**
 * Turns what the report core returns into text for the examiner, in the
 * app's language, in place of the core's English messages.
 */
import type { TFunction } from 'i18next';

import type { ReportInputProblem } from '../../core/reports/report-input';
import type { ReportRow } from '../../core/store/rows';
import { formatDate } from '../format';

/** Returns the text of a problem that kept a report from being filed. */
export function describeReportProblem(
  problem: ReportInputProblem,
  t: TFunction,
): string {
  switch (problem.code) {
    case 'unknown-kind':
      return t('reports.errors.unknownKind');
    case 'no-pages':
      return t('reports.errors.noPages');
    case 'invalid-page':
    case 'page-out-of-range':
      return t('reports.errors.pageOutOfRange', {
        page: problem.page,
        count: problem.pageCount,
      });
    case 'note-required':
      return t('reports.errors.noteRequired');
    case 'note-too-long':
      return t('reports.errors.noteTooLong', {
        length: problem.length,
        max: problem.maxLength,
      });
    case 'copy-not-found':
      return t('reports.errors.copyNotFound');
    case 'copy-withdrawn':
      return t('reports.errors.copyWithdrawn');
  }
}

/** Returns the state of a filed report as text: waiting, sent, or rejected with the reason. */
export function describeReportState(
  report: ReportRow,
  t: TFunction,
  locale: string,
): string {
  switch (report.state) {
    case 'pending':
      return t('reports.list.pending');
    case 'sent':
      return t('reports.list.sent', {
        date: formatDate(report.sentAt ?? report.createdAt, locale),
      });
    case 'rejected':
      return describeRejection(report, t);
  }
}

function describeRejection(report: ReportRow, t: TFunction): string {
  const status = report.rejection?.status ?? null;
  const detail = report.rejection?.detail ?? report.lastError ?? '';

  if (status === 404) {
    return t('reports.list.rejectedNotFound');
  }
  if (status === 422) {
    return t('reports.list.rejectedInvalid', { detail });
  }
  return t('reports.list.rejectedOther', { status, detail });
}
