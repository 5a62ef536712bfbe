import { describe, expect, it } from 'vitest';

import { createImportedKeyProvider } from '../../../../../renderer/core/crypto/key-provider';
import { MemoryKeyProvider } from '../../../../../renderer/core/crypto/memory-key-provider';
import {
  RecordCipher,
  RecordDecryptionError,
  type RecordRef,
} from '../../../../../renderer/core/crypto/record-cipher';

const gradeOfC1: RecordRef = { kind: 'grade', id: 'c1' };
const plaintext = new TextEncoder().encode('marks: q1 = 3.5');

function bytesOf(buffer: ArrayBuffer): number[] {
  return Array.from(new Uint8Array(buffer));
}

describe('RecordCipher', () => {
  it('decrypts what it encrypted', async () => {
    const cipher = new RecordCipher(new MemoryKeyProvider());

    const encrypted = await cipher.encrypt(gradeOfC1, plaintext);
    const decrypted = await cipher.decrypt(gradeOfC1, encrypted);

    expect(bytesOf(decrypted)).toEqual(Array.from(plaintext));
  });

  it('round-trips JSON values', async () => {
    const cipher = new RecordCipher(new MemoryKeyProvider());
    const grade = { marks: { q1: 3.5 }, comment: 'Très bien', flags: [] };

    const encrypted = await cipher.encryptJson(gradeOfC1, grade);

    expect(await cipher.decryptJson(gradeOfC1, encrypted)).toEqual(grade);
  });

  it('uses a fresh 96-bit IV per record', async () => {
    const cipher = new RecordCipher(new MemoryKeyProvider());

    const first = await cipher.encrypt(gradeOfC1, plaintext);
    const second = await cipher.encrypt(gradeOfC1, plaintext);

    expect(first.iv.byteLength).toBe(12);
    expect(Array.from(first.iv)).not.toEqual(Array.from(second.iv));
    expect(bytesOf(first.ciphertext)).not.toEqual(bytesOf(second.ciphertext));
  });

  it('rejects a wrong key naming the record', async () => {
    const writer = new RecordCipher(new MemoryKeyProvider());
    const reader = new RecordCipher(new MemoryKeyProvider());
    const encrypted = await writer.encrypt(gradeOfC1, plaintext);

    const failure = reader.decrypt(gradeOfC1, encrypted);

    await expect(failure).rejects.toBeInstanceOf(RecordDecryptionError);
    await expect(failure).rejects.toThrow('grade record "c1"');
  });

  it('rejects a tampered ciphertext', async () => {
    const cipher = new RecordCipher(new MemoryKeyProvider());
    const encrypted = await cipher.encrypt(gradeOfC1, plaintext);
    const tampered = new Uint8Array(encrypted.ciphertext.slice(0));
    tampered[0] = (tampered[0] ?? 0) ^ 0x01;

    const failure = cipher.decrypt(gradeOfC1, {
      iv: encrypted.iv,
      ciphertext: tampered.buffer,
    });

    await expect(failure).rejects.toThrow(RecordDecryptionError);
  });

  it('rejects a tampered IV', async () => {
    const cipher = new RecordCipher(new MemoryKeyProvider());
    const encrypted = await cipher.encrypt(gradeOfC1, plaintext);
    const iv = encrypted.iv.slice();
    iv[11] = (iv[11] ?? 0) ^ 0x80;

    const failure = cipher.decrypt(gradeOfC1, { ...encrypted, iv });

    await expect(failure).rejects.toThrow(RecordDecryptionError);
  });

  it('rejects a ciphertext moved to another record', async () => {
    const cipher = new RecordCipher(new MemoryKeyProvider());
    const encrypted = await cipher.encrypt(gradeOfC1, plaintext);

    const otherCopy = cipher.decrypt({ kind: 'grade', id: 'c2' }, encrypted);
    const otherKind = cipher.decrypt({ kind: 'ocr', id: 'c1' }, encrypted);

    await expect(otherCopy).rejects.toThrow('grade record "c2"');
    await expect(otherKind).rejects.toThrow('ocr record "c1"');
  });

  it('rejects a scan moved to another revision', async () => {
    const cipher = new RecordCipher(new MemoryKeyProvider());
    const revision1: RecordRef = {
      kind: 'scan',
      id: 'c1',
      bindings: [1, 'aa'],
    };
    const encrypted = await cipher.encrypt(revision1, plaintext);

    const failure = cipher.decrypt(
      { ...revision1, bindings: [2, 'aa'] },
      encrypted,
    );

    await expect(failure).rejects.toThrow('scan record "c1" (2, aa)');
  });

  it('keeps ids containing separators apart', async () => {
    const cipher = new RecordCipher(new MemoryKeyProvider());
    const joined: RecordRef = { kind: 'scan', id: 'c1', bindings: ['a,b'] };
    const split: RecordRef = { kind: 'scan', id: 'c1', bindings: ['a', 'b'] };
    const encrypted = await cipher.encrypt(joined, plaintext);

    await expect(cipher.decrypt(split, encrypted)).rejects.toThrow(
      RecordDecryptionError,
    );
  });
});

describe('createImportedKeyProvider', () => {
  it('imports raw bytes as a non-extractable key', async () => {
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const provider = createImportedKeyProvider(async () => raw);

    const key = await provider.getKey();

    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect(await provider.getKey()).toBe(key);
  });

  it('decrypts across providers given the same bytes', async () => {
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const writer = new RecordCipher(createImportedKeyProvider(async () => raw));
    const reader = new RecordCipher(createImportedKeyProvider(async () => raw));

    const encrypted = await writer.encrypt(gradeOfC1, plaintext);

    expect(bytesOf(await reader.decrypt(gradeOfC1, encrypted))).toEqual(
      Array.from(plaintext),
    );
  });

  it('rejects a key of the wrong length', async () => {
    const provider = createImportedKeyProvider(async () => new Uint8Array(16));

    await expect(provider.getKey()).rejects.toThrow(
      'expected 32 bytes, got 16',
    );
  });

  it('loads again after a failed load', async () => {
    const raw = crypto.getRandomValues(new Uint8Array(32));
    let calls = 0;
    const provider = createImportedKeyProvider(async () => {
      calls += 1;
      if (calls === 1) {
        throw new Error('vault locked');
      }
      return raw;
    });

    await expect(provider.getKey()).rejects.toThrow('vault locked');
    await expect(provider.getKey()).resolves.toBeDefined();
    expect(calls).toBe(2);
  });
});
