/**
 * The rule for addresses the desktop client calls (the grading server, the
 * update server): https, or plain http only on a loopback host where that is
 * allowed, and never with a user name or password in the URL.
 */

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** Tests whether `text` is an address the client may call. */
export function isAllowedServiceUrl(
  text: string,
  allowLoopbackHttp: boolean,
): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }

  if (url.username !== '' || url.password !== '') {
    return false;
  }
  if (url.protocol === 'https:') {
    return true;
  }
  return (
    allowLoopbackHttp &&
    url.protocol === 'http:' &&
    LOOPBACK_HOSTS.includes(url.hostname)
  );
}
