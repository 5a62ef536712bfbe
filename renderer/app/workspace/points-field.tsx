import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { FieldError, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { Question } from '../../../shared/api/schemas';
import { toHundredths } from '../../../shared/points';
import {
  formatPoints,
  readPointsInput,
  readTypedHundredths,
  stepPoints,
} from '../../core/marking/points-entry';

/**
 * Renders one question's points field. Digits type points (a comma or a point for
 * decimals), `+` and `-` move by one step, Enter goes to the next question
 * as Tab does. A valid value is saved as it is typed; an invalid one is
 * shown with the reason and the stored mark stays as it was.
 */
export function PointsField(props: {
  question: Question;
  /** Stored points, or undefined when the question has no mark. */
  points: number | undefined;
  isReadOnly: boolean;
  onChange(points: number | undefined): void;
  onEnter(): void;
  /** Told whether the text shown is invalid, so a final grade can wait for it. */
  onValidityChange(invalid: boolean): void;
}) {
  const { t, i18n } = useTranslation();
  const { question, points } = props;
  const stored =
    points === undefined
      ? ''
      : formatPoints(toHundredths(points) ?? 0, i18n.language);
  const [text, setText] = useState(stored);

  // A stored value that changes under the field (another copy, an edit
  // undone) replaces the text, unless the text already means that value.
  // Only the stored value triggers this: the scheme object is new on every
  // store change, and an invalid text must stay until the examiner fixes it.
  const latest = useRef({ question, points });
  latest.current = { question, points };
  useEffect(() => {
    setText((shown) => {
      const read = readPointsInput(shown, latest.current.question);
      const shownPoints =
        read.kind === 'mark' ? read.hundredths / 100 : undefined;
      return read.kind !== 'invalid' && shownPoints === latest.current.points
        ? shown
        : stored;
    });
  }, [stored]);

  // A new language writes the same mark with its own decimal separator.
  useEffect(() => {
    setText((shown) =>
      readPointsInput(shown, latest.current.question).kind === 'mark'
        ? stored
        : shown,
    );
    // Only the language triggers this; `stored` is read at that moment.
  }, [i18n.language]);

  const read = readPointsInput(text, question);
  const invalid = read.kind === 'invalid';
  const onValidityChange = useRef(props.onValidityChange);
  onValidityChange.current = props.onValidityChange;
  useEffect(() => onValidityChange.current(invalid), [invalid]);
  const max = formatPoints(
    toHundredths(question.maxPoints) ?? 0,
    i18n.language,
  );
  const step = formatPoints(toHundredths(question.step) ?? 0, i18n.language);

  function change(value: string) {
    setText(value);
    const result = readPointsInput(value, question);
    if (result.kind === 'mark') {
      props.onChange(result.hundredths / 100);
    } else if (result.kind === 'empty') {
      props.onChange(undefined);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (props.isReadOnly) {
      return;
    }
    if (event.key === '+' || event.key === '-') {
      event.preventDefault();
      // The step starts from the number shown, even off the grid or above
      // the maximum. An empty or unreadable field starts from the mark
      // stored.
      const typed = readTypedHundredths(text);
      const next = stepPoints(
        typed ?? (points === undefined ? null : toHundredths(points)),
        event.key === '+' ? 1 : -1,
        question,
      );
      change(formatPoints(next, i18n.language));
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      props.onEnter();
    }
  }

  return (
    <TextField
      className="points-field"
      value={text}
      onChange={change}
      isReadOnly={props.isReadOnly}
      isInvalid={read.kind === 'invalid'}
      // The field is checked as it is typed, not by the browser.
      validationBehavior="aria"
      inputMode="decimal"
      autoComplete="off"
      data-question={question.id}
    >
      <Label>
        <span className="question-label">{question.label}</span>
        <span className="question-bounds">
          {t('marking.bounds', { max, step })}
        </span>
      </Label>
      <Input onKeyDown={onKeyDown} />
      <FieldError>
        {read.kind === 'invalid' &&
          t(`marking.problem.${read.problem}`, {
            value: text.trim(),
            max,
            step,
            stored: stored === '' ? t('marking.noStoredMark') : stored,
          })}
      </FieldError>
    </TextField>
  );
}
