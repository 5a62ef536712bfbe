import { describe, expect, it } from 'vitest';

import { ReceivedBytes } from '../../../../../renderer/core/download/received-bytes';
import { sha256Hex } from '../../../../../renderer/core/download/sha256';

function bytes(...values: number[]): Uint8Array<ArrayBuffer> {
  return new Uint8Array(values);
}

describe('ReceivedBytes', () => {
  it('starts empty', () => {
    const received = new ReceivedBytes();

    expect(received.size).toBe(0);
    expect(Array.from(received.toBytes())).toEqual([]);
  });

  it('starts from a partial download', () => {
    const received = new ReceivedBytes(bytes(1, 2, 3));

    received.append(bytes(4, 5));

    expect(received.size).toBe(5);
    expect(Array.from(received.toBytes())).toEqual([1, 2, 3, 4, 5]);
  });

  it('joins chunks in order', () => {
    const received = new ReceivedBytes();
    received.append(bytes(1));
    received.append(bytes(2, 3));
    received.append(bytes(4, 5, 6));

    expect(Array.from(received.toBytes())).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('ignores empty chunks', () => {
    const received = new ReceivedBytes(new Uint8Array(0));
    received.append(new Uint8Array(0));

    expect(received.size).toBe(0);
  });

  it('returns a single chunk without copying', () => {
    const chunk = bytes(7, 8, 9);
    const received = new ReceivedBytes(chunk);

    expect(received.toBytes()).toBe(chunk);
  });

  it('keeps bytes returned earlier unchanged', () => {
    const received = new ReceivedBytes(bytes(1, 2));
    received.append(bytes(3));
    const first = received.toBytes();

    received.append(bytes(4));
    const second = received.toBytes();

    expect(Array.from(first)).toEqual([1, 2, 3]);
    expect(Array.from(second)).toEqual([1, 2, 3, 4]);
  });

  it('joins views into larger buffers by their own bytes', () => {
    const buffer = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]);
    const received = new ReceivedBytes(buffer.subarray(2, 4));
    received.append(buffer.subarray(6));

    expect(Array.from(received.toBytes())).toEqual([2, 3, 6, 7]);
  });

  it('hashes the same as the whole scan', async () => {
    const scan = new TextEncoder().encode('%PDF-1.7 resumed in three parts');
    const received = new ReceivedBytes(scan.slice(0, 5));
    received.append(scan.slice(5, 12));
    received.append(scan.slice(12));

    expect(await sha256Hex(received.toBytes())).toBe(await sha256Hex(scan));
  });
});

describe('sha256Hex', () => {
  it('hashes the empty input', async () => {
    expect(await sha256Hex(new Uint8Array(0))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('hashes only the bytes of a view', async () => {
    const buffer = new TextEncoder().encode('xxabcxx');

    expect(await sha256Hex(buffer.subarray(2, 5))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
