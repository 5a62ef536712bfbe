/**
 * Start-up errors and stop signals of the server commands.
 */
import { ConfigError } from '../config';

/** Maximum wait for a clean stop after SIGTERM or SIGINT, milliseconds. */
export const STOP_TIMEOUT_MS = 25_000;

/**
 * Prints why the server could not start, on one line, and returns the exit
 * code: 2 for a setting to fix, 1 for anything else.
 */
export function reportStartupError(program: string, error: unknown): number {
  if (error instanceof ConfigError) {
    console.error(`${program}: ${error.message}`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`${program}: failed to start: ${message}`);
  return 1;
}

/**
 * Stops cleanly on SIGTERM or SIGINT: `close` lets running requests finish.
 * A stop that takes longer than `STOP_TIMEOUT_MS`, or a second signal,
 * exits at once.
 */
export function stopOnSignals(
  program: string,
  close: () => Promise<void>,
): void {
  let stopping = false;

  const stop = (signal: string) => {
    if (stopping) {
      console.error(`${program}: ${signal} received again, exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.error(`${program}: ${signal} received, stopping`);

    const timer = setTimeout(() => {
      console.error(
        `${program}: requests still running after ${STOP_TIMEOUT_MS / 1000} s, exiting`,
      );
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    timer.unref();

    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`${program}: failed to stop cleanly:`, error);
        process.exit(1);
      },
    );
  };

  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
