/**
 * The configuration element that the web client reads on start:
 * `<script type="application/json" id="copydesk-config">`, with the keys of
 * the managed settings. A key the page sets is locked in the client.
 */

/** Must match `CONFIG_ELEMENT_ID` in renderer/bridge/browser-config.ts. */
export const CONFIG_ELEMENT_ID = 'copydesk-config';

/**
 * Characters escaped in the JSON text. `<` could close the script element
 * (`</script>`) or open a comment (`<!--`), and U+2028 and U+2029 end a line
 * in older JavaScript parsers. JSON.parse reads the escapes back unchanged.
 */
const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;

/** Serializes `value` as JSON that is safe inside a script element. */
export function serializeForScriptElement(value: unknown): string {
  return JSON.stringify(value).replace(
    UNSAFE_IN_SCRIPT,
    (character) =>
      `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const HEAD_START_TAG = /<head(?:\s[^>]*)?>/i;
const DOCTYPE = /^\s*<!doctype[^>]*>/i;

/**
 * Inserts the configuration element at the start of the page's `<head>`, so
 * it comes before any other element with the same id. A page without a
 * `<head>` tag gets it after the doctype, where the HTML parser opens the
 * head element itself.
 */
export function injectPageConfig(
  html: string,
  config: Record<string, unknown>,
): string {
  const element = `<script type="application/json" id="${CONFIG_ELEMENT_ID}">${serializeForScriptElement(config)}</script>`;

  const head = HEAD_START_TAG.exec(html);
  if (head !== null) {
    const end = head.index + head[0].length;
    return `${html.slice(0, end)}\n    ${element}${html.slice(end)}`;
  }

  const doctype = DOCTYPE.exec(html);
  const end = doctype === null ? 0 : doctype[0].length;
  return `${html.slice(0, end)}${element}${html.slice(end)}`;
}
