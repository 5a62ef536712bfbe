/**
 * Updates from the ministry's update server through electron-updater's
 * generic provider. The feed is the policy's `updateUrl`, else the address
 * that packaging wrote into `app-update.yml`. Updates are off in kiosk
 * mode, in the per-machine MSI build (`"copydeskDistribution": "msi"` in
 * the packaged package.json) and when the app is not packaged.
 *
 * electron-updater checks the sha512 of every download against the feed
 * and, on Windows, the publisher of the installer (`publisherName` of the
 * build configuration). Neither check is turned off here. A download that
 * fails one is not installed, and the failure is logged.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { AppUpdater } from 'electron-updater';

import type { UpdateStatus } from '../shared/ipc/contract';
import { createLogger } from './logger';

const log = createLogger('update');

/** Time between two checks after the one at start. */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

/** The value of `copydeskDistribution` in the MSI build's package.json. */
export const MSI_DISTRIBUTION = 'msi';

export interface UpdateConditions {
  kiosk: boolean;
  isPackaged: boolean;
  /** `copydeskDistribution` of the app's package.json, or null. */
  distribution: string | null;
  /** The policy's `updateUrl`, when it sets one. */
  updateUrl?: string;
}

export type UpdatePlan =
  | { enabled: false; reason: string }
  /** `feedUrl` null: the address in the build's `app-update.yml`. */
  | { enabled: true; feedUrl: string | null };

/** Decides whether this app updates itself, and from where. */
export function planUpdates(conditions: UpdateConditions): UpdatePlan {
  if (conditions.kiosk) {
    return { enabled: false, reason: 'kiosk mode' };
  }
  if (conditions.distribution === MSI_DISTRIBUTION) {
    return { enabled: false, reason: 'MSI build, updated by IT staff' };
  }
  if (!conditions.isPackaged) {
    return { enabled: false, reason: 'the app is not packaged' };
  }
  return { enabled: true, feedUrl: conditions.updateUrl ?? null };
}

/**
 * Reads `copydeskDistribution` from the package.json in `appPath`
 * (`app.getAppPath()`). Returns null when the field is absent; throws when
 * the file cannot be read or parsed.
 */
export async function readDistribution(
  appPath: string,
  readText: (file: string) => Promise<string> = (file) =>
    readFile(file, 'utf8'),
): Promise<string | null> {
  const manifest = JSON.parse(
    await readText(path.join(appPath, 'package.json')),
  ) as { copydeskDistribution?: unknown };
  const value = manifest.copydeskDistribution;
  return typeof value === 'string' ? value : null;
}

export type UpdaterEngine = Pick<
  AppUpdater,
  | 'on'
  | 'setFeedURL'
  | 'checkForUpdates'
  | 'quitAndInstall'
  | 'autoDownload'
  | 'logger'
>;

/** Tells what a failed check or download means, for the log. */
export function describeUpdateError(error: Error): string {
  const code = (error as Error & { code?: unknown }).code;
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE') {
    return `update rejected: the installer is not signed by the expected publisher, so it was not installed (${error.message})`;
  }
  if (
    code === 'ERR_CHECKSUM_MISMATCH' ||
    /sha512 checksum mismatch/i.test(error.message)
  ) {
    return `update rejected: the download does not match the sha512 in the feed, so it was not installed (${error.message})`;
  }
  return `update check or download failed: ${error.message}`;
}

/**
 * Runs the checks and keeps the status that `update:get-status` returns.
 * Downloads run in the background (`autoDownload`), and nothing installs
 * until the examiner restarts through `install`, or quits the app.
 */
export class Updater {
  private status: UpdateStatus = { state: 'off' };
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly engine: UpdaterEngine) {}

  getStatus(): UpdateStatus {
    return { ...this.status };
  }

  /** Applies `plan`: nothing when updates are off, else checks now and every 4 hours. */
  start(plan: UpdatePlan): void {
    if (!plan.enabled) {
      log.info(`updates off: ${plan.reason}`);
      return;
    }

    const engine = this.engine;
    engine.logger = log;
    engine.autoDownload = true;
    if (plan.feedUrl !== null) {
      engine.setFeedURL({ provider: 'generic', url: plan.feedUrl });
    }
    log.info(
      `updates on, from ${plan.feedUrl ?? 'the address in app-update.yml'}`,
    );

    engine.on('checking-for-update', () => this.setState('checking'));
    engine.on('update-available', (info) => {
      log.info(`update ${info.version} available, downloading`);
      this.setState('downloading');
    });
    engine.on('update-not-available', () => this.setState('idle'));
    engine.on('update-downloaded', (event) => {
      log.info(`update ${event.version} downloaded and verified`);
      this.status = { state: 'ready', version: event.version };
    });
    engine.on('error', (error) => {
      log.error(describeUpdateError(error));
      this.setState('idle');
    });

    this.status = { state: 'idle' };
    this.check();
    this.timer = setInterval(() => this.check(), UPDATE_CHECK_INTERVAL_MS);
    this.timer.unref?.();
  }

  /** Restarts into the downloaded update; throws unless one is ready. */
  install(): void {
    if (this.status.state !== 'ready') {
      throw new Error(
        `no update is ready to install (update status: ${this.status.state})`,
      );
    }
    log.info(`restarting to install update ${this.status.version ?? ''}`);
    this.engine.quitAndInstall();
  }

  stop(): void {
    if (this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private check(): void {
    // A ready update stays ready: the next check would download it again.
    if (this.status.state === 'ready') {
      return;
    }
    // The 'error' event has logged the failure already.
    this.engine.checkForUpdates().catch(() => undefined);
  }

  private setState(state: 'idle' | 'checking' | 'downloading'): void {
    if (this.status.state !== 'ready') {
      this.status = { state };
    }
  }
}
