/**
 * The base of the page objects: one browser page of the web client, with
 * every console error, uncaught exception and Content-Security-Policy
 * violation it reports recorded for the test to check.
 */
import type { ConsoleMessage, Locator, Page } from '@playwright/test';

declare global {
  interface Window {
    /** Violations recorded by the init script of `AppPage`. */
    __copydeskCspViolations?: string[];
  }
}

export class AppPage {
  /** Console errors and uncaught exceptions, in the order they came. */
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error' && !isGradeNotFound(message)) {
        this.errors.push(`console error: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => {
      this.errors.push(`uncaught exception: ${error.message}`);
    });
  }

  /**
   * Records every `securitypolicyviolation` event of the pages loaded
   * afterwards. Playwright injects the script itself, so the page's own
   * Content-Security-Policy does not block it.
   */
  async recordCspViolations(): Promise<void> {
    await this.page.addInitScript(() => {
      const violations: string[] = [];
      window.__copydeskCspViolations = violations;
      document.addEventListener(
        'securitypolicyviolation',
        (event) => {
          violations.push(
            `${event.effectiveDirective} blocked ${event.blockedURI || 'inline code'}`,
          );
        },
        { capture: true },
      );
    });
  }

  /** Loads the web client from the server at `serverUrl`. */
  async open(serverUrl: string): Promise<void> {
    await this.recordCspViolations();
    await this.page.goto(`${serverUrl}/`);
  }

  /** The element the React app renders into. */
  get root(): Locator {
    return this.page.locator('#root');
  }

  /** Returns the Content-Security-Policy violations of the current page. */
  async cspViolations(): Promise<string[]> {
    return this.page.evaluate(() => window.__copydeskCspViolations ?? []);
  }
}

// The first sync reads the server's grade of every copy new to this
// computer, and the API returns 404 for a copy not graded yet. Chromium
// logs every 404 response as a console error, though the app expects it.
function isGradeNotFound(message: ConsoleMessage): boolean {
  return (
    message.text().startsWith('Failed to load resource') &&
    message.text().includes('404') &&
    /\/api\/v1\/copies\/[^/]+\/grade$/.test(message.location().url)
  );
}
