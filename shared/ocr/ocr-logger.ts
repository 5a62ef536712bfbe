/**
 * The logger that OCR code writes starts, recycles, timeouts and errors to.
 * It has the shape of the renderer's and the server's loggers, so either can
 * be passed. Fields carry ids, counts and durations, never scan text.
 */
export type OcrLogFields = Record<string, string | number | boolean | null>;

export interface OcrLogger {
  debug(message: string, fields?: OcrLogFields): void;
  info(message: string, fields?: OcrLogFields): void;
  warn(message: string, fields?: OcrLogFields): void;
  error(message: string, fields?: OcrLogFields): void;
}

/** A logger that drops every line, the default when none is given. */
export const SILENT_OCR_LOGGER: OcrLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
