/**
 * The payload check of the browser bridge: the same schemas of the IPC
 * contract that the main process checks, and the same error text.
 */
import { createValidator } from './schema-validator';

import {
  IPC_CONTRACT,
  type IpcChannel,
  type IpcPayload,
} from '../../shared/ipc/contract';

const validators = new Map(
  Object.entries(IPC_CONTRACT).map(([channel, call]) => [
    channel,
    createValidator(call.payload),
  ]),
);

/** Throws the error the main process would give for an invalid payload. */
export function checkPayload<C extends IpcChannel>(
  channel: C,
  payload: unknown,
): asserts payload is IpcPayload<C> {
  const validator = validators.get(channel);
  if (validator === undefined || validator.Check(payload)) {
    return;
  }

  const [first] = validator.Errors(payload);
  const where =
    first?.instancePath === '' ? 'payload' : `payload${first?.instancePath}`;
  throw new Error(
    `${channel} rejected: invalid payload (${where} ${first?.message ?? 'is invalid'})`,
  );
}
