/**
 * The script the benchmark runs in the app's page before a download. It
 * presses the batch's download button after a delay and watches the app's
 * console lines for the end of the batch download. Then it posts the
 * elapsed time with that line to the benchmark's server.
 *
 * It is source text rather than a function, because the TypeScript loader
 * may add helper calls to a compiled function that do not exist in the
 * page. DevTools evaluates it outside the page's Content-Security-Policy.
 */

/**
 * The body the script posts: the time from the press to the end line, or the
 * line that reports a download that failed to start.
 */
export type AppHookResult =
  { milliseconds: number; line: string } | { error: string };

export interface AppHookOptions {
  resultPath: string;
  delayMs: number;
  /** Start of the accessible name of the button to press. */
  buttonPrefix: string;
}

/**
 * Returns the script for `page.evaluate`; it throws in the page when the button
 * is missing.
 */
export function appHookScript(options: AppHookOptions): string {
  return `(() => {
  const options = ${JSON.stringify(options)};
  const button = Array.from(document.querySelectorAll('button')).find(
    (element) => (element.textContent || '').trim().startsWith(options.buttonPrefix),
  );
  if (button === undefined) {
    throw new Error('No button whose text starts with ' + options.buttonPrefix + ' is on the page');
  }

  let started = 0;
  let posted = false;
  const post = (body) => {
    if (posted) {
      return;
    }
    posted = true;
    fetch(options.resultPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  };
  const watch = (write) => (...parts) => {
    write.apply(console, parts);
    const text = parts.map(String).join(' ');
    if (text.startsWith('[download] batch download ended ')) {
      post({ milliseconds: performance.now() - started, line: text });
    } else if (text.includes('[download] batch download could not start')) {
      post({ error: text });
    }
  };
  console.info = watch(console.info);
  console.warn = watch(console.warn);

  setTimeout(() => {
    started = performance.now();
    button.click();
  }, options.delayMs);
})()`;
}
