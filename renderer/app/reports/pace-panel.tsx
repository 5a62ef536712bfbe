import { useId } from 'react';
import { Heading } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { Pace } from '../../core/marking/pace';
import { formatDuration } from '../format';
import { useServices } from '../services/app-services';
import { useBatchPace } from './use-batch-pace';

/**
 * Renders the examiner's pace through a batch: copies final and left, the
 * median time per copy, the days left, and what the deadline requires per
 * day. The figures come from this computer only.
 */
export function PacePanel(props: { batchId: string }) {
  const { t } = useTranslation();
  const { store } = useServices();
  const headingId = useId();
  const pace = useBatchPace(store.db, props.batchId);

  return (
    <section className="pace-panel" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('reports.pace.title')}
      </Heading>
      {pace === undefined && <p className="muted">{t('app.loading')}</p>}
      {pace === null && <p className="muted">{t('reports.pace.notStored')}</p>}
      {pace !== undefined && pace !== null && <PaceFigures pace={pace} />}
      <p className="muted pace-note">{t('reports.pace.local')}</p>
    </section>
  );
}

function PaceFigures(props: { pace: Pace }) {
  const { t, i18n } = useTranslation();
  const { pace } = props;
  const locale = i18n.language;
  const done = pace.copiesLeft === 0;
  const passed = pace.daysLeft <= 0;

  const duration = (ms: number | null) =>
    ms === null ? t('reports.pace.unknown') : formatDuration(ms / 1000, locale);

  let perDay: string;
  let timePerDay: string;
  if (done) {
    perDay = t('reports.pace.done');
    timePerDay = t('reports.pace.done');
  } else if (pace.copiesPerDayNeeded === null) {
    perDay = t('reports.pace.deadlinePassed');
    timePerDay = t('reports.pace.deadlinePassed');
  } else {
    perDay = formatDecimal(pace.copiesPerDayNeeded, locale);
    timePerDay = duration(pace.activeMsPerDayNeeded);
  }

  return (
    <dl className="pace-figures">
      <dt>{t('reports.pace.final')}</dt>
      <dd>
        {t('reports.pace.finalValue', {
          final: pace.copiesFinal,
          total: pace.copiesTotal,
        })}
      </dd>
      <dt>{t('reports.pace.left')}</dt>
      <dd>{pace.copiesLeft}</dd>
      <dt>{t('reports.pace.median')}</dt>
      <dd>{duration(pace.medianActiveMs)}</dd>
      <dt>{t('reports.pace.daysLeft')}</dt>
      <dd>
        {passed
          ? t('reports.pace.deadlinePassed')
          : formatDecimal(pace.daysLeft, locale)}
      </dd>
      <dt>{t('reports.pace.perDay')}</dt>
      <dd>{perDay}</dd>
      <dt>{t('reports.pace.timePerDay')}</dt>
      <dd>{timePerDay}</dd>
    </dl>
  );
}

const decimalFormats = new Map<string, Intl.NumberFormat>();

/** Formats a number with at most one decimal, such as `2,5` in French. */
function formatDecimal(value: number, locale: string): string {
  let format = decimalFormats.get(locale);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    decimalFormats.set(locale, format);
  }
  return format.format(value);
}
