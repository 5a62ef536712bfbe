import { useState, type FormEvent } from 'react';
import {
  Button,
  FieldError,
  Form,
  Heading,
  Input,
  Label,
  TextField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { Alert } from '../components/alert';
import { useServices } from '../services/app-services';
import { SignInFailedError, type SignInFailure } from '../services/session';

/** Renders the sign-in form, with the server it signs in to. */
export function SignInScreen(props: {
  serverUrl: string;
  serverLocked: boolean;
  expired: boolean;
}) {
  const { t } = useTranslation();
  const { session } = useServices();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<SignInFailure | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setFailure(null);
    try {
      await session.signIn(username.trim(), password);
    } catch (error) {
      setFailure(
        error instanceof SignInFailedError
          ? error.failure
          : { kind: 'failed', detail: String(error) },
      );
      setPassword('');
      setPending(false);
    }
  }

  function describe(failure: SignInFailure): string {
    switch (failure.kind) {
      case 'wrong-credentials':
        return t('signIn.wrongCredentials');
      case 'too-many-attempts':
        return t('signIn.tooManyAttempts', {
          seconds: failure.retryAfterSeconds,
        });
      case 'offline':
        return t('signIn.offline');
      case 'other-grader':
        return t('signIn.otherGrader', { name: failure.name });
      case 'failed':
        return t('signIn.failed', { detail: failure.detail });
    }
  }

  return (
    <main className="centered-panel">
      <Heading level={1}>{t('signIn.title')}</Heading>
      {props.expired && <Alert tone="warning">{t('signIn.required')}</Alert>}
      <p className="muted">
        {props.serverLocked
          ? t('server.locked', { value: props.serverUrl })
          : props.serverUrl}
      </p>
      <Form onSubmit={submit}>
        <TextField
          name="username"
          value={username}
          onChange={setUsername}
          validate={(value) =>
            value.trim() === '' ? t('signIn.usernameMissing') : null
          }
          autoFocus
          autoComplete="username"
        >
          <Label>{t('signIn.username')}</Label>
          <Input />
          <FieldError />
        </TextField>
        <TextField
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          validate={(value) =>
            value === '' ? t('signIn.passwordMissing') : null
          }
          autoComplete="current-password"
        >
          <Label>{t('signIn.password')}</Label>
          <Input />
          <FieldError />
        </TextField>
        {failure !== null && <Alert tone="error">{describe(failure)}</Alert>}
        <Button type="submit" className="primary" isPending={pending}>
          {pending ? t('signIn.submitting') : t('signIn.submit')}
        </Button>
      </Form>
      {!props.serverLocked && (
        <Button className="link" onPress={() => void session.clearServer()}>
          {t('server.change')}
        </Button>
      )}
    </main>
  );
}
