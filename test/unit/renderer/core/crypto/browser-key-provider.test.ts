import 'fake-indexeddb/auto';

import { afterEach, describe, expect, it } from 'vitest';

import { BrowserKeyProvider } from '../../../../../renderer/core/crypto/browser-key-provider';
import { RecordCipher } from '../../../../../renderer/core/crypto/record-cipher';

let databaseNumber = 0;
const providers: BrowserKeyProvider[] = [];

function openProvider(name: string): BrowserKeyProvider {
  const provider = new BrowserKeyProvider(name);
  providers.push(provider);
  return provider;
}

function freshName(): string {
  databaseNumber += 1;
  return `keys-${databaseNumber}`;
}

afterEach(() => {
  for (const provider of providers.splice(0)) {
    provider.close();
  }
});

describe('BrowserKeyProvider', () => {
  it('generates a non-extractable AES-256 key', async () => {
    const key = await openProvider(freshName()).getKey();

    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect(key.usages.sort()).toEqual(['decrypt', 'encrypt']);
  });

  it('keeps the key across reopening', async () => {
    const name = freshName();
    const record = { kind: 'grade', id: 'c1' } as const;
    const first = new RecordCipher(openProvider(name));
    const encrypted = await first.encryptJson(record, { q1: 2 });

    const second = new RecordCipher(openProvider(name));

    expect(await second.decryptJson(record, encrypted)).toEqual({ q1: 2 });
  });

  it('agrees on one key when opened twice at once', async () => {
    const name = freshName();
    const record = { kind: 'grade', id: 'c1' } as const;
    const [keyA, keyB] = await Promise.all([
      openProvider(name).getKey(),
      openProvider(name).getKey(),
    ]);
    const cipherA = new RecordCipher({ getKey: async () => keyA });
    const cipherB = new RecordCipher({ getKey: async () => keyB });

    const encrypted = await cipherA.encryptJson(record, 'same key');

    expect(await cipherB.decryptJson(record, encrypted)).toBe('same key');
  });
});
