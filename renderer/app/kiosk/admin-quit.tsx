import { useState, type FormEvent } from 'react';
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

import type { AdminCodeResult } from '../../../shared/ipc/contract';
import { Alert } from '../components/alert';
import { useSession } from '../hooks/use-session';
import { useServices } from '../services/app-services';
import { KioskSignOutDialog } from './kiosk-sign-out-dialog';

/**
 * Renders the small "Quit (administrator)" button of a shared computer,
 * whose dialog checks the administrator code, then quits. While an
 * examiner is signed in, the administrator chooses between signing out
 * (which erases the computer, then quits) and quitting with the data kept.
 */
export function AdminQuitButton() {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);

  return (
    <>
      <Button className="link admin-quit-button" onPress={() => setOpen(true)}>
        {t('kiosk.adminQuit')}
      </Button>
      <ModalOverlay
        isOpen={isOpen}
        onOpenChange={setOpen}
        isDismissable
        className="react-aria-ModalOverlay backup-overlay"
      >
        <Modal className="backup-modal">
          <AdminQuitDialog onClose={() => setOpen(false)} />
        </Modal>
      </ModalOverlay>
    </>
  );
}

function AdminQuitDialog(props: { onClose: () => void }) {
  const { t } = useTranslation();
  const { bridge } = useServices();
  const session = useSession();
  const [code, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [authorized, setAuthorized] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  function describe(result: AdminCodeResult): string | null {
    const seconds = result.retryAfterSeconds;
    switch (result.status) {
      case 'accepted':
        return null;
      case 'wrong-code':
        return t('kiosk.wrongCode', { seconds });
      case 'too-many-attempts':
        return t('kiosk.tooManyAttempts', { seconds });
      case 'not-configured':
        return t('kiosk.notConfigured');
    }
  }

  async function quit() {
    try {
      await bridge.kiosk.quit();
    } catch (error) {
      setMessage(t('kiosk.checkFailed', { detail: String(error) }));
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    try {
      const result = await bridge.kiosk.authorizeQuit({ adminCode: code });
      setCode('');
      setMessage(describe(result));
      if (result.status === 'accepted') {
        setAuthorized(true);
        if (session.phase !== 'active') {
          await quit();
        }
      }
    } catch (error) {
      setMessage(t('kiosk.checkFailed', { detail: String(error) }));
    } finally {
      setPending(false);
    }
  }

  if (signingOut) {
    return (
      <KioskSignOutDialog
        onClose={props.onClose}
        confirmLabel={t('kiosk.signOutAndQuit')}
      />
    );
  }

  return (
    <Dialog className="backup-dialog admin-quit-dialog">
      <Heading slot="title" level={2}>
        {t('kiosk.adminTitle')}
      </Heading>
      {!authorized && (
        <Form onSubmit={submit}>
          <p>{t('kiosk.adminIntro')}</p>
          <TextField
            name="admin-code"
            type="password"
            value={code}
            onChange={setCode}
            validate={(value) =>
              value === '' ? t('kiosk.adminCodeMissing') : null
            }
            autoFocus
            autoComplete="off"
          >
            <Label>{t('kiosk.adminCode')}</Label>
            <Input />
            <FieldError />
          </TextField>
          {message !== null && <Alert tone="error">{message}</Alert>}
          <div className="dialog-actions">
            <Button onPress={props.onClose}>{t('kiosk.cancel')}</Button>
            <Button type="submit" className="primary" isPending={pending}>
              {t('kiosk.adminSubmit')}
            </Button>
          </div>
        </Form>
      )}
      {authorized && (
        <>
          {message !== null && <Alert tone="error">{message}</Alert>}
          <div className="dialog-actions">
            <Button onPress={props.onClose}>{t('kiosk.cancel')}</Button>
            <Button onPress={() => void quit()}>
              {session.phase === 'active'
                ? t('kiosk.quitKeep')
                : t('kiosk.quitNow')}
            </Button>
            {session.phase === 'active' && (
              <Button className="primary" onPress={() => setSigningOut(true)}>
                {t('kiosk.signOutAndQuit')}
              </Button>
            )}
          </div>
        </>
      )}
    </Dialog>
  );
}
