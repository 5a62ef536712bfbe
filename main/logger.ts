/**
 * One named logger per subsystem of the main process (`ipc`, `vault`,
 * `navigation` ...). electron-log prefixes each line with the name and
 * writes it to the console and to `main.log` in the app's log folder.
 */
import log from 'electron-log/main';

export type Logger = ReturnType<typeof log.scope>;

export function createLogger(name: string): Logger {
  return log.scope(name);
}
