/**
 * Page-integrity results on screen: a badge per copy in lists, and the
 * copy's findings in the workspace, each with a button that opens the
 * scan report form prefilled from it.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import {
  readBatchFindings,
  readCopyFindings,
} from '../../core/ocr/findings-query';
import {
  prefillReport,
  type IntegrityFinding,
  type ReportPrefill,
} from '../../core/ocr/integrity-finding';
import { useServices } from '../services/app-services';

const NO_FINDINGS: ReadonlyMap<string, IntegrityFinding[]> = new Map();

/**
 * Returns the findings of each checked copy of a batch, by copy id. The
 * map is a new object only when the stored findings change, so lists can
 * use it to invalidate their cached items.
 */
export function useBatchFindings(
  batchId: string,
): ReadonlyMap<string, IntegrityFinding[]> {
  const { store } = useServices();
  return (
    useLiveQuery(() => readBatchFindings(store.db, batchId), [batchId]) ??
    NO_FINDINGS
  );
}

/** Renders a copy's badge when its checks found problems, otherwise nothing. */
export function IntegrityBadge(props: { findings?: IntegrityFinding[] }) {
  const { t } = useTranslation();
  const count = props.findings?.length ?? 0;
  if (count === 0) {
    return null;
  }
  const title = props.findings
    ?.map((finding) => describeFinding(t, finding))
    .join('\n');
  return (
    <span className="integrity-badge" title={title}>
      {t('ocr.badge.count', { count })}
    </span>
  );
}

/** Renders the findings of the copy shown, with a report button for each. */
export function IntegrityFindings(props: {
  copyId: string;
  pageCount: number;
  onReport(prefill: ReportPrefill): void;
}) {
  const { t } = useTranslation();
  const { store } = useServices();
  const findings = useLiveQuery(
    () => readCopyFindings(store.db, props.copyId),
    [props.copyId],
  );

  return (
    <section
      className="integrity-findings"
      aria-label={t('ocr.findings.title')}
    >
      <h3>{t('ocr.findings.title')}</h3>
      {findings === undefined || findings === null ? (
        <p className="muted">{t('ocr.findings.pending')}</p>
      ) : findings.length === 0 ? (
        <p className="muted">{t('ocr.findings.none')}</p>
      ) : (
        <ul>
          {findings.map((finding, index) => (
            <li key={`${finding.kind}-${index}`} className="integrity-finding">
              <span>{describeFinding(t, finding)}</span>
              <Button
                aria-label={t('ocr.findings.reportFinding', {
                  finding: describeFinding(t, finding),
                })}
                onPress={() =>
                  props.onReport(prefillReport(finding, props.pageCount))
                }
              >
                {t('ocr.findings.report')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function describeFinding(
  t: (key: string, values?: Record<string, unknown>) => string,
  finding: IntegrityFinding,
): string {
  return t(`ocr.finding.${finding.kind}`, {
    pages: finding.pages.join(', '),
    code: finding.kind === 'wrong-copy' ? finding.anonymousCode : '',
    number: 'pageNumber' in finding ? finding.pageNumber : '',
  });
}

/** Renders how far OCR has read and checked a batch's stored copies. */
export function BatchOcrProgress(props: { batchId: string }) {
  const { t } = useTranslation();
  const { store } = useServices();
  const progress = useLiveQuery(
    () => store.ocr.batchProgress(props.batchId),
    [props.batchId],
  );
  if (progress === undefined || progress.copiesStored === 0) {
    return null;
  }
  return (
    <p className="ocr-progress">
      <label>
        {t('ocr.progress.label')}{' '}
        <progress max={progress.pagesTotal} value={progress.pagesRead} />
      </label>{' '}
      {t('ocr.progress.value', {
        read: progress.pagesRead,
        total: progress.pagesTotal,
        checked: progress.copiesChecked,
        stored: progress.copiesStored,
      })}
    </p>
  );
}
