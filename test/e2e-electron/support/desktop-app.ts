/**
 * The desktop app under Playwright's Electron support, with a user data
 * folder of its own that outlives one launch, so a test can quit the app
 * and start it again on the same local store and vault.
 */
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  _electron as electron,
  type ElectronApplication,
  type Page,
} from '@playwright/test';

import { MAIN_ENTRY, REPOSITORY_ROOT } from '../../e2e/support/paths';

export class DesktopApp {
  private app: ElectronApplication | null = null;

  private constructor(private readonly configHome: string) {}

  static async create(): Promise<DesktopApp> {
    return new DesktopApp(
      await mkdtemp(path.join(tmpdir(), 'copydesk-electron-')),
    );
  }

  /**
   * Starts the app and returns its window once the page has loaded. `env`
   * adds variables to the test's environment.
   */
  async launch(env: Record<string, string> = {}): Promise<Page> {
    if (this.app !== null) {
      throw new Error('the app is already running: quit() it first');
    }

    // NOTE: XDG_CONFIG_HOME moves the user data folder on Linux only, the
    // one platform these tests run on.
    this.app = await electron.launch({
      args: [MAIN_ENTRY],
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, ...env, XDG_CONFIG_HOME: this.configHome },
    });
    const page = await this.app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    return page;
  }

  /** The running app, for `evaluate` in its main process. */
  get electronApp(): ElectronApplication {
    if (this.app === null) {
      throw new Error('the app is not running: launch() it first');
    }
    return this.app;
  }

  /** Returns how many windows the running app has. */
  windowCount(): number {
    return this.app?.windows().length ?? 0;
  }

  /** Quits the app and keeps its user data. */
  async quit(): Promise<void> {
    const app = this.app;
    this.app = null;
    await app?.close();
  }

  /**
   * Ends the app's process with SIGKILL, if it still runs. A kiosk app
   * cancels the `app.quit()` that quit() sends until an administrator code
   * is accepted, so quit() would wait for the test's timeout.
   */
  async kill(): Promise<void> {
    const child = this.app?.process();
    this.app = null;
    if (
      child === undefined ||
      child.exitCode !== null ||
      child.signalCode !== null
    ) {
      return;
    }

    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  /** Quits the app and deletes its user data. */
  async dispose(): Promise<void> {
    await this.quit();
    await rm(this.configHome, { recursive: true, force: true });
  }
}
