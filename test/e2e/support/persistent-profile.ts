/**
 * A Chromium profile on disk that outlives the browser, so a test can close
 * the browser and start it again on the same data, as an examiner does
 * between two marking sessions.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium, type BrowserContext } from '@playwright/test';

import { CHROMIUM_LAUNCH_OPTIONS } from './chromium';

export class PersistentProfile {
  private context: BrowserContext | null = null;

  private constructor(readonly userDataDir: string) {}

  /** Creates an empty profile in a new temporary folder. */
  static async create(): Promise<PersistentProfile> {
    const userDataDir = await mkdtemp(
      path.join(tmpdir(), 'copydesk-e2e-profile-'),
    );
    return new PersistentProfile(userDataDir);
  }

  /**
   * Starts Chromium on this profile. Throws when it is already running,
   * because Chromium refuses a second process on one profile.
   */
  async launch(): Promise<BrowserContext> {
    if (this.context !== null) {
      throw new Error(
        `The profile ${this.userDataDir} is already open: close() it before launching it again`,
      );
    }

    this.context = await chromium.launchPersistentContext(
      this.userDataDir,
      CHROMIUM_LAUNCH_OPTIONS,
    );
    return this.context;
  }

  /** Closes the browser and keeps the profile on disk. */
  async close(): Promise<void> {
    const context = this.context;
    this.context = null;
    await context?.close();
  }

  /** Closes the browser and deletes the profile. */
  async dispose(): Promise<void> {
    await this.close();
    await rm(this.userDataDir, { recursive: true, force: true });
  }
}
