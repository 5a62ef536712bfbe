/**
 * The Content-Security-Policy of the renderer's HTML pages, sent by the
 * desktop app's `app://` protocol and by the server that hosts the web
 * build. Scripts, styles, workers and WebAssembly come only from the app
 * itself, and the only network origin the page may reach is the grading
 * server.
 */

/**
 * SHA-256 of the one `<style>` element React Aria adds at run time: its
 * press handling (`usePress` in react-aria 3.53) sets `touch-action` on
 * pressable elements so a tap on a tablet is not delayed. The hash allows
 * that exact text and no other inline style. A unit test recomputes it from
 * the installed react-aria, so an upgrade that changes the text fails there.
 */
export const REACT_ARIA_PRESSABLE_STYLE_HASH =
  "'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o='";

/**
 * Builds the policy for a renderer that talks to `serverUrl`, or to no
 * server at all when it is null (before the examiner has chosen one).
 * Throws when `serverUrl` is not an http(s) URL, since its origin would
 * otherwise be written into the header unchecked.
 */
export function buildContentSecurityPolicy(serverUrl: string | null): string {
  const connectSources = ["'self'"];
  if (serverUrl !== null) {
    connectSources.push(originOf(serverUrl));
  }

  const directives = [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets the OCR engine (tesseract.js) compile its
    // WebAssembly core. It does not allow eval() of JavaScript.
    "script-src 'self' 'wasm-unsafe-eval'",
    `style-src 'self' ${REACT_ARIA_PRESSABLE_STYLE_HASH}`,
    // Scan pages and thumbnails are shown from blob: URLs of stored Blobs.
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src ${connectSources.join(' ')}`,
    "worker-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  return directives.join('; ');
}

function originOf(serverUrl: string): string {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new Error(
      `server URL "${serverUrl}" is not a valid URL: set an address such as https://copydesk.example.org`,
    );
  }

  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(
      `server URL "${serverUrl}" must start with https:// to be allowed in the Content-Security-Policy`,
    );
  }
  return url.origin;
}
