import { useState, type FormEvent } from 'react';
import {
  Button,
  Dialog,
  DialogTrigger,
  FieldError,
  FileTrigger,
  Form,
  Heading,
  Input,
  Label,
  Modal,
  ModalOverlay,
  TextField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import {
  checkBackupGrader,
  decryptBackup,
} from '../../core/backup/backup-cipher';
import {
  MAX_BACKUP_FILE_BYTES,
  parseBackupFile,
  type ParsedBackupFile,
} from '../../core/backup/backup-format';
import { BackupError } from '../../core/backup/backup-errors';
import {
  restoreBackup,
  type RestoreReport,
} from '../../core/backup/restore-backup';
import { formatDate } from '../format';
import { Alert } from '../components/alert';
import { useServices } from '../services/app-services';
import type { Grader } from '../services/session';
import { describeBackupFailure, describeError } from './backup-messages';
import { RestoreReportView } from './restore-report';
import { useBackupLogger } from './use-backup-logger';

/** Renders the shell's "Restore a backup" button and its dialog. */
export function RestoreBackupButton(props: { grader: Grader }) {
  const { t } = useTranslation();

  return (
    <DialogTrigger>
      <Button>{t('backup.restore.open')}</Button>
      <ModalOverlay
        isDismissable
        className="react-aria-ModalOverlay backup-overlay"
      >
        <Modal className="backup-modal">
          <Dialog className="backup-dialog restore-dialog">
            {({ close }) => (
              <RestorePanel grader={props.grader} onClose={close} />
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

interface ChosenFile {
  name: string;
  parsed: ParsedBackupFile;
}

/**
 * Renders the steps of a restore: pick the file (checked at once, so a
 * wrong file or another grader's backup is reported before the passphrase
 * is typed), type the passphrase, then see what was restored. The sync
 * engine is asked to push the restored grades right after.
 */
function RestorePanel(props: { grader: Grader; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const services = useServices();
  const logger = useBackupLogger();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [passphraseError, setPassphraseError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [report, setReport] = useState<RestoreReport | null>(null);

  async function choose(files: FileList | null) {
    const chosen = files?.[0];
    setFile(null);
    setFailure(null);
    setReport(null);
    if (chosen === undefined) {
      return;
    }

    try {
      if (chosen.size > MAX_BACKUP_FILE_BYTES) {
        throw new BackupError(
          'not-a-backup',
          `The file has ${chosen.size} bytes, more than a backup's ${MAX_BACKUP_FILE_BYTES}.`,
        );
      }
      const parsed = parseBackupFile(await chosen.text());
      checkBackupGrader(parsed.header, props.grader.id);
      setFile({ name: chosen.name, parsed });
    } catch (error) {
      logger.warn('backup file rejected', { error: describeError(error) });
      setFailure(
        error instanceof BackupError
          ? describeBackupFailure(error, t)
          : t('backup.errors.readFailed', { detail: describeError(error) }),
      );
    }
  }

  async function restore(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (file === null) {
      return;
    }
    if (passphrase === '') {
      setPassphraseError(t('backup.restore.passphraseMissing'));
      return;
    }

    setPending(true);
    setFailure(null);
    try {
      const content = await decryptBackup(file.parsed, passphrase);
      const result = await restoreBackup(services.store, content);
      logger.info('backup restored', {
        graderId: props.grader.id,
        restored: result.restored.length,
        identical: result.identical.length,
        unknown: result.unknown.length,
        needsChoice: result.needsChoice.length,
      });
      setReport(result);
      setPassphrase('');
      if (result.restored.length > 0) {
        services.sync.requestSync('edit');
      }
    } catch (error) {
      logger.warn('backup restore failed', { error: describeError(error) });
      setFailure(describeBackupFailure(error, t));
    } finally {
      setPending(false);
    }
  }

  let fileSummary = t('backup.restore.noFile');
  if (file !== null) {
    const { header } = file.parsed;
    fileSummary = t('backup.restore.summary', {
      file: file.name,
      name: header.grader.displayName,
      date: formatDate(header.createdAt, i18n.language),
      count: header.copyCount,
    });
  }

  return (
    <>
      <Heading slot="title" level={2}>
        {t('backup.restore.title')}
      </Heading>
      <p className="muted">{t('backup.restore.intro')}</p>

      {report === null && (
        <>
          <div className="backup-file">
            <FileTrigger
              acceptedFileTypes={['application/json', '.json']}
              onSelect={(files) => void choose(files)}
            >
              <Button>{t('backup.restore.chooseFile')}</Button>
            </FileTrigger>
            <span className="muted" aria-live="polite">
              {fileSummary}
            </span>
          </div>

          {file !== null && (
            <Form
              onSubmit={(event) => void restore(event)}
              validationBehavior="aria"
            >
              <TextField
                type="password"
                value={passphrase}
                onChange={(value) => {
                  setPassphrase(value);
                  setPassphraseError(null);
                }}
                isInvalid={passphraseError !== null}
                autoComplete="off"
                autoFocus
              >
                <Label>{t('backup.restore.passphrase')}</Label>
                <Input />
                <FieldError>{passphraseError}</FieldError>
              </TextField>
              <div className="form-actions">
                <Button type="submit" className="primary" isPending={pending}>
                  {t('backup.restore.submit')}
                </Button>
              </div>
            </Form>
          )}
        </>
      )}

      {failure !== null && <Alert tone="error">{failure}</Alert>}
      {report !== null && <RestoreReportView report={report} />}
      <div className="dialog-actions">
        <Button onPress={props.onClose}>{t('backup.restore.close')}</Button>
      </div>
    </>
  );
}
