import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Button,
  Dialog,
  FieldError,
  Form,
  Heading,
  Input,
  Label,
  Modal,
  ModalOverlay,
  TextField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { IdleTimer } from '../../core/kiosk/idle-timer';
import { UnsyncedDataError } from '../../core/kiosk/wipe-check';
import { Alert } from '../components/alert';
import { useServices } from '../services/app-services';
import type { Grader } from '../services/session';
import './kiosk.css';

/** The events that count as the examiner's activity. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel'];

/**
 * Locks the app after `minutes` without keyboard or mouse activity. The
 * lock screen covers the whole window with an opaque panel, so the copy
 * is hidden, while the screens stay mounted: nothing typed is lost, and
 * the store has saved every change already.
 */
export function IdleLock(props: { minutes: number; grader: Grader }) {
  const [locked, setLocked] = useState(false);
  const timer = useRef<IdleTimer | null>(null);

  useEffect(() => {
    const idle = new IdleTimer({
      timeoutMs: props.minutes * 60_000,
      onIdle: () => setLocked(true),
    });
    timer.current = idle;
    const onActivity = () => idle.activity();
    for (const name of ACTIVITY_EVENTS) {
      window.addEventListener(name, onActivity, {
        capture: true,
        passive: true,
      });
    }
    idle.start();
    return () => {
      idle.stop();
      for (const name of ACTIVITY_EVENTS) {
        window.removeEventListener(name, onActivity, { capture: true });
      }
    };
  }, [props.minutes]);

  function unlock() {
    setLocked(false);
    timer.current?.start();
  }

  return (
    <ModalOverlay
      isOpen={locked}
      isDismissable={false}
      isKeyboardDismissDisabled
      className="idle-lock-overlay"
    >
      <Modal className="idle-lock-modal">
        <LockScreen
          minutes={props.minutes}
          grader={props.grader}
          onUnlock={unlock}
        />
      </Modal>
    </ModalOverlay>
  );
}

function LockScreen(props: {
  minutes: number;
  grader: Grader;
  onUnlock: () => void;
}) {
  const { t } = useTranslation();
  const { session } = useServices();
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const offline = session.canUnlockOffline();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setFailure(null);
    const matches = await session.checkUnlockPassword(password);
    setPassword('');
    setPending(false);
    if (matches) {
      props.onUnlock();
    } else {
      setFailure(t('kiosk.wrongPassword'));
    }
  }

  async function signOut() {
    setFailure(null);
    try {
      await session.signOut();
    } catch (error) {
      if (error instanceof UnsyncedDataError) {
        setFailure(t('kiosk.unsynced', { ...error.summary }));
        return;
      }
      const detail = error instanceof Error ? error.message : String(error);
      setFailure(t('kiosk.signOutFailed', { detail }));
    }
  }

  return (
    <Dialog className="idle-lock" aria-labelledby="idle-lock-title">
      <Heading id="idle-lock-title" level={1}>
        {t('kiosk.lockTitle')}
      </Heading>
      <p>{t('kiosk.lockIntro', { minutes: props.minutes })}</p>
      <p className="muted">
        {t('kiosk.lockedFor', { name: props.grader.displayName })}
      </p>
      {offline ? (
        <Form onSubmit={submit}>
          <TextField
            name="password"
            type="password"
            value={password}
            onChange={setPassword}
            validate={(value) =>
              value === '' ? t('kiosk.passwordMissing') : null
            }
            autoFocus
            autoComplete="current-password"
          >
            <Label>{t('kiosk.password')}</Label>
            <Input />
            <FieldError />
          </TextField>
          <Button type="submit" className="primary" isPending={pending}>
            {t('kiosk.unlock')}
          </Button>
        </Form>
      ) : (
        <>
          <p>{t('kiosk.signInAgainIntro')}</p>
          <Button
            className="primary"
            onPress={() => {
              props.onUnlock();
              session.requestSignIn();
            }}
          >
            {t('kiosk.signInAgain')}
          </Button>
        </>
      )}
      {failure !== null && <Alert tone="error">{failure}</Alert>}
      <Button className="link" onPress={() => void signOut()}>
        {t('kiosk.lockSignOut')}
      </Button>
    </Dialog>
  );
}
