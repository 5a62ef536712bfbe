import { describe, expect, it } from 'vitest';

import { UnlockVerifier } from '../../../../../renderer/core/kiosk/unlock-verifier';

describe('UnlockVerifier', () => {
  it('accepts the sign-in password', async () => {
    const verifier = await UnlockVerifier.create('Correct horse 42');

    expect(await verifier.matches('Correct horse 42')).toBe(true);
  });

  it('rejects other passwords', async () => {
    const verifier = await UnlockVerifier.create('Correct horse 42', 1000);

    expect(await verifier.matches('correct horse 42')).toBe(false);
    expect(await verifier.matches('Correct horse 42 ')).toBe(false);
    expect(await verifier.matches('')).toBe(false);
  });

  it('treats composed accents alike', async () => {
    const verifier = await UnlockVerifier.create('\u00e9l\u00e8ve', 1000);

    expect(await verifier.matches('e\u0301le\u0300ve')).toBe(true);
  });
});
