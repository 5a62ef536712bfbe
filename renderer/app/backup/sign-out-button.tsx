import { useState } from 'react';
import { Button, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { UnsyncedWorkError } from '../../core/backup/sign-out-guard';
import { KioskSignOutDialog } from '../kiosk/kiosk-sign-out-dialog';
import { useServices } from '../services/app-services';
import type { Grader } from '../services/session';
import { describeError } from './backup-messages';
import { SignOutDialog } from './sign-out-dialog';
import { useBackupLogger } from './use-backup-logger';

/**
 * Renders the shell's sign-out button. With nothing unsynced it signs out
 * at once. Otherwise the session rejects the sign-out, and the button opens
 * a dialog to sync or save an encrypted backup first. On a shared
 * computer (kiosk mode) it always opens the dialog that confirms the
 * sign-out erases the computer, with no backup to offer.
 */
export function SignOutButton(props: { grader: Grader }) {
  const { t } = useTranslation();
  const services = useServices();
  const logger = useBackupLogger();
  const [isOpen, setOpen] = useState(false);

  const kiosk = services.session.isKiosk();

  async function signOut() {
    if (kiosk) {
      setOpen(true);
      return;
    }
    try {
      await services.session.signOut();
    } catch (error) {
      if (!(error instanceof UnsyncedWorkError)) {
        logger.error('sign-out failed', { error: describeError(error) });
      }
      // Any other failure opens the dialog too, where the examiner can
      // sync, save a backup or try again.
      setOpen(true);
    }
  }

  return (
    <>
      <Button onPress={() => void signOut()}>{t('shell.signOut')}</Button>
      <ModalOverlay
        isOpen={isOpen}
        onOpenChange={setOpen}
        isDismissable
        className="react-aria-ModalOverlay backup-overlay"
      >
        <Modal className="backup-modal">
          {kiosk ? (
            <KioskSignOutDialog onClose={() => setOpen(false)} />
          ) : (
            <SignOutDialog
              grader={props.grader}
              onClose={() => setOpen(false)}
            />
          )}
        </Modal>
      </ModalOverlay>
    </>
  );
}
