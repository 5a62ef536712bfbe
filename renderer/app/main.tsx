/**
 * Entry point of the renderer: builds the services from the bridge, then
 * renders the app. A failure before the app can render shows the reason on
 * the page, in French and English, since i18n may be what failed.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';

import { getBridge } from '../bridge/get-bridge';
import { App } from './app';
import { registerServiceWorker } from './service-worker-registration';
import { claimSingleTab } from './single-tab';
import { createAppServices, ServicesContext } from './services/app-services';
import { createRendererLogger } from './services/renderer-logger';
import './styles/app.css';

async function start(root: HTMLElement): Promise<void> {
  if (!(await claimSingleTab())) {
    showMessage(root, 'status', [
      'Copydesk est déjà ouvert dans un autre onglet de ce navigateur. Continuez dans cet onglet, ou fermez-le puis rechargez cette page.',
      'Copydesk is already open in another tab of this browser. Go on in that tab, or close it and reload this page.',
    ]);
    return;
  }

  const bridge = getBridge();
  registerServiceWorker(createRendererLogger(bridge, 'app'));
  const services = await createAppServices(bridge, () =>
    window.location.reload(),
  );
  document.documentElement.lang = services.i18n.language;

  createRoot(root).render(
    <StrictMode>
      <ServicesContext value={services}>
        <I18nextProvider i18n={services.i18n}>
          <App />
        </I18nextProvider>
      </ServicesContext>
    </StrictMode>,
  );
  await services.session.start();
}

function showStartFailure(root: HTMLElement, error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  showMessage(root, 'alert', [
    `Copydesk n’a pas pu démarrer : ${detail}. Rechargez la page ; si le problème revient, contactez l’assistance.`,
    `Copydesk could not start: ${detail}. Reload the page; if it happens again, contact support.`,
  ]);
}

/** Shows `lines` in place of the app, before i18n is available. */
function showMessage(
  root: HTMLElement,
  role: 'alert' | 'status',
  lines: string[],
): void {
  const panel = document.createElement('div');
  panel.setAttribute('role', role);
  panel.className = `centered-panel alert alert-${role === 'alert' ? 'error' : 'warning'}`;
  for (const text of lines) {
    const line = document.createElement('p');
    line.textContent = text;
    panel.append(line);
  }
  root.replaceChildren(panel);
}

const root = document.getElementById('root');
if (root === null) {
  throw new Error('index.html has no #root element');
}
start(root).catch((error: unknown) => {
  console.error('start-up failed', error);
  showStartFailure(root, error);
});
