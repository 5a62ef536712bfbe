import { describe, expect, it } from 'vitest';

import {
  CONFIG_ELEMENT_ID,
  injectPageConfig,
  serializeForScriptElement,
} from '../../../../server/client-host/page-config';
import { CONFIG_ELEMENT_ID as RENDERER_CONFIG_ELEMENT_ID } from '../../../../renderer/bridge/browser-config';

const BUILT_PAGE = `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <script type="module" crossorigin src="./assets/index-CxpUUIkf.js"></script>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;

/** Returns the text of the configuration element, as the browser reads it. */
function configTextOf(html: string): string {
  const match =
    /<script type="application\/json" id="copydesk-config">(.*?)<\/script>/s.exec(
      html,
    );
  if (match === null) {
    throw new Error(`no configuration element in ${html}`);
  }
  return match[1]!;
}

describe('serializeForScriptElement', () => {
  it('escapes characters that could end the script element', () => {
    const text = serializeForScriptElement({
      note: '</script><script>alert(1)</script><!-- & -->',
    });

    expect(text).not.toContain('<');
    expect(text).not.toContain('>');
    expect(text).not.toContain('&');
    expect(text).toContain('\\u003c/script\\u003e');
  });

  it('escapes the JavaScript line separators', () => {
    const text = serializeForScriptElement({ note: 'a\u2028b\u2029c' });

    expect(text).toBe('{"note":"a\\u2028b\\u2029c"}');
  });

  it('parses back to the same value', () => {
    const value = {
      serverUrl: 'https://copydesk.example.org',
      note: '</script> <!-- & \u2028 é',
    };

    expect(JSON.parse(serializeForScriptElement(value))).toEqual(value);
  });
});

describe('injectPageConfig', () => {
  it('uses the id the web client reads', () => {
    expect(CONFIG_ELEMENT_ID).toBe(RENDERER_CONFIG_ELEMENT_ID);
  });

  it('puts the element first in the head', () => {
    const page = injectPageConfig(BUILT_PAGE, {
      serverUrl: 'http://127.0.0.1:8080',
    });

    const head = page.indexOf('<head>');
    const config = page.indexOf(`id="${CONFIG_ELEMENT_ID}"`);
    const meta = page.indexOf('<meta charset');
    expect(head).toBeGreaterThan(-1);
    expect(config).toBeGreaterThan(head);
    expect(config).toBeLessThan(meta);
  });

  it('carries the server URL as JSON', () => {
    const page = injectPageConfig(BUILT_PAGE, {
      serverUrl: 'http://127.0.0.1:8080',
    });

    expect(JSON.parse(configTextOf(page))).toEqual({
      serverUrl: 'http://127.0.0.1:8080',
    });
  });

  it('keeps the rest of the page unchanged', () => {
    const page = injectPageConfig(BUILT_PAGE, { serverUrl: 'https://a.org' });
    const element = `\n    <script type="application/json" id="${CONFIG_ELEMENT_ID}">${configTextOf(page)}</script>`;

    expect(page.replace(element, '')).toBe(BUILT_PAGE);
  });

  it('escapes a value that tries to close the element', () => {
    const page = injectPageConfig(BUILT_PAGE, {
      serverUrl: 'https://a.org/</script><script>alert(1)</script>',
    });

    expect(page.match(/<script/g)).toHaveLength(2);
    expect(JSON.parse(configTextOf(page))).toEqual({
      serverUrl: 'https://a.org/</script><script>alert(1)</script>',
    });
  });

  it('finds a head tag with attributes', () => {
    const page = injectPageConfig('<html><HEAD lang="fr"><title>x</title>', {
      serverUrl: 'https://a.org',
    });

    expect(page).toMatch(/^<html><HEAD lang="fr">\n {4}<script /);
  });

  it('does not mistake a header element for the head', () => {
    const page = injectPageConfig(
      '<!doctype html><body><header>x</header></body>',
      { serverUrl: 'https://a.org' },
    );

    expect(page).toMatch(/^<!doctype html><script type="application\/json"/);
  });

  it('puts the element after the doctype of a page without head', () => {
    const page = injectPageConfig('<!DOCTYPE html>\n<p>x</p>', {
      serverUrl: 'https://a.org',
    });

    expect(page.startsWith('<!DOCTYPE html><script')).toBe(true);
    expect(page.endsWith('</script>\n<p>x</p>')).toBe(true);
  });
});
