/**
 * The wipe at sign-out in kiosk mode: every trace of the examiner's work
 * on the shared computer goes, then the app restarts on the sign-in
 * screen. The renderer checks first that nothing is unsynced and closes
 * its store, because the wipe erases the local store whatever it holds.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

import type { Session } from 'electron';

import { createLogger } from './logger';

const log = createLogger('kiosk');

export interface WipeTargets {
  /** The app window's session: IndexedDB, caches, service workers, cookies. */
  session: Pick<Session, 'clearStorageData' | 'clearCache'>;
  /**
   * Files in the user data folder: the refresh token, the storage key and
   * the user settings. The temporary `<file>.tmp` of each goes too.
   */
  files: string[];
  /** The folder of the log files, which name graders, batches and copies. */
  logFolder: string;
}

/** Raised when a step of the wipe failed; the other steps still ran. */
export class WipeFailedError extends Error {
  constructor(readonly failures: string[]) {
    super(
      `wiping the computer failed: ${failures.join('; ')}. Restart Copydesk and sign out again, or ask the exam centre's IT staff to delete the Copydesk user data folder`,
    );
    this.name = 'WipeFailedError';
  }
}

/**
 * Deletes everything in `targets`. Every step runs even when an earlier one
 * fails, then `WipeFailedError` lists what failed.
 */
export async function wipeLocalData(targets: WipeTargets): Promise<void> {
  const failures: string[] = [];
  const step = async (name: string, action: () => Promise<unknown>) => {
    try {
      await action();
    } catch (error) {
      failures.push(`${name} (${String(error)})`);
    }
  };

  // Without `storages`, Electron clears every storage type of every origin.
  await step('clearing the browser storage', () =>
    targets.session.clearStorageData(),
  );
  await step('clearing the HTTP cache', () => targets.session.clearCache());

  for (const file of targets.files) {
    await step(`deleting ${file}`, () => rm(file, { force: true }));
    await step(`deleting ${file}.tmp`, () =>
      rm(`${file}.tmp`, { force: true }),
    );
  }

  await step(`deleting the log files in ${targets.logFolder}`, () =>
    deleteLogFiles(targets.logFolder),
  );

  if (failures.length > 0) {
    const error = new WipeFailedError(failures);
    log.error(error.message);
    throw error;
  }
  log.info('local data wiped at kiosk sign-out');
}

async function deleteLogFiles(folder: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return;
    }
    throw error;
  }
  // electron-log 5 opens main.log for each write (flag 'a'), so the line
  // that reports the wipe starts a new log.
  for (const name of names.filter((entry) => entry.endsWith('.log'))) {
    await rm(path.join(folder, name), { force: true });
  }
}
