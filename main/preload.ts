/**
 * The preload script of the app window. It runs sandboxed, so it may use
 * only `contextBridge` and `ipcRenderer` from `electron`, and it exposes one
 * object to the page: `window.copydesk`, one method per IPC channel.
 *
 * The object is written out by hand and `satisfies CopydeskBridge`, so the
 * type checker rejects a missing, extra or mistyped method. It imports only
 * types from the contract, so TypeBox stays out of the preload bundle.
 */
import { contextBridge, ipcRenderer } from 'electron';

import type {
  CopydeskBridge,
  IpcChannel,
  IpcPayload,
  IpcResult,
} from '../shared/ipc/contract';

/** Returns a bridge method that sends its payload on `channel`. */
function invoker<C extends IpcChannel>(channel: C) {
  return (payload?: IpcPayload<C>): Promise<IpcResult<C>> =>
    ipcRenderer.invoke(channel, payload);
}

export const bridge = {
  vault: {
    getRefreshToken: invoker('vault:get-refresh-token'),
    setRefreshToken: invoker('vault:set-refresh-token'),
    clear: invoker('vault:clear'),
    getStorageKey: invoker('vault:get-storage-key'),
  },
  config: {
    get: invoker('config:get'),
  },
  settings: {
    get: invoker('settings:get'),
    set: invoker('settings:set'),
  },
  app: {
    getInfo: invoker('app:get-info'),
  },
  kiosk: {
    getState: invoker('kiosk:get-state'),
    authorizeQuit: invoker('kiosk:authorize-quit'),
    quit: invoker('kiosk:quit'),
    wipeAndRestart: invoker('kiosk:wipe-and-restart'),
  },
  update: {
    getStatus: invoker('update:get-status'),
    install: invoker('update:install'),
  },
  file: {
    export: invoker('file:export'),
  },
  log: {
    write: invoker('log:write'),
  },
} satisfies CopydeskBridge;

contextBridge.exposeInMainWorld('copydesk', bridge);
