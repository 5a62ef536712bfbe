import { useTranslation } from 'react-i18next';

import type {
  RestoredCopyRef,
  RestoreReport,
} from '../../core/backup/restore-backup';
import { Alert } from '../components/alert';

/**
 * Renders what a restore did: grades restored and already identical, then
 * the copies it left alone, named by anonymous code so the examiner can
 * find them.
 */
export function RestoreReportView(props: { report: RestoreReport }) {
  const { t } = useTranslation();
  const { restored, identical, unknown, needsChoice } = props.report;
  const pendingEdit = needsChoice.filter(
    (copy) => copy.reason === 'pending-edit',
  );
  const changed = needsChoice.filter(
    (copy) => copy.reason === 'changed-since-backup',
  );
  const total =
    restored.length + identical.length + unknown.length + needsChoice.length;

  function codes(copies: RestoredCopyRef[]): string {
    return copies
      .map((copy) => copy.anonymousCode ?? t('backup.restore.unknownCode'))
      .join(', ');
  }

  return (
    <section
      className="restore-report"
      aria-label={t('backup.restore.result.title')}
    >
      {total === 0 && (
        <Alert tone="info">{t('backup.restore.result.empty')}</Alert>
      )}
      {restored.length > 0 && (
        <Alert tone="success">
          {t('backup.restore.result.restored', { count: restored.length })}
        </Alert>
      )}
      {identical.length > 0 && (
        <Alert tone="info">
          {t('backup.restore.result.identical', { count: identical.length })}
        </Alert>
      )}
      {pendingEdit.length > 0 && (
        <Alert tone="warning">
          {t('backup.restore.result.pendingEdit', {
            count: pendingEdit.length,
            codes: codes(pendingEdit),
          })}
        </Alert>
      )}
      {changed.length > 0 && (
        <Alert tone="warning">
          {t('backup.restore.result.changedSinceBackup', {
            count: changed.length,
            codes: codes(changed),
          })}
        </Alert>
      )}
      {unknown.length > 0 && (
        <Alert tone="warning">
          {t('backup.restore.result.unknown', {
            count: unknown.length,
            codes: codes(unknown),
          })}
        </Alert>
      )}
    </section>
  );
}
