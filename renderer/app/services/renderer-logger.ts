/**
 * Loggers of the renderer. Each line goes to the main process through the
 * bridge (`log:write`), which writes it to the app's log file, prefixed
 * with the logger's name.
 */
import type { CopydeskBridge } from '../../../shared/ipc/contract';
import type { LogFields, Logger } from '../../core/download/logger';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** Formats fields as `key=value` pairs after the message. */
function formatLine(message: string, fields: LogFields | undefined): string {
  if (fields === undefined) {
    return message;
  }
  const pairs = Object.entries(fields).map(
    ([key, value]) => `${key}=${JSON.stringify(value)}`,
  );
  return pairs.length === 0 ? message : `${message} ${pairs.join(' ')}`;
}

/** Creates the logger named `name`, such as `download` or `session`. */
export function createRendererLogger(
  bridge: Pick<CopydeskBridge, 'log'>,
  name: string,
): Logger {
  const write = (level: Level) => (message: string, fields?: LogFields) => {
    bridge.log
      .write({ logger: name, level, message: formatLine(message, fields) })
      .catch((error: unknown) => {
        // The main process is the only log sink: fall back to the console
        // rather than lose the line.
        console.error(`[${name}] log:write failed: ${String(error)}`);
      });
  };

  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
}
