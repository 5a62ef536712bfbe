import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { MarkingScheme } from '../../../shared/api/schemas';
import type { GradeLock } from '../../core/marking/grade-rules';
import { unparkOutboxEntry } from '../../core/store/outbox';
import type { GradeContent, OutboxParking } from '../../core/store/rows';
import { failingQuestions } from '../../core/sync/copy-sync-state';
import { showsServerDetail } from '../../core/sync/sync-backlog';
import { Alert } from '../components/alert';
import { formatDate } from '../format';
import { useServices } from '../services/app-services';
import { createRendererLogger } from '../services/renderer-logger';
import { useAuthorName } from './use-author-name';
import type { CopySyncRows } from './use-copy-sync';

/**
 * Tests whether the notices explain the copy's withdrawal themselves, so
 * the marking panel can leave out its shorter notice of the same lock.
 */
export function explainsWithdrawal(
  sync: CopySyncRows | undefined,
  lock: GradeLock | null,
): boolean {
  return (
    lock === 'copy-withdrawn' && sync?.outbox?.parked?.reason === 'withdrawn'
  );
}

/**
 * Renders what the examiner must know about the copy's grade and the
 * server: why a push was rejected and what to do, a grade replaced by
 * someone else's version, and questions a corrected scheme no longer
 * accepts.
 */
export function CopySyncNotices(props: {
  sync: CopySyncRows | undefined;
  scheme: MarkingScheme;
  /** The grade as shown, with edits not stored yet. */
  grade: GradeContent;
  lock: GradeLock | null;
}) {
  const { t, i18n } = useTranslation();
  const services = useServices();
  const authorName = useAuthorName();
  const { sync, scheme, grade } = props;
  const labels = new Map(scheme.questions.map((q) => [q.id, q.label]));
  const names = (ids: readonly string[]) =>
    ids.map((id) => labels.get(id) ?? id).join(', ');

  if (sync === undefined) {
    return null;
  }

  // A scheme change listed this grade; it needs attention only while the
  // grade as shown still fails the current scheme.
  const attention =
    sync.attention === null ? [] : failingQuestions(scheme, grade);
  const parked = sync.outbox?.parked ?? null;

  return (
    <>
      {parked !== null && parked.reason !== 'conflict' && (
        <RefusalNotice
          copyId={sync.copyId}
          parked={parked}
          lock={props.lock}
          grade={grade}
          questions={names(failingQuestions(scheme, grade))}
        />
      )}

      {sync.serverChange !== null && (
        <Alert tone="info">
          {t('conflicts.notices.serverChange', {
            who: authorName(sync.serverChange.updatedBy),
            date: formatDate(sync.serverChange.updatedAt, i18n.language),
          })}{' '}
          <Button
            className="link"
            onPress={() =>
              void services.store.serverGrades.dismissServerChange(sync.copyId)
            }
          >
            {t('conflicts.notices.dismiss')}
          </Button>
        </Alert>
      )}

      {attention.length > 0 && (
        <Alert tone="warning">
          {t('conflicts.notices.attention', { questions: names(attention) })}
        </Alert>
      )}
    </>
  );
}

/** Renders a push the server rejected for good: the reason, its detail and what helps. */
function RefusalNotice(props: {
  copyId: string;
  parked: OutboxParking;
  lock: GradeLock | null;
  grade: GradeContent;
  /** Names of the questions the current scheme rejects, or empty. */
  questions: string;
}) {
  const { t } = useTranslation();
  const services = useServices();
  const [retryFailure, setRetryFailure] = useState<string | null>(null);
  const { parked } = props;

  let text: string;
  let canRetry = false;
  switch (parked.reason) {
    case 'withdrawn':
      // The exam office may give the copy back; the store then lists it
      // again and the push may go through.
      canRetry = props.lock !== 'copy-withdrawn';
      text = canRetry
        ? t('conflicts.notices.withdrawnUndone')
        : t('conflicts.notices.withdrawn');
      break;
    case 'locked':
      canRetry = true;
      text = t('conflicts.notices.locked');
      break;
    case 'invalid':
      text =
        props.questions === ''
          ? t('conflicts.notices.invalidUnknown')
          : t('conflicts.notices.invalid', { questions: props.questions });
      if (props.grade.status === 'final') {
        text = `${text} ${t('conflicts.notices.invalidFinal')}`;
      }
      break;
    default:
      canRetry = true;
      text = t('conflicts.notices.rejected', { status: parked.status });
  }

  async function retry() {
    setRetryFailure(null);
    try {
      await unparkOutboxEntry(services.store.db, props.copyId);
      services.sync.requestSync('network');
    } catch (error) {
      createRendererLogger(services.bridge, 'sync').error(
        'parked push not released',
        { copyId: props.copyId, error: String(error) },
      );
      setRetryFailure(String(error));
    }
  }

  return (
    <Alert tone={parked.reason === 'invalid' ? 'error' : 'warning'}>
      <span
        className="alert-line copy-sync-refusal"
        data-reason={parked.reason}
      >
        {text}
      </span>
      {parked.detail !== '' && showsServerDetail(parked.reason) && (
        <span className="alert-line copy-sync-detail">
          {t('conflicts.notices.detail', { detail: parked.detail })}
        </span>
      )}
      {canRetry && (
        <span className="alert-line copy-sync-actions">
          <Button onPress={() => void retry()}>
            {t('conflicts.notices.retry')}
          </Button>
        </span>
      )}
      {retryFailure !== null && (
        <span className="alert-line">
          {t('conflicts.notices.retryFailed', { detail: retryFailure })}
        </span>
      )}
    </Alert>
  );
}

/**
 * Renders one line saying whether the copy's grade is on the server yet.
 * It is not a live region: it changes with every keystroke and push.
 */
export function GradeSyncLine(props: { sync: CopySyncRows | undefined }) {
  const { t } = useTranslation();
  const { sync } = props;

  if (sync === undefined || sync.gradeUpdatedAt === null) {
    return null;
  }
  if (sync.outbox !== null && sync.outbox.parked != null) {
    return null;
  }
  return (
    <p className="grade-sync-line muted" data-synced={sync.outbox === null}>
      {sync.outbox === null
        ? t('conflicts.notices.synced')
        : t('conflicts.notices.pending')}
    </p>
  );
}
