import { useEffect } from 'react';
import { RouterProvider } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { AppShell } from './components/app-shell';
import { useRoute } from './hooks/use-route';
import { useSession } from './hooks/use-session';
import { AdminQuitButton } from './kiosk/admin-quit';
import { IdleLock } from './kiosk/idle-lock';
import { useKioskSettings } from './kiosk/use-kiosk-settings';
import { BatchDetailScreen } from './screens/batch-detail-screen';
import { BatchesScreen } from './screens/batches-screen';
import { ServerScreen } from './screens/server-screen';
import { SignInScreen } from './screens/sign-in-screen';
import { useServices } from './services/app-services';
import { CompareScreen } from './workspace/compare-screen';
import { WorkspaceScreen } from './workspace/workspace-screen';

/** Picks the screen from the session's phase, then from the route. */
export function App() {
  const { t } = useTranslation();
  const services = useServices();
  const session = useSession();
  const route = useRoute();
  const kiosk = useKioskSettings();
  const adminQuit =
    kiosk?.kiosk === true && kiosk.adminCodeSet ? <AdminQuitButton /> : null;

  // The browser's `online` event is a hint: it only triggers an attempt,
  // whose result decides whether the app counts as online.
  useEffect(() => {
    function onOnline() {
      services.downloads.online();
      services.sync.requestSync('network');
      void services.session.refresh();
    }
    // The `offline` event is a hint too: a refresh checks at once
    // whether the server still responds.
    function onOffline() {
      void services.session.refresh();
    }
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }, [services]);

  switch (session.phase) {
    case 'starting':
      return <p className="muted centered-panel">{t('app.loading')}</p>;
    case 'needs-server':
      return (
        <>
          <ServerScreen />
          {adminQuit}
        </>
      );
    case 'signed-out':
      return (
        <>
          <SignInScreen
            serverUrl={session.serverUrl}
            serverLocked={session.serverLocked}
            expired={session.expired}
          />
          {adminQuit}
        </>
      );
    case 'active':
      break;
  }

  let screen;
  switch (route.screen) {
    case 'batches':
      screen = <BatchesScreen />;
      break;
    case 'batch':
      screen = <BatchDetailScreen batchId={route.batchId} />;
      break;
    case 'compare':
      screen = (
        <CompareScreen
          batchId={route.batchId}
          copyId={route.copyId}
          otherId={route.otherId}
        />
      );
      break;
    case 'copy':
      screen = (
        <WorkspaceScreen batchId={route.batchId} copyId={route.copyId} />
      );
      break;
  }

  return (
    <RouterProvider navigate={(href) => (window.location.hash = href)}>
      <AppShell session={session}>{screen}</AppShell>
      {adminQuit}
      {kiosk?.idleLockMinutes != null && (
        <IdleLock minutes={kiosk.idleLockMinutes} grader={session.grader} />
      )}
    </RouterProvider>
  );
}
