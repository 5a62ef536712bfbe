/**
 * The Content-Security-Policy of the web client's HTML pages. It matches the
 * desktop app's policy: scripts, styles, workers and WebAssembly come only
 * from the page's own origin, and the only other origin the page may reach
 * is the grading server.
 *
 * TODO: the desktop app builds the same policy in its main process. Both
 * builders should move to one module in shared/ so the two cannot drift.
 */

/**
 * Builds the policy for a page that calls the grading server at
 * `serverOrigin`, an origin such as `https://copydesk.example.org` that the
 * caller has already checked.
 */
export function buildClientContentSecurityPolicy(serverOrigin: string): string {
  const directives = [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets the OCR engine (tesseract.js) compile its
    // WebAssembly core. It does not allow eval() of JavaScript.
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    // Scan pages and thumbnails are shown from blob: URLs of stored Blobs.
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self' ${serverOrigin}`,
    "worker-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  return directives.join('; ');
}
