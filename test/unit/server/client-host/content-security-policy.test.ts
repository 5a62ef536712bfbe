import { describe, expect, it } from 'vitest';

import { buildClientContentSecurityPolicy } from '../../../../server/client-host/content-security-policy';

function directivesOf(policy: string): Map<string, string> {
  const directives = new Map<string, string>();
  for (const directive of policy.split('; ')) {
    const [name = '', ...sources] = directive.split(' ');
    directives.set(name, sources.join(' '));
  }
  return directives;
}

describe('buildClientContentSecurityPolicy', () => {
  const policy = buildClientContentSecurityPolicy(
    'https://copydesk.example.org',
  );
  const directives = directivesOf(policy);

  it('defaults to the page origin', () => {
    expect(directives.get('default-src')).toBe("'self'");
  });

  it('allows WebAssembly but no inline script', () => {
    expect(directives.get('script-src')).toBe("'self' 'wasm-unsafe-eval'");
  });

  it('allows the server origin in connect-src', () => {
    expect(directives.get('connect-src')).toBe(
      "'self' https://copydesk.example.org",
    );
  });

  it('allows styles, fonts and workers from the page origin', () => {
    expect(directives.get('style-src')).toBe("'self'");
    expect(directives.get('font-src')).toBe("'self'");
    expect(directives.get('worker-src')).toBe("'self'");
  });

  it('allows blob and data images for scans', () => {
    expect(directives.get('img-src')).toBe("'self' blob: data:");
  });

  it('forbids plugins, frames, base and form changes', () => {
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
  });

  it('never allows unsafe-inline or unsafe-eval', () => {
    expect(policy).not.toContain("'unsafe-inline'");
    expect(policy).not.toContain("'unsafe-eval'");
  });
});
