/**
 * Denies every web permission (camera, microphone, notifications,
 * geolocation, clipboard reads, USB and the rest) to every page of the app.
 * The renderer needs none of them, so a script injected into it gets none.
 */
import type { Session } from 'electron';

import { createLogger } from './logger';

const log = createLogger('permissions');

type PermissionRequestHandler = NonNullable<
  Parameters<Session['setPermissionRequestHandler']>[0]
>;
type PermissionCheckHandler = NonNullable<
  Parameters<Session['setPermissionCheckHandler']>[0]
>;

// NOTE: `persistent-storage` is denied too, so `navigator.storage.persist()`
// resolves false in the app. Allow it here if the local store needs it.
export const denyPermissionRequest: PermissionRequestHandler = (
  _contents,
  permission,
  callback,
) => {
  log.warn(`denied a request for the "${permission}" permission`);
  callback(false);
};

export const denyPermissionCheck: PermissionCheckHandler = () => false;

/** Installs both deny-all handlers on `session`. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
}
