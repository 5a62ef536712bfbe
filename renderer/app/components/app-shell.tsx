import type { ReactNode } from 'react';
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { Language } from '../../../shared/ipc/contract';
import { RestoreBackupButton } from '../backup/restore-dialog';
import { SignOutButton } from '../backup/sign-out-button';
import { formatBytes } from '../format';
import { useStorageStatus } from '../hooks/use-storage';
import { useServices } from '../services/app-services';
import type { SessionState } from '../services/session';
import { SyncStatusBar } from '../sync/sync-status';
import { UpdateNotice } from '../update/update-notice';
import { useQuitWarning } from '../sync/use-quit-warning';

const LANGUAGE_NAMES: Record<Language, string> = {
  fr: 'Français',
  en: 'English',
};

/** Renders the header, the screen, and the status bar at the bottom. */
export function AppShell(props: {
  session: Extract<SessionState, { phase: 'active' }>;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const services = useServices();
  const { session } = props;
  useQuitWarning();

  return (
    <div className="app-shell">
      <header className="app-header">
        <span className="app-name">{t('app.name')}</span>
        <span className="grader">
          {t('shell.signedInAs', { name: session.grader.displayName })}
        </span>
        <LanguageSelect />
        {session.connection === 'sign-in-required' && (
          <Button
            className="primary"
            onPress={() => services.session.requestSignIn()}
          >
            {t('shell.signIn')}
          </Button>
        )}
        <RestoreBackupButton grader={session.grader} />
        <SignOutButton grader={session.grader} />
      </header>
      <main className="app-main">{props.children}</main>
      <StatusBar session={session} locale={i18n.language} />
    </div>
  );
}

function StatusBar(props: {
  session: Extract<SessionState, { phase: 'active' }>;
  locale: string;
}) {
  const { t } = useTranslation();
  const storage = useStorageStatus();
  const bytes = (value: number) => formatBytes(value, t, props.locale);

  return (
    <footer className="status-bar">
      <SyncStatusBar
        connection={props.session.connection}
        locale={props.locale}
      />
      <span className="storage">
        {storage.estimate?.known
          ? t('shell.storage', {
              used: bytes(storage.estimate.usedBytes),
              free: bytes(storage.estimate.freeBytes),
            })
          : t('shell.storageUnknown')}
        {storage.persistence === 'denied' && ` · ${t('shell.notPersistent')}`}
      </span>
      <UpdateNotice />
    </footer>
  );
}

function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const { bridge, languageLocked } = useServices();

  async function choose(language: Language) {
    await i18n.changeLanguage(language);
    document.documentElement.lang = language;
    const user = await bridge.settings.get();
    await bridge.settings.set({ ...user, language });
  }

  return (
    <Select
      className="language-select"
      selectedKey={i18n.language}
      isDisabled={languageLocked}
      onSelectionChange={(key) => void choose(key as Language)}
    >
      <Label className="visually-hidden">{t('shell.language')}</Label>
      <Button>
        <SelectValue />
      </Button>
      <Popover>
        <ListBox>
          {Object.entries(LANGUAGE_NAMES).map(([code, name]) => (
            <ListBoxItem key={code} id={code} lang={code}>
              {name}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
