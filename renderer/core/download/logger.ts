/**
 * The logger the download engine writes technical details to. The renderer
 * passes its logger named `download`, which forwards to the main process.
 * Fields carry ids, statuses, attempts and delays, never tokens or scan
 * bytes.
 */
export type LogFields = Record<string, string | number | boolean | null>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** A logger that drops every line, the default when none is given. */
export const SILENT_LOGGER: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
