import {
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  FieldError,
  Form,
  Heading,
  Label,
  Radio,
  RadioGroup,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { REPORT_KINDS, type ReportKind } from '../../../shared/api/schemas';
import { StorageFullError } from '../../core/download/scan-store';
import {
  MAX_NOTE_LENGTH,
  ReportInputError,
  type ReportField,
} from '../../core/reports/report-input';
import { fileReport } from '../../core/reports/report-store';
import type { ReportRow } from '../../core/store/rows';
import { Alert } from '../components/alert';
import { useServices } from '../services/app-services';
import { describeReportProblem } from './report-messages';

export interface ScanReportFormProps {
  copyId: string;
  pageCount: number;
  /** The page on screen, checked by default. A page out of range checks none. */
  currentPage: number;
  /** The kind selected at first. Without it, no kind is selected. */
  initialKind?: ReportKind;
  /** Pages checked at first, in place of the page on screen. */
  initialPages?: readonly number[];
  /** The note at first, such as what an integrity check found. */
  initialNote?: string;
  /** Called with the stored report, so the app can send the pending reports. */
  onFiled: (report: ReportRow) => void;
  onCancel: () => void;
}

type FieldErrors = Partial<Record<ReportField, string>>;

/**
 * Renders the form that files a scan report, inline in the workspace's
 * right column. The report is checked and stored locally, and the report
 * sender sends it later. Escape cancels.
 */
export function ScanReportForm(props: ScanReportFormProps) {
  const { t } = useTranslation();
  const { store } = useServices();
  const headingId = useId();
  const [kind, setKind] = useState<string>(props.initialKind ?? '');
  const [pages, setPages] = useState<string[]>(() => {
    if (props.initialPages !== undefined) {
      return props.initialPages.map(String);
    }
    return props.currentPage >= 1 && props.currentPage <= props.pageCount
      ? [String(props.currentPage)]
      : [];
  });
  const [note, setNote] = useState(props.initialNote ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const fields = {
    kind: useRef<HTMLDivElement>(null),
    pages: useRef<HTMLDivElement>(null),
    note: useRef<HTMLDivElement>(null),
  };

  // Moves focus to the field that needs fixing, so a screen reader reads
  // its label and error and the keyboard is where the fix is typed.
  const invalidField = (Object.keys(errors) as ReportField[])[0];
  useEffect(() => {
    if (invalidField !== undefined) {
      focusFirstControl(fields[invalidField].current);
    }
    // `fields` contains refs, which stay the same across renders, so only
    // `errors` is a dependency.
  }, [errors]);

  function clearError(field: ReportField) {
    setErrors(({ [field]: _cleared, ...rest }) => rest);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setErrors({});
    setFailure(null);

    let report: ReportRow;
    try {
      report = await fileReport(store.db, {
        copyId: props.copyId,
        kind,
        pages: pages.map(Number),
        note,
      });
    } catch (error) {
      setPending(false);
      showError(error);
      return;
    }
    setPending(false);
    props.onFiled(report);
  }

  function showError(error: unknown) {
    if (error instanceof ReportInputError) {
      const message = describeReportProblem(error.problem, t);
      if (error.field === null) {
        setFailure(message);
      } else {
        setErrors({ [error.field]: message });
      }
    } else if (error instanceof StorageFullError) {
      setFailure(t('reports.errors.storageFull'));
    } else {
      setFailure(
        t('reports.errors.failed', {
          detail: error instanceof Error ? error.message : String(error),
        }),
      );
    }
  }

  function cancelOnEscape(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      props.onCancel();
    }
  }

  const pageNumbers = Array.from(
    { length: Math.max(0, props.pageCount) },
    (_, index) => index + 1,
  );

  return (
    <section
      className="scan-report-form"
      aria-labelledby={headingId}
      onKeyDown={cancelOnEscape}
    >
      <Heading level={2} id={headingId}>
        {t('reports.form.title')}
      </Heading>
      <p className="muted">{t('reports.form.intro')}</p>
      <Form onSubmit={submit} validationBehavior="aria">
        <div ref={fields.kind}>
          <RadioGroup
            name="kind"
            value={kind === '' ? null : kind}
            onChange={(value) => {
              setKind(value);
              clearError('kind');
            }}
            isInvalid={errors.kind !== undefined}
            className="report-kinds"
          >
            <Label>{t('reports.form.kind')}</Label>
            {REPORT_KINDS.map((value) => (
              <Radio
                key={value}
                value={value}
                className="report-choice report-radio"
              >
                <span className="choice-mark" aria-hidden="true" />
                {t(`reports.kinds.${value}`)}
              </Radio>
            ))}
            <FieldError>{errors.kind}</FieldError>
          </RadioGroup>
        </div>

        <div ref={fields.pages}>
          <CheckboxGroup
            name="pages"
            value={pages}
            onChange={(value) => {
              setPages(value);
              clearError('pages');
            }}
            isInvalid={errors.pages !== undefined}
            className="report-pages"
          >
            <Label>{t('reports.form.pages')}</Label>
            <div className="report-page-grid">
              {pageNumbers.map((page) => (
                <Checkbox
                  key={page}
                  value={String(page)}
                  className="report-choice report-checkbox"
                >
                  <span className="choice-mark" aria-hidden="true" />
                  {t('reports.form.page', { page })}
                </Checkbox>
              ))}
            </div>
            <FieldError>{errors.pages}</FieldError>
          </CheckboxGroup>
        </div>

        <div ref={fields.note}>
          <TextField
            name="note"
            value={note}
            onChange={(value) => {
              setNote(value);
              clearError('note');
            }}
            isInvalid={errors.note !== undefined}
          >
            <Label>{t('reports.form.note')}</Label>
            <TextArea rows={4} className="react-aria-Input report-note-field" />
            <Text slot="description">
              {t('reports.form.noteHelp', { max: MAX_NOTE_LENGTH })}
            </Text>
            <FieldError>{errors.note}</FieldError>
          </TextField>
        </div>

        {failure !== null && <Alert tone="error">{failure}</Alert>}
        <div className="form-actions">
          <Button type="submit" className="primary" isPending={pending}>
            {t('reports.form.submit')}
          </Button>
          <Button onPress={props.onCancel}>{t('reports.form.cancel')}</Button>
        </div>
      </Form>
    </section>
  );
}

/** Focuses the checked option in `container`, else its first control. */
function focusFirstControl(container: HTMLElement | null): void {
  const control =
    container?.querySelector<HTMLElement>('input:checked') ??
    container?.querySelector<HTMLElement>('input, textarea');
  control?.focus();
}
