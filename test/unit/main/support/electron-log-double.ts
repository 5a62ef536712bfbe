/**
 * Stands in for `electron-log/main`, which loads the `electron` module.
 * Every line is recorded in `logLines` so tests can check what was logged.
 */

export interface LogLine {
  logger: string;
  level: 'error' | 'warn' | 'info' | 'verbose' | 'debug' | 'silly';
  text: string;
}

export const logLines: LogLine[] = [];

function scope(logger: string) {
  const write =
    (level: LogLine['level']) =>
    (...parts: unknown[]) => {
      logLines.push({ logger, level, text: parts.map(String).join(' ') });
    };

  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    verbose: write('verbose'),
    debug: write('debug'),
    silly: write('silly'),
    log: write('info'),
  };
}

export default { scope };
