import { useMemo, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { MarkingScheme } from '../../../shared/api/schemas';
import { StorageFullError } from '../../core/download/scan-store';
import { gradeTotal, schemeTotal } from '../../core/marking/grade-rules';
import { formatPoints } from '../../core/marking/points-entry';
import { EMPTY_GRADE, type LocalGrade } from '../../core/store/grades';
import { contentOf, type GradeConflict } from '../../core/store/server-grades';
import {
  buildChosenGrade,
  checkChosenGrade,
  chooseAll,
  compareGrades,
  NO_CHOICES,
  pendingChoices,
  WHOLE_FIELDS,
  type ConflictChoices,
  type GradeSide,
} from '../../core/sync/conflict-choice';
import { Alert } from '../components/alert';
import { formatDate } from '../format';
import { useServices } from '../services/app-services';
import { createRendererLogger } from '../services/renderer-logger';
import { FieldConflictRow, QuestionConflictRow } from './conflict-rows';
import { useAuthorName } from './use-author-name';

type SaveFailure = 'storage-full' | { detail: string } | null;

/**
 * Renders both versions of one conflict, the examiner's choice for each
 * difference, the resulting total, and the button that stores the chosen
 * grade and starts a sync. Mount it again (with a `key`) for new versions,
 * so no choice made for older ones carries over.
 */
export function ConflictChoiceForm(props: {
  copyId: string;
  scheme: MarkingScheme;
  conflict: GradeConflict;
  local: LocalGrade | null;
  /** Called when the conflict changed on the server while it was shown. */
  onConflictChanged(): void;
}) {
  const { t, i18n } = useTranslation();
  const services = useServices();
  const authorName = useAuthorName();
  const { scheme, conflict } = props;

  const local = useMemo(
    () => contentOf(props.local ?? EMPTY_GRADE),
    [props.local],
  );
  const server = useMemo(() => contentOf(conflict.server), [conflict.server]);
  const comparison = useMemo(
    () => compareGrades(scheme, local, server),
    [scheme, local, server],
  );
  const [choices, setChoices] = useState<ConflictChoices>(NO_CHOICES);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<SaveFailure>(null);

  const pending = pendingChoices(comparison, choices);
  const pendingCount = pending.questionIds.length + pending.fields.length;
  const chosen =
    pendingCount === 0 ? buildChosenGrade(local, server, choices) : null;
  const problems = chosen === null ? null : checkChosenGrade(scheme, chosen);
  const labels = new Map(
    comparison.questions.map((question) => [
      question.questionId,
      question.label,
    ]),
  );
  const names = (ids: readonly string[]) =>
    ids.map((id) => labels.get(id) ?? id).join(', ');

  // The total depends on the marks only, so it shows once every question
  // is chosen, whatever the other fields.
  let total: number | null = null;
  if (pending.questionIds.length === 0) {
    const marks = buildChosenGrade(local, server, {
      questions: choices.questions,
      fields: chooseAll(comparison, 'local').fields,
    }).marks;
    total = gradeTotal(scheme, marks);
  }

  function choose(
    kind: 'questions' | 'fields',
    id: string,
    side: GradeSide,
  ): void {
    setChoices((current) => ({
      ...current,
      [kind]: { ...current[kind], [id]: side },
    }));
  }

  async function confirm() {
    if (chosen === null) {
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      await services.store.serverGrades.resolveConflict(
        props.copyId,
        conflict.serverVersion,
        chosen,
      );
      services.sync.requestSync('network');
    } catch (error) {
      await reportFailure(error);
    } finally {
      setSaving(false);
    }
  }

  async function reportFailure(error: unknown) {
    createRendererLogger(services.bridge, 'sync').warn(
      'conflict not resolved',
      {
        copyId: props.copyId,
        serverVersion: conflict.serverVersion,
        error: String(error),
      },
    );
    if (error instanceof StorageFullError) {
      setFailure('storage-full');
      return;
    }
    const latest = await services.store.db.conflicts.get(props.copyId);
    if (
      latest !== undefined &&
      latest.serverVersion !== conflict.serverVersion
    ) {
      props.onConflictChanged();
      return;
    }
    setFailure({
      detail: error instanceof Error ? error.message : String(error),
    });
  }

  const blocked =
    saving || chosen === null || (problems?.unmarked.length ?? 0) > 0;

  return (
    <>
      <p className="conflict-origin">
        {t('conflicts.resolver.serverBy', {
          who: authorName(conflict.server.updatedBy),
          date: formatDate(conflict.server.updatedAt, i18n.language),
        })}
        {props.local !== null && (
          <span className="alert-line">
            {t('conflicts.resolver.localAt', {
              date: formatDate(props.local.updatedAt, i18n.language),
            })}
          </span>
        )}
      </p>

      <div className="conflict-shortcuts">
        <Button onPress={() => setChoices(chooseAll(comparison, 'local'))}>
          {t('conflicts.resolver.takeAllLocal')}
        </Button>
        <Button onPress={() => setChoices(chooseAll(comparison, 'server'))}>
          {t('conflicts.resolver.takeAllServer')}
        </Button>
      </div>

      <div className="conflict-table">
        <div className="conflict-row conflict-head" aria-hidden="true">
          <span>{t('conflicts.resolver.question')}</span>
          <span>{t('conflicts.resolver.server')}</span>
          <span>{t('conflicts.resolver.local')}</span>
          <span>{t('conflicts.resolver.difference')}</span>
        </div>
        {comparison.questions.map((question) => (
          <QuestionConflictRow
            key={question.questionId}
            question={question}
            choice={choices.questions[question.questionId]}
            onChoose={(side) => choose('questions', question.questionId, side)}
          />
        ))}
      </div>

      <p className="grade-total conflict-total" role="status">
        {total === null
          ? t('conflicts.resolver.pending', { count: pendingCount })
          : t('conflicts.resolver.total', {
              total: formatPoints(total, i18n.language),
              max: formatPoints(schemeTotal(scheme), i18n.language),
            })}
      </p>

      <div className="conflict-fields">
        {WHOLE_FIELDS.map((field) => (
          <FieldConflictRow
            key={field}
            field={field}
            differs={comparison.fields[field]}
            server={server}
            local={local}
            choice={choices.fields[field]}
            onChoose={(side) => choose('fields', field, side)}
          />
        ))}
      </div>

      {total !== null && pendingCount > 0 && (
        <p className="muted">
          {t('conflicts.resolver.pending', { count: pendingCount })}
        </p>
      )}
      {problems !== null && problems.unmarked.length > 0 && (
        <Alert tone="warning">
          {t('conflicts.resolver.finalUnmarked', {
            questions: names(problems.unmarked),
          })}
        </Alert>
      )}
      {problems !== null && problems.invalid.length > 0 && (
        <Alert tone="warning">
          {t('conflicts.resolver.invalidMarks', {
            questions: names(problems.invalid.map((mark) => mark.questionId)),
          })}
        </Alert>
      )}
      {failure !== null && (
        <Alert tone="error">
          {failure === 'storage-full'
            ? t('conflicts.resolver.storageFull')
            : t('conflicts.resolver.failed', { detail: failure.detail })}
        </Alert>
      )}

      <div className="status-actions">
        <Button
          className="react-aria-Button primary"
          isDisabled={blocked}
          onPress={() => void confirm()}
        >
          {saving
            ? t('conflicts.resolver.saving')
            : t('conflicts.resolver.confirm')}
        </Button>
      </div>
    </>
  );
}
