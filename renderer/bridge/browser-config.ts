/**
 * The configuration of the browser build, the counterpart of the policy
 * file. The page that serves the app may fix it in a JSON script element,
 * `<script type="application/json" id="copydesk-config">`, with the keys of
 * `ManagedSettings`. A key the page sets is locked, as under a policy.
 *
 * When the page sets no server, the `server` query parameter may name one
 * (`?server=http://127.0.0.1:3000`), for development and tests. The bridge
 * contract has no field for a suggested value, so that server is locked too.
 * A deployed page should fix its server: otherwise a link can point the app
 * at another server, which would then receive the examiner's password.
 */
import { createValidator } from './schema-validator';

import { ManagedSettings } from '../../shared/ipc/contract';
import { isAllowedServiceUrl } from '../../shared/service-url';

export const CONFIG_ELEMENT_ID = 'copydesk-config';
export const SERVER_QUERY_PARAMETER = 'server';

const validator = createValidator(ManagedSettings);

/**
 * Tests whether `text` is a server address the app may call: https, or
 * http on a loopback host, with no user name or password.
 */
export function isAllowedServerUrl(text: string): boolean {
  return isAllowedServiceUrl(text, true);
}

/**
 * Parses the page's JSON configuration. Throws an error naming the key when
 * the document does not match `ManagedSettings` or its server URL is not
 * allowed. A null `text` means the page sets nothing.
 */
export function parsePageConfig(text: string | null): ManagedSettings {
  if (text === null || text.trim() === '') {
    return {};
  }

  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `#${CONFIG_ELEMENT_ID} is not valid JSON (${(error as Error).message}): fix the page's configuration`,
    );
  }

  if (!validator.Check(document)) {
    const [first] = validator.Errors(document);
    const where =
      first?.instancePath === '' ? 'the object' : first?.instancePath;
    throw new Error(
      `#${CONFIG_ELEMENT_ID} is invalid at ${where}: ${first?.message ?? 'unknown error'}`,
    );
  }

  const settings = document as ManagedSettings;
  if (
    settings.serverUrl !== undefined &&
    !isAllowedServerUrl(settings.serverUrl)
  ) {
    throw new Error(
      `#${CONFIG_ELEMENT_ID}: serverUrl ${JSON.stringify(settings.serverUrl)} must be an https:// address (http:// only for localhost)`,
    );
  }
  return settings;
}

/**
 * Combines the page's configuration with the `server` query parameter of
 * `search` (`location.search`). The query parameter is ignored when the
 * page fixes a server, so a link cannot point a deployed app at another
 * server, and ignored when it is not an allowed address.
 */
export function readBrowserConfig(
  pageConfigText: string | null,
  search: string,
): ManagedSettings {
  const settings = parsePageConfig(pageConfigText);

  if (settings.serverUrl !== undefined) {
    return settings;
  }

  const fromQuery = new URLSearchParams(search).get(SERVER_QUERY_PARAMETER);
  if (fromQuery === null || !isAllowedServerUrl(fromQuery)) {
    return settings;
  }
  return { ...settings, serverUrl: fromQuery };
}
