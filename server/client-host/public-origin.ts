/**
 * The origin the web client is served from, which is also the grading
 * server's origin that the page is locked to.
 */
import { isAllowedServiceUrl } from '../../shared/service-url';

/**
 * A host name or bracketed IPv6 address with an optional port, and nothing
 * else, because the origin goes into a response header and into the page.
 */
const HOST_HEADER_VALUE =
  /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * Returns the origin a browser uses for a request over `protocol` (`http`
 * or `https`) with the Host header `host`, such as `http://127.0.0.1:8080`,
 * or null when `host` is not a valid host.
 */
export function originOfRequest(protocol: string, host: string): string | null {
  if (!HOST_HEADER_VALUE.test(host)) {
    return null;
  }

  try {
    return new URL(`${protocol}://${host}`).origin;
  } catch {
    return null;
  }
}

/**
 * Tells whether the web client accepts `origin` as its server: https, or
 * http on a loopback host. A page served from another origin fails to
 * start. A plain http page on another host is not a secure context either,
 * so the browser gives it no Web Crypto, which the client's local store
 * needs.
 */
export function isUsableClientOrigin(origin: string): boolean {
  return isAllowedServiceUrl(origin, true);
}
