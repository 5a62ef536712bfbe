import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { ScanProblem } from './scan-problem';

/**
 * Shows, in place of the pages, why the scan cannot be shown and what to
 * do, with the action that reports the scan to the exam office.
 */
export function ScanProblemMessage(props: {
  problem: ScanProblem;
  openTimeoutMs: number;
  onReportProblem?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="scan-viewer-message alert alert-error" role="alert">
      <p>
        {t(`viewer.problem.${props.problem.kind}`, {
          detail: props.problem.detail,
          seconds: Math.ceil(props.openTimeoutMs / 1000),
        })}
      </p>
      {props.onReportProblem !== undefined && (
        <Button onPress={props.onReportProblem}>
          {t('viewer.reportProblem')}
        </Button>
      )}
    </div>
  );
}
