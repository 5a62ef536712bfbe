import { useRef, type ReactNode } from 'react';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  Heading,
  Label,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import {
  FLAGS,
  type Flag,
  type MarkingScheme,
} from '../../../shared/api/schemas';
import {
  canEditGrade,
  canReopenGrade,
  gradeTotal,
  schemeTotal,
  type FinalCheck,
  type GradeLock,
} from '../../core/marking/grade-rules';
import { formatPoints } from '../../core/marking/points-entry';
import { Alert } from '../components/alert';
import { ShortcutButton } from '../components/shortcut-button';
import {
  CopySyncNotices,
  explainsWithdrawal,
  GradeSyncLine,
} from '../conflicts/copy-sync-notices';
import type { CopySyncRows } from '../conflicts/use-copy-sync';
import { CommentField } from './comment-field';
import { PointsField } from './points-field';
import { SaveStatus } from './save-status';
import type { GradeEditor } from './use-grade-editor';

/**
 * The result of asking for a final grade: the scheme's check, plus the
 * questions whose field shows text that is not a valid mark.
 */
export type WorkspaceFinalCheck =
  | { ready: true }
  | {
      ready: false;
      unmarked: string[];
      invalid: FinalCheckProblem[];
      typing: string[];
    };

type FinalCheckProblem = Extract<
  FinalCheck,
  { ready: false }
>['invalid'][number];

/**
 * Renders the right column of the workspace: a points field per question of
 * the scheme, the running total, the general comment, the flags and the
 * draft or final status. The copy's sync notices come first, and a line
 * below the status tells whether the grade is on the server yet.
 */
export function MarkingPanel(props: {
  scheme: MarkingScheme;
  editor: GradeEditor;
  lock: GradeLock | null;
  /** Set by the workspace when Ctrl+Enter asked for a final grade. */
  finalCheck: WorkspaceFinalCheck | null;
  onMarkFinal(): void;
  onReopen(): void;
  /** The scan problems section, below the status. */
  reports: ReactNode;
  /** Told which questions show invalid text, by id. */
  onFieldValidity(questionId: string, invalid: boolean): void;
  /** The copy's sync rows, or undefined while they load. */
  sync: CopySyncRows | undefined;
}) {
  const { t, i18n } = useTranslation();
  const { scheme, editor, lock } = props;
  const grade = editor.grade;
  const list = useRef<HTMLOListElement>(null);

  if (grade === null) {
    return (
      <aside className="marking-panel" aria-label={t('marking.title')}>
        <p className="muted">{t('app.loading')}</p>
      </aside>
    );
  }

  const editable = canEditGrade(lock, grade.status);
  const total = gradeTotal(scheme, grade.marks);
  const labels = new Map(scheme.questions.map((q) => [q.id, q.label]));

  function focusQuestion(index: number) {
    const inputs = list.current?.querySelectorAll('input');
    const next = inputs?.[index];
    if (next !== undefined) {
      next.focus();
      next.select();
    } else {
      // After the last question comes the comment, as Tab does.
      document
        .querySelector<HTMLTextAreaElement>('.comment-field textarea')
        ?.focus();
    }
  }

  function setMark(questionId: string, points: number | undefined) {
    const marks = { ...grade!.marks };
    if (points === undefined) {
      delete marks[questionId];
    } else {
      marks[questionId] = points;
    }
    editor.edit({ marks });
  }

  return (
    <aside className="marking-panel" aria-labelledby="marking-title">
      <Heading level={2} id="marking-title">
        {t('marking.title')}
      </Heading>

      <CopySyncNotices
        sync={props.sync}
        scheme={scheme}
        grade={grade}
        lock={lock}
      />
      {lock !== null && !explainsWithdrawal(props.sync, lock) && (
        <Alert tone="info">{t(`marking.locked.${lock}`)}</Alert>
      )}
      {grade.status === 'final' && (
        <Alert tone="success">{t('marking.finalNotice')}</Alert>
      )}

      <ol className="question-list" ref={list}>
        {scheme.questions.map((question, index) => (
          <li key={question.id}>
            <PointsField
              question={question}
              points={grade.marks[question.id]}
              isReadOnly={!editable}
              onChange={(points) => setMark(question.id, points)}
              onEnter={() => focusQuestion(index + 1)}
              onValidityChange={(invalid) =>
                props.onFieldValidity(question.id, invalid)
              }
            />
          </li>
        ))}
      </ol>

      <p className="grade-total" role="status" aria-live="polite">
        {t('marking.total', {
          total: formatPoints(total, i18n.language),
          max: formatPoints(schemeTotal(scheme), i18n.language),
        })}
      </p>

      <CommentField
        comment={grade.comment}
        isReadOnly={!editable}
        onChange={(comment) => editor.edit({ comment })}
      />

      <CheckboxGroup
        className="flag-group"
        value={grade.flags}
        isReadOnly={!editable}
        onChange={(flags) =>
          editor.edit({
            flags: FLAGS.filter((flag) => flags.includes(flag)) as Flag[],
          })
        }
      >
        <Label>{t('marking.flags')}</Label>
        {FLAGS.map((flag) => (
          <Checkbox key={flag} value={flag}>
            <span className="checkbox-box" aria-hidden="true" />
            {t(`marking.flag.${flag}`)}
          </Checkbox>
        ))}
      </CheckboxGroup>

      {props.finalCheck !== null && !props.finalCheck.ready && (
        <Alert tone="warning">
          {props.finalCheck.typing.length > 0 &&
            t('marking.invalidTyped', {
              questions: props.finalCheck.typing
                .map((id) => labels.get(id) ?? id)
                .join(', '),
            })}
          {props.finalCheck.unmarked.length > 0 &&
            t('marking.unmarkedLeft', {
              questions: props.finalCheck.unmarked
                .map((id) => labels.get(id) ?? id)
                .join(', '),
            })}
          {props.finalCheck.invalid.map((problem) => (
            <span key={problem.questionId} className="alert-line">
              {t('marking.invalidStored', {
                question: labels.get(problem.questionId) ?? problem.questionId,
                points: problem.points,
              })}
            </span>
          ))}
        </Alert>
      )}

      <div className="status-actions">
        {grade.status === 'draft' ? (
          <ShortcutButton
            id="mark-final"
            className="react-aria-Button primary"
            shortcut="markFinal"
            isDisabled={!editable}
            onPress={props.onMarkFinal}
          >
            {t('marking.markFinal')}
          </ShortcutButton>
        ) : (
          <Button
            id="mark-final"
            isDisabled={!canReopenGrade(lock, grade.status)}
            onPress={props.onReopen}
          >
            {t('marking.reopen')}
          </Button>
        )}
      </div>

      <SaveStatus editor={editor} />
      <GradeSyncLine sync={props.sync} />

      {props.reports}
    </aside>
  );
}
