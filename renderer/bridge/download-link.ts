/**
 * Saves text as a file in a plain browser: a Blob behind an `a[download]`
 * link that is clicked once. The browser decides where the file goes and
 * may ask the user, but it does not report to the page whether the user cancelled.
 */

/** Delay before the Blob URL is revoked, in milliseconds. */
export const REVOKE_DELAY_MS = 60_000;

/** The parts of `document` the download needs, so Node tests can pass a fake. */
export interface DownloadDocument {
  createElement(tagName: 'a'): {
    href: string;
    download: string;
    click(): void;
    remove(): void;
  };
  body: { append(node: unknown): void };
}

/** The parts of `URL` the download needs. */
export interface ObjectUrlApi {
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
}

/** Starts the download of `content` as `fileName`, typed `mediaType`. */
export function downloadText(
  content: string,
  fileName: string,
  mediaType: string,
  document: DownloadDocument,
  urls: ObjectUrlApi = URL,
): void {
  const blob = new Blob([content], { type: mediaType });
  const url = urls.createObjectURL(blob);

  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;

  // The link is attached while it is clicked, because some browsers
  // (older Firefox versions) ignore a click on a detached link.
  document.body.append(link);
  link.click();
  link.remove();

  // The browser may still read the Blob after `click()` returns, so the URL
  // is revoked after a delay, not at once.
  setTimeout(() => urls.revokeObjectURL(url), REVOKE_DELAY_MS);
}
