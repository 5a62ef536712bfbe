import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import {
  Button,
  FieldError,
  Label,
  TextArea,
  TextField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { GRADE_LIMITS } from '../../../shared/api/schemas';
import {
  addBankComment,
  appendToComment,
  CommentBankError,
  listBankComments,
  removeBankComment,
} from '../../core/marking/comment-bank';
import { Alert } from '../components/alert';
import { useServices } from '../services/app-services';

/** Comments of the bank that Alt+1 to Alt+9 insert. */
const SHORTCUT_COUNT = 9;

/**
 * Renders the general comment, saved as it is typed, with the comment bank below
 * it: "Save to the bank" keeps the comment for other copies, and each
 * saved comment is inserted with its button or Alt and its number.
 */
export function CommentField(props: {
  comment: string;
  isReadOnly: boolean;
  onChange(comment: string): void;
}) {
  const { t } = useTranslation();
  const { store } = useServices();
  const bank = useLiveQuery(() => listBankComments(store.db), [store]) ?? [];
  const [problem, setProblem] = useState<string | null>(null);

  // The text shown. A comment over the limit is shown with the reason and
  // not saved, rather than cut without a word; the stored one stays.
  const [text, setText] = useState(props.comment);
  const tooLong = text.length > GRADE_LIMITS.commentLength;
  useEffect(() => {
    setText((shown) =>
      shown.length > GRADE_LIMITS.commentLength ? shown : props.comment,
    );
  }, [props.comment]);

  function change(value: string) {
    setText(value);
    if (value.length <= GRADE_LIMITS.commentLength) {
      props.onChange(value);
    }
  }

  function insert(addition: string) {
    if (!props.isReadOnly) {
      change(appendToComment(text, addition));
    }
  }

  // Alt and a digit insert a saved comment from anywhere in the workspace.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (!event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      const digit = /^Digit([1-9])$/.exec(event.code);
      const entry = digit ? bank[Number(digit[1]) - 1] : undefined;
      if (entry !== undefined) {
        event.preventDefault();
        insert(entry.text);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  async function save() {
    try {
      await addBankComment(store.db, text);
      setProblem(null);
    } catch (error) {
      setProblem(
        error instanceof CommentBankError
          ? t(`marking.bank.${error.reason}`)
          : String(error),
      );
    }
  }

  return (
    <div className="comment-field">
      <TextField
        value={text}
        onChange={change}
        isReadOnly={props.isReadOnly}
        isInvalid={tooLong}
        validationBehavior="aria"
      >
        <Label>{t('marking.comment')}</Label>
        <TextArea rows={4} />
        <FieldError>
          {t('marking.commentTooLong', {
            length: text.length,
            max: GRADE_LIMITS.commentLength,
          })}
        </FieldError>
      </TextField>

      <div className="comment-bank">
        <Button
          isDisabled={text.trim() === '' || tooLong}
          onPress={() => void save()}
        >
          {t('marking.bank.save')}
        </Button>
        {problem !== null && <Alert tone="error">{problem}</Alert>}
        {bank.length > 0 && (
          <ul aria-label={t('marking.bank.title')}>
            {bank.map((entry, index) => (
              <li key={entry.id}>
                <Button
                  className="react-aria-Button bank-insert"
                  isDisabled={props.isReadOnly}
                  onPress={() => insert(entry.text)}
                  // React Aria's Button drops `aria-keyshortcuts` as a prop.
                  ref={(element) => {
                    if (element !== null && index < SHORTCUT_COUNT) {
                      element.setAttribute(
                        'aria-keyshortcuts',
                        `Alt+${index + 1}`,
                      );
                    }
                  }}
                  aria-label={t('marking.bank.insert', { text: entry.text })}
                >
                  {index < SHORTCUT_COUNT && (
                    <kbd aria-hidden="true">Alt+{index + 1}</kbd>
                  )}
                  <span className="bank-text">{entry.text}</span>
                </Button>
                <Button
                  className="react-aria-Button bank-remove"
                  onPress={() => void removeBankComment(store.db, entry.id)}
                  aria-label={t('marking.bank.remove', { text: entry.text })}
                >
                  ×
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
