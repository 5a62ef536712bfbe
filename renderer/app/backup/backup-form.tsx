import { useId, useState, type FormEvent } from 'react';
import {
  Button,
  FieldError,
  Form,
  Heading,
  Input,
  Label,
  Text,
  TextField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { createBackupFile } from '../../core/backup/create-backup';
import {
  MIN_PASSPHRASE_LENGTH,
  ratePassphrase,
} from '../../core/backup/passphrase';
import { Alert } from '../components/alert';
import { useServices } from '../services/app-services';
import type { Grader } from '../services/session';
import { describeError } from './backup-messages';
import { useBackupLogger } from './use-backup-logger';

/** A backup the examiner saved, as the dialog reports it. */
export interface SavedBackup {
  fileName: string;
  copyCount: number;
}

type FieldErrors = { passphrase?: string; confirm?: string };

/**
 * Renders the form that encrypts the unsynced grades with a passphrase
 * typed twice and saves the file through the bridge's file export. It calls
 * `onSaved` only when the export reports the file saved, not when the
 * examiner cancels the save dialog.
 */
export function BackupForm(props: {
  grader: Grader;
  saved: SavedBackup | null;
  onSaved: (saved: SavedBackup) => void;
}) {
  const { t } = useTranslation();
  const services = useServices();
  const logger = useBackupLogger();
  const headingId = useId();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{
    tone: 'error' | 'warning';
    text: string;
  } | null>(null);

  const strength = ratePassphrase(passphrase);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    const found: FieldErrors = {};
    if (strength === 'too-short') {
      found.passphrase = t('backup.save.tooShort', {
        min: MIN_PASSPHRASE_LENGTH,
      });
    } else if (confirm !== passphrase) {
      found.confirm = t('backup.save.mismatch');
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      return;
    }

    setPending(true);
    try {
      const info = await services.bridge.app.getInfo();
      const file = await createBackupFile(
        services.store,
        {
          grader: props.grader,
          appVersion: info.version,
          createdAt: new Date(),
        },
        passphrase,
      );
      const result = await services.bridge.file.export({
        suggestedName: file.fileName,
        mediaType: file.mediaType,
        content: file.text,
      });

      if (result.saved) {
        logger.info('backup saved', {
          graderId: props.grader.id,
          copies: file.copyCount,
        });
        setPassphrase('');
        setConfirm('');
        props.onSaved({ fileName: file.fileName, copyCount: file.copyCount });
      } else {
        logger.info('backup save cancelled', { graderId: props.grader.id });
        setMessage({ tone: 'warning', text: t('backup.save.cancelled') });
      }
    } catch (error) {
      logger.error('backup creation failed', {
        graderId: props.grader.id,
        error: describeError(error),
      });
      setMessage({
        tone: 'error',
        text: t('backup.save.failed', { detail: describeError(error) }),
      });
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="backup-form" aria-labelledby={headingId}>
      <Heading level={3} id={headingId}>
        {t('backup.save.title')}
      </Heading>
      <p className="muted">{t('backup.save.intro')}</p>
      <Form onSubmit={(event) => void save(event)} validationBehavior="aria">
        <TextField
          type="password"
          value={passphrase}
          onChange={(value) => {
            setPassphrase(value);
            setErrors({});
          }}
          isInvalid={errors.passphrase !== undefined}
          autoComplete="new-password"
        >
          <Label>{t('backup.save.passphrase')}</Label>
          <Input />
          <Text slot="description">
            {t('backup.save.help', { min: MIN_PASSPHRASE_LENGTH })}{' '}
            {passphrase !== '' && (
              <span className={`passphrase-strength strength-${strength}`}>
                {t(`backup.save.strength.${strength}`)}
              </span>
            )}
          </Text>
          <FieldError>{errors.passphrase}</FieldError>
        </TextField>
        <TextField
          type="password"
          value={confirm}
          onChange={(value) => {
            setConfirm(value);
            setErrors({});
          }}
          isInvalid={errors.confirm !== undefined}
          autoComplete="new-password"
        >
          <Label>{t('backup.save.confirm')}</Label>
          <Input />
          <FieldError>{errors.confirm}</FieldError>
        </TextField>
        {message !== null && <Alert tone={message.tone}>{message.text}</Alert>}
        {props.saved !== null && (
          <Alert tone="success">
            {t('backup.save.saved', {
              count: props.saved.copyCount,
              file: props.saved.fileName,
            })}
          </Alert>
        )}
        <div className="form-actions">
          <Button type="submit" isPending={pending}>
            {t('backup.save.submit')}
          </Button>
        </div>
      </Form>
    </section>
  );
}
