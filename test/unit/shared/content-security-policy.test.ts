import { describe, expect, it } from 'vitest';

import {
  buildContentSecurityPolicy,
  REACT_ARIA_PRESSABLE_STYLE_HASH,
} from '../../../shared/content-security-policy';

function directivesOf(policy: string): Map<string, string> {
  const directives = new Map<string, string>();
  for (const directive of policy.split('; ')) {
    const [name = '', ...sources] = directive.split(' ');
    directives.set(name, sources.join(' '));
  }
  return directives;
}

describe('buildContentSecurityPolicy', () => {
  const directives = directivesOf(
    buildContentSecurityPolicy('https://copydesk.example.org/api/v1'),
  );

  it('defaults to the app itself', () => {
    expect(directives.get('default-src')).toBe("'self'");
  });

  it('allows WebAssembly but no inline script or eval', () => {
    expect(directives.get('script-src')).toBe("'self' 'wasm-unsafe-eval'");
  });

  it('allows the server origin in connect-src', () => {
    expect(directives.get('connect-src')).toBe(
      "'self' https://copydesk.example.org",
    );
  });

  it('allows workers from the app only', () => {
    expect(directives.get('worker-src')).toBe("'self'");
  });

  it('forbids plugins, framing and base changes', () => {
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-src')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
  });

  it('never allows unsafe-inline or unsafe-eval', () => {
    const policy = buildContentSecurityPolicy('https://copydesk.example.org');

    expect(policy).not.toContain("'unsafe-inline'");
    expect(policy).not.toContain("'unsafe-eval'");
  });

  it('keeps the port of a local server', () => {
    const local = directivesOf(
      buildContentSecurityPolicy('http://127.0.0.1:8080'),
    );

    expect(local.get('connect-src')).toBe("'self' http://127.0.0.1:8080");
  });

  it('allows only the app when no server is set', () => {
    const none = directivesOf(buildContentSecurityPolicy(null));

    expect(none.get('connect-src')).toBe("'self'");
  });

  it.each([
    ['not a URL', 'copydesk.example.org'],
    ['ftp', 'ftp://copydesk.example.org'],
    ['javascript', 'javascript:alert(1)'],
    ['a header injection', "https://a.example; script-src 'unsafe-inline'"],
  ])('rejects a server URL that is %s', (_case, serverUrl) => {
    expect(() => buildContentSecurityPolicy(serverUrl)).toThrow(/server URL/);
  });
});

describe('React Aria style hash', () => {
  it('matches the style react-aria injects', async () => {
    const { createHash } = await import('node:crypto');
    const { readFile } = await import('node:fs/promises');
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const source = await readFile(
      require
        .resolve('react-aria/package.json')
        .replace(/package\.json$/, 'dist/private/interactions/usePress.mjs'),
      'utf8',
    );

    // The element's text is a template literal that the code trims.
    const template = /style\.textContent = `([^`]*)`\.trim\(\)/.exec(source);
    expect(template, 'usePress no longer injects a style').not.toBeNull();
    const text = template![1]!
      .trim()
      .replace(/\$\{[^}]*PRESSABLE_ATTRIBUTE\}/, 'data-react-aria-pressable');
    const hash = createHash('sha256').update(text).digest('base64');

    expect(REACT_ARIA_PRESSABLE_STYLE_HASH).toBe(`'sha256-${hash}'`);
  });

  it('allows the hash in style-src', () => {
    const policy = directivesOf(buildContentSecurityPolicy(null));

    expect(policy.get('style-src')).toBe(
      `'self' ${REACT_ARIA_PRESSABLE_STYLE_HASH}`,
    );
  });
});
