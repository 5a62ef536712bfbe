import { Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { toHundredths } from '../../../shared/points';
import { formatPoints } from '../../core/marking/points-entry';
import type { GradeContent } from '../../core/store/rows';
import type {
  GradeSide,
  QuestionComparison,
  WholeField,
} from '../../core/sync/conflict-choice';

/**
 * Renders one question of a conflict: its label, the server's points, the
 * local points and their difference. When the two differ, the points are
 * the two options of a radio group, so the arrow keys choose between them.
 */
export function QuestionConflictRow(props: {
  question: QuestionComparison;
  choice: GradeSide | undefined;
  onChoose(side: GradeSide): void;
}) {
  const { t, i18n } = useTranslation();
  const { question } = props;
  const points = (value: number | undefined) =>
    value === undefined
      ? t('conflicts.resolver.noMark')
      : formatPoints(toHundredths(value) ?? 0, i18n.language);

  if (!question.differs) {
    return (
      <div className="conflict-row" data-question={question.questionId}>
        <span className="conflict-label">{question.label}</span>
        <span className="conflict-same">
          {points(question.local)}
          <span className="muted"> · {t('conflicts.resolver.same')}</span>
        </span>
      </div>
    );
  }

  return (
    <div
      className="conflict-row conflict-differs"
      data-question={question.questionId}
    >
      <span className="conflict-label">{question.label}</span>
      <RadioGroup
        className="conflict-choice"
        orientation="horizontal"
        aria-label={t('conflicts.resolver.chooseFor', {
          item: question.label,
        })}
        value={props.choice ?? null}
        onChange={(side) => props.onChoose(side as GradeSide)}
      >
        <SideOption side="server" value={points(question.server)} />
        <SideOption side="local" value={points(question.local)} />
      </RadioGroup>
      <span className="conflict-difference">
        {question.difference === null
          ? ''
          : formatDifference(question.difference, i18n.language)}
      </span>
    </div>
  );
}

/**
 * Renders a grade field other than the marks in both versions, or once
 * when they agree. Each side is an option of a radio group.
 */
export function FieldConflictRow(props: {
  field: WholeField;
  differs: boolean;
  server: GradeContent;
  local: GradeContent;
  choice: GradeSide | undefined;
  onChoose(side: GradeSide): void;
}) {
  const { t } = useTranslation();
  const label = t(`conflicts.resolver.fields.${props.field}`);
  const describe = useFieldDescription(props.field);

  if (!props.differs) {
    return (
      <div className="conflict-field" data-field={props.field}>
        <span className="conflict-label">{label}</span>
        <span className="conflict-same">
          {describe(props.local)}
          <span className="muted"> · {t('conflicts.resolver.same')}</span>
        </span>
      </div>
    );
  }

  return (
    <div className="conflict-field conflict-differs" data-field={props.field}>
      <RadioGroup
        className="conflict-field-choice"
        aria-label={t('conflicts.resolver.chooseFor', { item: label })}
        value={props.choice ?? null}
        onChange={(side) => props.onChoose(side as GradeSide)}
      >
        <span className="conflict-label" aria-hidden="true">
          {label}
        </span>
        <SideOption side="server" value={describe(props.server)} labelled />
        <SideOption side="local" value={describe(props.local)} labelled />
      </RadioGroup>
    </div>
  );
}

/**
 * Renders one side as a radio option named with its side ("Server: 2").
 * `labelled` shows the side's name too, where no column heading gives it.
 */
function SideOption(props: {
  side: GradeSide;
  value: string;
  labelled?: boolean;
}) {
  const { t } = useTranslation();
  const name = t(`conflicts.resolver.${props.side}Option`, {
    value: props.value,
  });

  return (
    <Radio value={props.side} aria-label={name} className="conflict-option">
      <span className="choice-mark" aria-hidden="true" />
      <span className="conflict-value">
        {props.labelled ? name : props.value}
      </span>
    </Radio>
  );
}

/** Returns how a field of one version reads in the resolver. */
function useFieldDescription(
  field: WholeField,
): (grade: GradeContent) => string {
  const { t } = useTranslation();

  return (grade) => {
    switch (field) {
      case 'comment':
        return grade.comment.trim() === ''
          ? t('conflicts.resolver.noComment')
          : grade.comment;
      case 'flags':
        return grade.flags.length === 0
          ? t('conflicts.resolver.noFlags')
          : grade.flags.map((flag) => t(`marking.flag.${flag}`)).join(', ');
      case 'status':
        return t(`conflicts.resolver.status.${grade.status}`);
      case 'annotations':
        return t('conflicts.resolver.annotations', {
          count: grade.annotations.length,
        });
    }
  };
}

/** Formats a difference in hundredths with its sign, such as `+1,5`. */
export function formatDifference(hundredths: number, language: string): string {
  if (hundredths === 0) {
    return formatPoints(0, language);
  }
  const sign = hundredths > 0 ? '+' : '−';
  return `${sign}${formatPoints(Math.abs(hundredths), language)}`;
}
