/**
 * Registers the main process's IPC handlers behind a guard. A message
 * reaches its handler only when it comes from the main frame of the app's
 * own window, on an `app://copydesk/` page, with a payload that matches the
 * channel's schema in the IPC contract. Anything else is logged and rejected.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { Compile } from 'typebox/compile';

import {
  IPC_CONTRACT,
  isIpcChannel,
  type IpcChannel,
  type IpcPayload,
  type IpcResult,
} from '../shared/ipc/contract';
import { describeUrlForLog, isAppUrl } from './app-origin';
import { createLogger } from './logger';

const log = createLogger('ipc');

export type IpcHandler<C extends IpcChannel> = (
  payload: IpcPayload<C>,
  event: IpcMainInvokeEvent,
) => IpcResult<C> | Promise<IpcResult<C>>;

export interface IpcGuardOptions {
  /** Tells whether `sender` is the web contents of the app's own window. */
  isAppWindow: (sender: WebContents) => boolean;
}

/**
 * Registers `handler` for `channel` with `ipcMain.handle`, behind the guard.
 * Throws when `channel` is not in the IPC contract.
 */
export function handleIpc<C extends IpcChannel>(
  channel: C,
  handler: IpcHandler<C>,
  options: IpcGuardOptions,
): void {
  if (!isIpcChannel(channel)) {
    throw new Error(
      `cannot handle IPC channel "${channel}": it is not in the IPC contract, add it to shared/ipc/contract.ts first`,
    );
  }

  const validator = Compile(IPC_CONTRACT[channel].payload);

  ipcMain.handle(channel, async (event, ...args: unknown[]) => {
    const rejection = findRejection(channel, event, args, options, validator);
    if (rejection !== null) {
      throw new Error(`${channel} rejected: ${rejection}`);
    }

    try {
      return await handler(args[0] as IpcPayload<C>, event);
    } catch (error) {
      log.error(`${channel} failed: ${String(error)}`);
      throw error;
    }
  });
}

/**
 * Returns the reason to reject a message, or null when it may reach its
 * handler. Each check logs one line; payload values stay out of the log
 * because they may hold a refresh token.
 */
function findRejection(
  channel: IpcChannel,
  event: IpcMainInvokeEvent,
  args: unknown[],
  options: IpcGuardOptions,
  validator: ReturnType<typeof Compile>,
): string | null {
  const frame = event.senderFrame;
  if (frame === null) {
    log.warn(
      `rejected ${channel}: the sender frame was destroyed or navigated away`,
    );
    return 'sender frame is gone';
  }

  if (!options.isAppWindow(event.sender)) {
    log.warn(
      `rejected ${channel}: sent by web contents ${event.sender.id}, not the app window`,
    );
    return 'sender is not the app window';
  }

  if (frame.parent !== null) {
    log.warn(
      `rejected ${channel}: sent by a subframe at ${describeUrlForLog(frame.url)}`,
    );
    return 'sender is not the main frame';
  }

  if (!isAppUrl(frame.url)) {
    log.warn(
      `rejected ${channel}: sent from ${describeUrlForLog(frame.url)}, not app://copydesk`,
    );
    return 'sender is not on the app origin';
  }

  if (args.length > 1) {
    log.warn(
      `rejected ${channel}: ${args.length} arguments, expected at most 1`,
    );
    return 'too many arguments';
  }

  if (!validator.Check(args[0])) {
    const [first] = validator.Errors(args[0]);
    const where =
      first?.instancePath === '' ? 'payload' : `payload${first?.instancePath}`;
    log.warn(`rejected ${channel}: ${where} ${first?.message ?? 'is invalid'}`);
    return 'invalid payload';
  }

  return null;
}
