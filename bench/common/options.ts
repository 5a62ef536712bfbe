/** Parsing of the benchmarks' command-line options. */

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
