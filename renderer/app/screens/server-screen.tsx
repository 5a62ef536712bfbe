import { useState, type FormEvent } from 'react';
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

import { isAllowedServiceUrl } from '../../../shared/service-url';
import { useServices } from '../services/app-services';

/** Asks for the grading server's address when no policy sets it. */
export function ServerScreen() {
  const { t } = useTranslation();
  const { session } = useServices();
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = address.trim().replace(/\/+$/, '');
    if (!isAllowedServiceUrl(value, true)) {
      setError(t('server.invalid', { value: address }));
      return;
    }

    setSaving(true);
    setError(null);
    try {
      await session.setServer(value);
    } catch (caught) {
      setError(
        t('app.startFailed', {
          detail: caught instanceof Error ? caught.message : String(caught),
        }),
      );
      setSaving(false);
    }
  }

  return (
    <main className="centered-panel">
      <Heading level={1}>{t('server.title')}</Heading>
      <p>{t('server.intro')}</p>
      <Form
        onSubmit={submit}
        validationErrors={error === null ? {} : { server: error }}
      >
        <TextField
          name="server"
          type="url"
          value={address}
          onChange={setAddress}
          isRequired
          autoFocus
        >
          <Label>{t('server.address')}</Label>
          <Input placeholder="https://" />
          <Text slot="description">{t('server.addressHelp')}</Text>
          <FieldError />
        </TextField>
        <Button type="submit" className="primary" isPending={saving}>
          {t('server.save')}
        </Button>
      </Form>
    </main>
  );
}
