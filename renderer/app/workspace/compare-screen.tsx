import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Heading, Link } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { MarkingScheme } from '../../../shared/api/schemas';
import { toHundredths } from '../../../shared/points';
import { getBatchOverview } from '../../core/assignments/batch-overview';
import { gradeTotal, schemeTotal } from '../../core/marking/grade-rules';
import { formatPoints } from '../../core/marking/points-entry';
import { AnnotationLayer } from '../annotations/annotation-layer';
import { useAnnotationEditor } from '../annotations/use-annotation-editor';
import { Alert } from '../components/alert';
import { routeHref } from '../hooks/use-route';
import { CopyScreen } from '../screens/copy-screen';
import { useServices } from '../services/app-services';
import { useGradeEditor } from './use-grade-editor';

const NO_CHANGE = () => undefined;

/**
 * Two copies of a batch side by side, each with its scan, its annotations
 * and its marks, to compare how they were graded. Nothing changes here:
 * the examiner goes back to a copy to edit it. The viewer shortcuts act on
 * the left copy.
 */
export function CompareScreen(props: {
  batchId: string;
  copyId: string;
  otherId: string;
}) {
  const { t } = useTranslation();
  const { store } = useServices();
  const detail = useLiveQuery(
    () => getBatchOverview(store.db, props.batchId),
    [props.batchId],
  );

  if (detail === undefined) {
    return <p className="muted">{t('app.loading')}</p>;
  }
  const codes = new Map(
    (detail?.copies ?? []).map((entry) => [
      entry.copy.id,
      entry.copy.anonymousCode,
    ]),
  );
  const back = (
    <Link
      className="back-link"
      href={routeHref({
        screen: 'copy',
        batchId: props.batchId,
        copyId: props.copyId,
      })}
    >
      {t('marking.compare.back', { code: codes.get(props.copyId) ?? '' })}
    </Link>
  );
  if (
    detail === null ||
    !codes.has(props.copyId) ||
    !codes.has(props.otherId)
  ) {
    return (
      <section>
        {back}
        <Alert tone="error">{t('copy.notFound')}</Alert>
      </section>
    );
  }

  return (
    <section aria-labelledby="compare-title">
      {back}
      <Heading level={1} id="compare-title">
        {t('marking.compare.title', {
          first: codes.get(props.copyId),
          second: codes.get(props.otherId),
        })}
      </Heading>
      <div className="compare">
        {[props.copyId, props.otherId].map((copyId, index) => (
          <CompareSide
            key={copyId}
            batchId={props.batchId}
            copyId={copyId}
            scheme={detail.scheme}
            shortcutsEnabled={index === 0}
          />
        ))}
      </div>
    </section>
  );
}

function CompareSide(props: {
  batchId: string;
  copyId: string;
  scheme: MarkingScheme | null;
  shortcutsEnabled: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const editor = useGradeEditor(props.copyId);
  const grade = editor.grade;
  const annotations = useAnnotationEditor({
    copyId: props.copyId,
    annotations: grade?.annotations ?? [],
    onChange: NO_CHANGE,
    readOnly: true,
    shortcutsEnabled: false,
  });

  return (
    <div className="compare-side">
      {props.scheme !== null && grade !== null && (
        <dl className="compare-marks">
          {props.scheme.questions.map((question) => {
            const points = grade.marks[question.id];
            return (
              <div key={question.id}>
                <dt>{question.label}</dt>
                <dd>
                  {points === undefined
                    ? '—'
                    : formatPoints(toHundredths(points) ?? 0, i18n.language)}
                </dd>
              </div>
            );
          })}
          <div className="compare-total">
            <dt>{t('marking.compare.total')}</dt>
            <dd>
              {formatPoints(
                gradeTotal(props.scheme, grade.marks),
                i18n.language,
              )}{' '}
              / {formatPoints(schemeTotal(props.scheme), i18n.language)} ·{' '}
              {t(
                `marking.state.${grade.status === 'final' ? 'final' : 'draft'}`,
              )}
            </dd>
          </div>
        </dl>
      )}
      <CopyScreen
        batchId={props.batchId}
        copyId={props.copyId}
        page={page}
        onPageChange={setPage}
        headingLevel={2}
        shortcutsEnabled={props.shortcutsEnabled}
        renderOverlay={(frame) => (
          <AnnotationLayer frame={frame} editor={annotations} />
        )}
      />
    </div>
  );
}
