/**
 * Denies every web permission (camera, microphone, notifications,
 * geolocation, clipboard reads, USB and the rest) to every page of the app,
 * so a script injected into it gets none. The one exception is
 * `persistent-storage` for the app's own main frame: the local store
 * requests it so the scans and marks are not evicted when the disk fills up.
 */
import type { Session } from 'electron';

import { isAppUrl } from './app-origin';
import { createLogger } from './logger';

const log = createLogger('permissions');

type PermissionRequestHandler = NonNullable<
  Parameters<Session['setPermissionRequestHandler']>[0]
>;
type PermissionCheckHandler = NonNullable<
  Parameters<Session['setPermissionCheckHandler']>[0]
>;

/** Tests whether the app's own page requests persistent storage. */
function isAppStorageRequest(
  permission: string,
  requestingUrl: string | undefined,
  isMainFrame: boolean | undefined,
): boolean {
  return (
    permission === 'persistent-storage' &&
    isMainFrame === true &&
    requestingUrl !== undefined &&
    isAppUrl(requestingUrl)
  );
}

export const denyPermissionRequest: PermissionRequestHandler = (
  _contents,
  permission,
  callback,
  details,
) => {
  if (
    isAppStorageRequest(permission, details.requestingUrl, details.isMainFrame)
  ) {
    callback(true);
    return;
  }
  log.warn(`denied a request for the "${permission}" permission`);
  callback(false);
};

export const denyPermissionCheck: PermissionCheckHandler = (
  _contents,
  permission,
  _requestingOrigin,
  details,
) =>
  isAppStorageRequest(permission, details.requestingUrl, details.isMainFrame);

/** Installs both deny-all handlers on `session`. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
}
