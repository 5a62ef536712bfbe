import { useMemo, useSyncExternalStore } from 'react';
import { Button, Label, ProgressBar } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { useServices } from '../services/app-services';
import type { BatchDownload } from '../services/download-manager';
import { formatBytes, formatDuration } from '../format';
import { describeDownloadError, localized } from '../messages';
import { Alert } from './alert';
import {
  PANEL_PROGRESS_INTERVAL_MS,
  ThrottledDownload,
} from './throttled-download';

/**
 * Renders the download state of one batch: a progress bar in bytes and
 * copies, with the time left while a download runs, and the button that
 * starts, resumes or stops the download. Progress renders at most every
 * 250 ms (`PANEL_PROGRESS_INTERVAL_MS`).
 */
export function DownloadPanel(props: {
  batchId: string;
  copiesStored: number;
  copiesTotal: number;
  bytesStored: number;
  bytesTotal: number;
  canDownload: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { downloads } = useServices();
  const download = useThrottledBatchDownload(props.batchId);
  const locale = i18n.language;
  const bytes = (value: number) => formatBytes(value, t, locale);

  const progress = download?.running ? download.progress : null;
  const done = progress?.bytesDone ?? props.bytesStored;
  const total = progress?.bytesTotal ?? props.bytesTotal;
  const copiesDone = progress?.copiesDone ?? props.copiesStored;
  const copiesTotal = progress?.copiesTotal ?? props.copiesTotal;
  const complete = copiesTotal > 0 && copiesDone >= copiesTotal;
  const failed =
    download?.result?.progress.copies.filter((c) => c.state === 'failed') ?? [];
  const stopReason = download?.result?.stopReason ?? null;

  let valueText = t('download.progressCopies', {
    done: copiesDone,
    total: copiesTotal,
  });
  if (progress?.secondsLeft != null) {
    valueText += ` · ${t('download.timeLeft', {
      time: formatDuration(progress.secondsLeft, locale),
    })}`;
  }

  return (
    <div className="download-panel">
      <ProgressBar
        value={done}
        minValue={0}
        maxValue={Math.max(total, 1)}
        valueLabel={`${bytes(done)} / ${bytes(total)} · ${valueText}`}
      >
        {({ percentage, valueText: label }) => (
          <>
            <Label>
              {complete ? t('batches.available') : t('download.label')}
            </Label>
            <span className="progress-value">{label}</span>
            <div className="progress-track">
              <div
                className="progress-fill"
                style={{ width: `${percentage ?? 0}%` }}
              />
            </div>
          </>
        )}
      </ProgressBar>

      {progress?.offline && (
        <Alert tone="warning">{t('download.paused')}</Alert>
      )}
      {stopReason !== null && (
        <Alert tone="error">{localized(stopReason, locale)}</Alert>
      )}
      {download?.error != null && (
        <Alert tone="error">{describeDownloadError(download.error, t)}</Alert>
      )}
      {failed.length > 0 && (
        <Alert tone="error">
          {t('download.failedCopies', { count: failed.length })}
        </Alert>
      )}

      {download?.running ? (
        <Button onPress={() => downloads.cancel(props.batchId)}>
          {t('batches.cancel')}
        </Button>
      ) : (
        !complete &&
        props.canDownload && (
          <Button
            className="primary"
            onPress={() => downloads.start(props.batchId)}
          >
            {copiesDone > 0 || done > 0
              ? t('batches.resume')
              : t('batches.downloadAll', { size: bytes(total - done) })}
          </Button>
        )
      )}
    </div>
  );
}

/**
 * Returns the download of `batchId` started in this window, or null, and
 * renders again at most every `PANEL_PROGRESS_INTERVAL_MS` while only its
 * progress changes.
 */
function useThrottledBatchDownload(batchId: string): BatchDownload | null {
  const { downloads } = useServices();
  const source = useMemo(
    () => new ThrottledDownload(downloads, batchId, PANEL_PROGRESS_INTERVAL_MS),
    [downloads, batchId],
  );
  return useSyncExternalStore(source.subscribe, source.getSnapshot);
}
