/**
 * One named logger per subsystem of the main process (`ipc`, `vault`,
 * `navigation` ...). electron-log prefixes each line with the name and
 * writes it to the console and to `main.log` in the app's log folder.
 */
import path from 'node:path';

import log from 'electron-log/main';

export type Logger = ReturnType<typeof log.scope>;

export function createLogger(name: string): Logger {
  return log.scope(name);
}

/** Returns the folder of the log files (`main.log` and its rotated copies). */
export function logFolder(): string {
  return path.dirname(log.transports.file.getFile().path);
}
