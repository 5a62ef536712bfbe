/** Parsing of the benchmarks' command-line options. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** An invalid command-line option; the message names it and the fix. */
export class OptionsError extends Error {}

/** Parses a whole number from `min` to `max`, or raises `OptionsError`. */
export function readInteger(
  name: string,
  text: string,
  min: number,
  max: number,
): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new OptionsError(
      `${name} "${text}" is invalid: use a whole number from ${min} to ${max}`,
    );
  }
  return value;
}

/**
 * Parses `args` against `options` with `node:util`'s `parseArgs`, strictly
 * and without positionals. Raises `OptionsError` naming the bad option.
 */
export function parseBenchArgs<
  T extends NonNullable<ParseArgsConfig['options']>,
>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new OptionsError(
      `${(error as Error).message}. Run with --help for the options.`,
    );
  }
}

/** Parses a scan resolution, 150 or 300 dpi, or raises `OptionsError`. */
export function readDpi(name: string, text: string): 150 | 300 {
  const dpi = readInteger(name, text, 150, 300);
  if (dpi !== 150 && dpi !== 300) {
    throw new OptionsError(`${name} ${dpi} is invalid: use 150 or 300`);
  }
  return dpi;
}

/**
 * Parses the command line with `parse`. Prints `help` and returns null for
 * --help; prints an invalid option's message and exits with status 2.
 */
export function readOptionsOrExit<Options>(
  command: string,
  parse: (args: string[]) => Options | null,
  help: string,
): Options | null {
  let options: Options | null;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    if (error instanceof OptionsError) {
      console.error(`${command}: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  if (options === null) {
    process.stdout.write(help);
  }
  return options;
}
