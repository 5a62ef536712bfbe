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
import { createAppServices, ServicesContext } from './services/app-services';
import { createRendererLogger } from './services/renderer-logger';
import './styles/app.css';

async function start(root: HTMLElement): Promise<void> {
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
  const panel = document.createElement('div');
  panel.setAttribute('role', 'alert');
  panel.className = 'centered-panel alert alert-error';
  for (const text of [
    `Copydesk n’a pas pu démarrer : ${detail}. Rechargez la page ; si le problème revient, contactez l’assistance.`,
    `Copydesk could not start: ${detail}. Reload the page; if it happens again, contact support.`,
  ]) {
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
