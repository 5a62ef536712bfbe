/**
 * Registers the service worker that lets the web build start offline. The
 * desktop app loads its files from `app://` and needs none, and Chromium
 * allows service workers only on http(s) origins.
 */
import type { Logger } from '../core/download/logger';

export const SERVICE_WORKER_FILE = 'service-worker.js';

export function registerServiceWorker(logger: Logger): void {
  const { protocol } = window.location;
  if (
    !('serviceWorker' in navigator) ||
    (protocol !== 'https:' && protocol !== 'http:')
  ) {
    return;
  }

  navigator.serviceWorker
    .register(SERVICE_WORKER_FILE, { type: 'module', scope: './' })
    .then((registration) => {
      logger.info('service worker registered', {
        scope: registration.scope,
      });
    })
    .catch((error: unknown) => {
      // The app works without it; it only cannot start offline.
      logger.warn('service worker registration failed', {
        error: String(error),
      });
    });
}
