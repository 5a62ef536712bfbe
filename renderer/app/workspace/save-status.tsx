import { useTranslation } from 'react-i18next';

import { Alert } from '../components/alert';
import type { GradeEditor } from './use-grade-editor';

/** Says whether the grade is stored on this computer, and when. */
export function SaveStatus(props: { editor: GradeEditor }) {
  const { t, i18n } = useTranslation();
  const { saving, savedAt, failure } = props.editor;

  if (failure !== null) {
    return (
      <Alert tone="error">
        {failure.kind === 'storage-full'
          ? t('marking.save.storageFull')
          : t('marking.save.failed', { detail: failure.detail })}
      </Alert>
    );
  }

  let text: string;
  if (saving > 0) {
    text = t('marking.save.saving');
  } else if (savedAt === null) {
    text = t('marking.save.nothingYet');
  } else {
    text = t('marking.save.saved', {
      time: new Date(savedAt).toLocaleTimeString(i18n.language, {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
    });
  }
  return (
    <p className="save-status muted" role="status">
      {text}
    </p>
  );
}
