import { describe, expect, it } from 'vitest';

import { PageCache } from '../../../../../renderer/app/viewer/page-cache';

/** A stand-in for an ImageBitmap that records whether it was closed. */
class FakeBitmap {
  closed = false;

  constructor(readonly name: string) {}

  close(): void {
    this.closed = true;
  }
}

function cacheOf(maxEntries: number, maxBytes: number) {
  return new PageCache<FakeBitmap>({ maxEntries, maxBytes });
}

describe('PageCache', () => {
  it('evicts the least recently used past the entry limit', () => {
    const cache = cacheOf(2, 1000);
    const one = new FakeBitmap('1');
    const two = new FakeBitmap('2');
    const three = new FakeBitmap('3');

    cache.set('1', one, 10);
    cache.set('2', two, 10);
    cache.set('3', three, 10);

    expect(cache.has('1')).toBe(false);
    expect(one.closed).toBe(true);
    expect(cache.has('2')).toBe(true);
    expect(cache.has('3')).toBe(true);
    expect(cache.size).toBe(2);
    expect(cache.bytes).toBe(20);
  });

  it('a read makes an entry recent', () => {
    const cache = cacheOf(2, 1000);
    const one = new FakeBitmap('1');
    const two = new FakeBitmap('2');
    cache.set('1', one, 10);
    cache.set('2', two, 10);

    expect(cache.get('1')).toBe(one);
    cache.set('3', new FakeBitmap('3'), 10);

    expect(cache.has('1')).toBe(true);
    expect(cache.has('2')).toBe(false);
    expect(two.closed).toBe(true);
    expect(one.closed).toBe(false);
  });

  it('evicts past the byte limit', () => {
    const cache = cacheOf(10, 100);
    const bitmaps = [40, 40, 40].map((_, index) => new FakeBitmap(`${index}`));
    bitmaps.forEach((bitmap, index) => cache.set(`${index}`, bitmap, 40));

    expect(cache.size).toBe(2);
    expect(cache.bytes).toBe(80);
    expect(bitmaps[0]!.closed).toBe(true);
    expect(bitmaps[1]!.closed).toBe(false);
    expect(bitmaps[2]!.closed).toBe(false);
  });

  it('evicts several small entries for a big one', () => {
    const cache = cacheOf(10, 100);
    const small = [1, 2, 3, 4].map((index) => new FakeBitmap(`${index}`));
    small.forEach((bitmap) => cache.set(bitmap.name, bitmap, 25));
    const big = new FakeBitmap('big');

    cache.set('big', big, 60);

    expect(small.map((bitmap) => bitmap.closed)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(cache.bytes).toBe(85);
  });

  it('keeps an oversized newest entry alone', () => {
    const cache = cacheOf(10, 100);
    const old = new FakeBitmap('old');
    const huge = new FakeBitmap('huge');
    cache.set('old', old, 50);

    cache.set('huge', huge, 500);

    expect(cache.get('huge')).toBe(huge);
    expect(huge.closed).toBe(false);
    expect(old.closed).toBe(true);
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(500);

    const next = new FakeBitmap('next');
    cache.set('next', next, 10);
    expect(huge.closed).toBe(true);
    expect(cache.bytes).toBe(10);
  });

  it('evicts unwanted entries first', () => {
    const cache = cacheOf(3, 1000);
    const bitmaps = ['1', '2', '3', '4'].map((name) => new FakeBitmap(name));
    const wanted = new Set(['1', '3', '4']);
    for (const bitmap of bitmaps) {
      cache.set(bitmap.name, bitmap, 10, (key) => wanted.has(key));
    }

    expect(bitmaps.map((bitmap) => bitmap.closed)).toEqual([
      false,
      true,
      false,
      false,
    ]);
  });

  it('evicts wanted entries when nothing else is left', () => {
    const cache = cacheOf(2, 1000);
    const bitmaps = ['1', '2', '3'].map((name) => new FakeBitmap(name));
    for (const bitmap of bitmaps) {
      cache.set(bitmap.name, bitmap, 10, () => true);
    }

    expect(bitmaps.map((bitmap) => bitmap.closed)).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('replacing a key closes the old value', () => {
    const cache = cacheOf(4, 1000);
    const first = new FakeBitmap('first');
    const second = new FakeBitmap('second');

    cache.set('page', first, 30);
    cache.set('page', second, 20);

    expect(first.closed).toBe(true);
    expect(second.closed).toBe(false);
    expect(cache.get('page')).toBe(second);
    expect(cache.bytes).toBe(20);
  });

  it('delete and clear close the values', () => {
    const cache = cacheOf(4, 1000);
    const one = new FakeBitmap('1');
    const two = new FakeBitmap('2');
    cache.set('1', one, 10);
    cache.set('2', two, 10);

    cache.delete('1');
    expect(one.closed).toBe(true);
    expect(cache.bytes).toBe(10);

    cache.clear();
    expect(two.closed).toBe(true);
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('findLatest returns the most recent match', () => {
    const cache = cacheOf(4, 1000);
    const early = new FakeBitmap('early');
    const late = new FakeBitmap('late');
    cache.set('3/0/100', early, 10);
    cache.set('4/0/100', new FakeBitmap('other'), 10);
    cache.set('3/0/200', late, 10);

    expect(cache.findLatest((key) => key.startsWith('3/'))).toBe(late);
    expect(cache.findLatest((key) => key.startsWith('9/'))).toBeUndefined();
  });

  it('rejects limits below one', () => {
    expect(() => cacheOf(0, 100)).toThrow(/0 entries/);
    expect(() => cacheOf(4, 0)).toThrow(/0 bytes/);
  });
});
