import { EventEmitter } from 'node:events';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron-log/main', () => import('./support/electron-log-double'));

import {
  describeUpdateError,
  planUpdates,
  readDistribution,
  UPDATE_CHECK_INTERVAL_MS,
  Updater,
  type UpdaterEngine,
} from '../../../main/updater';
import { logLines } from './support/electron-log-double';

/** Stands in for electron-updater's `autoUpdater`, an event emitter. */
class UpdaterEngineDouble extends EventEmitter {
  autoDownload = false;
  logger: unknown = null;
  setFeedURL = vi.fn();
  checkForUpdates = vi.fn(async () => null);
  quitAndInstall = vi.fn();

  asEngine(): UpdaterEngine {
    return this as unknown as UpdaterEngine;
  }
}

const HOME = { kiosk: false, isPackaged: true, distribution: null };

let updater: Updater | null = null;

beforeEach(() => {
  logLines.length = 0;
});

afterEach(() => {
  updater?.stop();
  updater = null;
  vi.useRealTimers();
});

function startUpdater(feedUrl: string | null = null) {
  const engine = new UpdaterEngineDouble();
  updater = new Updater(engine.asEngine());
  updater.start({ enabled: true, feedUrl });
  return { engine, updater };
}

describe('planUpdates', () => {
  it('is off in kiosk mode', () => {
    expect(planUpdates({ ...HOME, kiosk: true })).toEqual({
      enabled: false,
      reason: 'kiosk mode',
    });
  });

  it('is off in the MSI build', () => {
    expect(planUpdates({ ...HOME, distribution: 'msi' })).toEqual({
      enabled: false,
      reason: 'MSI build, updated by IT staff',
    });
  });

  it('is off when unpackaged', () => {
    expect(planUpdates({ ...HOME, isPackaged: false })).toEqual({
      enabled: false,
      reason: 'the app is not packaged',
    });
  });

  it('uses the policy feed', () => {
    const plan = planUpdates({
      ...HOME,
      updateUrl: 'https://updates.example.org/copydesk',
    });

    expect(plan).toEqual({
      enabled: true,
      feedUrl: 'https://updates.example.org/copydesk',
    });
  });

  it('falls back to app-update.yml', () => {
    expect(planUpdates(HOME)).toEqual({ enabled: true, feedUrl: null });
  });
});

describe('readDistribution', () => {
  it('reads the MSI marker', async () => {
    const read = vi.fn(async () => '{"copydeskDistribution": "msi"}');

    expect(await readDistribution('/opt/app.asar', read)).toBe('msi');
    expect(read).toHaveBeenCalledWith(
      path.join('/opt/app.asar', 'package.json'),
    );
  });

  it('returns null without the field', async () => {
    expect(await readDistribution(process.cwd())).toBeNull();
  });

  it('throws on a damaged file', async () => {
    const read = async () => '{"copydesk';

    await expect(readDistribution('/opt/app.asar', read)).rejects.toThrow(
      SyntaxError,
    );
  });
});

describe('Updater', () => {
  it('does nothing when off', () => {
    const engine = new UpdaterEngineDouble();
    updater = new Updater(engine.asEngine());

    updater.start({ enabled: false, reason: 'kiosk mode' });

    expect(engine.checkForUpdates).not.toHaveBeenCalled();
    expect(updater.getStatus()).toEqual({ state: 'off' });
    expect(logLines.map((line) => line.text)).toEqual([
      'updates off: kiosk mode',
    ]);
  });

  it('sets the generic feed from the policy', () => {
    const { engine } = startUpdater('https://updates.example.org/copydesk');

    expect(engine.setFeedURL).toHaveBeenCalledWith({
      provider: 'generic',
      url: 'https://updates.example.org/copydesk',
    });
    expect(engine.autoDownload).toBe(true);
    expect(engine.checkForUpdates).toHaveBeenCalledTimes(1);
  });

  it('keeps the built-in feed without policy', () => {
    const { engine } = startUpdater();

    expect(engine.setFeedURL).not.toHaveBeenCalled();
  });

  it('checks again every four hours', () => {
    vi.useFakeTimers();
    const { engine } = startUpdater();

    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS * 2);

    expect(engine.checkForUpdates).toHaveBeenCalledTimes(3);
  });

  it('forwards the ready status', () => {
    const { engine, updater } = startUpdater();

    engine.emit('update-available', { version: '1.5.0' });
    const downloading = updater.getStatus();
    engine.emit('update-downloaded', { version: '1.5.0' });

    expect(downloading).toEqual({ state: 'downloading' });
    expect(updater.getStatus()).toEqual({ state: 'ready', version: '1.5.0' });
  });

  it('stays ready after a later check', () => {
    vi.useFakeTimers();
    const { engine, updater } = startUpdater();
    engine.emit('update-downloaded', { version: '1.5.0' });

    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
    engine.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'));

    expect(engine.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(updater.getStatus().state).toBe('ready');
  });

  it('installs only a ready update', () => {
    const { engine, updater } = startUpdater();

    expect(() => updater.install()).toThrow(
      'no update is ready to install (update status: idle)',
    );
    engine.emit('update-downloaded', { version: '1.5.0' });
    updater.install();

    expect(engine.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('logs a failed signature check', () => {
    const { engine, updater } = startUpdater();
    const error = Object.assign(
      new Error('New version 1.5.0 is not signed by the application owner'),
      { code: 'ERR_UPDATER_INVALID_SIGNATURE' },
    );

    engine.emit('error', error);

    expect(logLines.at(-1)).toMatchObject({ logger: 'update', level: 'error' });
    expect(logLines.at(-1)?.text).toContain(
      'update rejected: the installer is not signed by the expected publisher',
    );
    expect(updater.getStatus()).toEqual({ state: 'idle' });
  });
});

describe('describeUpdateError', () => {
  it('names a sha512 mismatch', () => {
    const error = Object.assign(
      new Error('sha512 checksum mismatch, expected abc, got def'),
      { code: 'ERR_CHECKSUM_MISMATCH' },
    );

    expect(describeUpdateError(error)).toContain(
      'update rejected: the download does not match the sha512 in the feed',
    );
  });

  it('names other failures', () => {
    expect(describeUpdateError(new Error('HttpError: 404'))).toBe(
      'update check or download failed: HttpError: 404',
    );
  });
});
