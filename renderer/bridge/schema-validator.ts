/**
 * Validators for the renderer that never evaluate generated code.
 *
 * TypeBox's `Compile` builds each check with `new Function` and, to find
 * out whether it may, calls it once (typebox 1.4). The app's CSP forbids
 * eval, so every page load would report a CSP violation. `Value.Check`
 * walks the schema instead, which is fast enough for bridge payloads.
 */
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';

export interface SchemaValidator<Schema extends TSchema> {
  Check(value: unknown): value is Static<Schema>;
  /** The validation errors of `value`, empty when it is valid. */
  Errors(value: unknown): { instancePath: string; message: string }[];
}

export function createValidator<Schema extends TSchema>(
  schema: Schema,
): SchemaValidator<Schema> {
  return {
    Check: (value: unknown): value is Static<Schema> =>
      Value.Check(schema, value),
    Errors: (value) => Value.Errors(schema, value),
  };
}
