/**
 * Behaviour that every `ScanStorage` must show, written once and run against
 * each implementation by its own test file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidScanKeyError } from '../../../server/storage/scan-key';
import {
  ScanNotFoundError,
  type ScanStorage,
} from '../../../server/storage/scan-storage';

export interface StorageFixture {
  /** A working, empty storage. */
  storage: ScanStorage;
  /** A storage whose `checkReady` must fail. */
  unreachable: ScanStorage;
  /** What the error of `unreachable.checkReady()` must contain. */
  unreachableMessage: RegExp;
  cleanup: () => Promise<void>;
}

/** Size of the large scan used to check that reads stream. */
const LARGE_SCAN_BYTES = 50 * 1024 * 1024;

/**
 * Max RSS growth allowed while reading the large scan. On a 2-core Debian 12
 * machine with Node 20, streaming reads grew RSS by 0 to 12 MiB, and a file
 * storage that buffered each read whole grew it by 55 to 59 MiB, so this
 * bound separates the two.
 */
const MAX_RSS_GROWTH_BYTES = 32 * 1024 * 1024;

/** Max size of one chunk that a read stream may deliver. */
const MAX_CHUNK_BYTES = 1024 * 1024;

export function describeScanStorageContract(
  name: string,
  createFixture: () => Promise<StorageFixture>,
): void {
  describe(`${name} scan storage`, () => {
    let fixture: StorageFixture;
    let storage: ScanStorage;
    let workDir: string;
    let sourcePath: string;
    const content = Buffer.from('%PDF-1.7\n' + 'page data '.repeat(100));

    beforeAll(async () => {
      fixture = await createFixture();
      storage = fixture.storage;
      workDir = await mkdtemp(path.join(tmpdir(), 'scan-contract-'));
      sourcePath = path.join(workDir, 'source.pdf');
      await writeFile(sourcePath, content);
    });

    afterAll(async () => {
      await fixture?.cleanup();
      if (workDir) {
        await rm(workDir, { recursive: true, force: true });
      }
    });

    it('reads back a stored scan whole', async () => {
      await storage.putFile('sitting/whole.pdf', sourcePath);

      const bytes = await readAll(await storage.openRead('sitting/whole.pdf'));

      expect(bytes.equals(content)).toBe(true);
    });

    it('reads a byte range', async () => {
      await storage.putFile('sitting/ranged.pdf', sourcePath);

      const stream = await storage.openRead('sitting/ranged.pdf', {
        start: 10,
        end: 19,
      });
      const bytes = await readAll(stream);

      expect(bytes.toString()).toBe(content.subarray(10, 20).toString());
    });

    it('reads a one-byte range at the end', async () => {
      await storage.putFile('sitting/last.pdf', sourcePath);

      const last = content.length - 1;
      const stream = await storage.openRead('sitting/last.pdf', {
        start: last,
        end: last,
      });
      const bytes = await readAll(stream);

      expect(bytes).toEqual(content.subarray(last));
    });

    it('stops a range at the last byte', async () => {
      await storage.putFile('sitting/clamped.pdf', sourcePath);

      const stream = await storage.openRead('sitting/clamped.pdf', {
        start: content.length - 5,
        end: content.length + 100,
      });
      const bytes = await readAll(stream);

      expect(bytes).toEqual(content.subarray(content.length - 5));
    });

    it('rejects a range past the end', async () => {
      await storage.putFile('sitting/short.pdf', sourcePath);

      const read = storage.openRead('sitting/short.pdf', {
        start: content.length,
        end: content.length + 10,
      });

      await expect(read).rejects.toThrow(RangeError);
    });

    it.each([
      { start: 5, end: 4 },
      { start: -1, end: 4 },
      { start: 0.5, end: 4 },
      { start: 0, end: Number.NaN },
    ])('rejects the invalid range %j', async (range) => {
      await storage.putFile('sitting/bad-range.pdf', sourcePath);

      const read = storage.openRead('sitting/bad-range.pdf', range);

      await expect(read).rejects.toThrow(/Invalid byte range/);
    });

    it('returns the stored size', async () => {
      await storage.putFile('sitting/sized.pdf', sourcePath);

      expect(await storage.size('sitting/sized.pdf')).toBe(content.length);
    });

    it('returns a null size for a missing key', async () => {
      expect(await storage.size('sitting/absent.pdf')).toBeNull();
    });

    it('replaces a scan on overwrite', async () => {
      const replacementPath = path.join(workDir, 'replacement.pdf');
      await writeFile(replacementPath, 'rescanned');
      await storage.putFile('sitting/rescanned.pdf', sourcePath);

      await storage.putFile('sitting/rescanned.pdf', replacementPath);

      const bytes = await readAll(
        await storage.openRead('sitting/rescanned.pdf'),
      );
      expect(bytes.toString()).toBe('rescanned');
      expect(await storage.size('sitting/rescanned.pdf')).toBe(9);
    });

    it('deletes a scan', async () => {
      await storage.putFile('sitting/deleted.pdf', sourcePath);

      await storage.delete('sitting/deleted.pdf');

      expect(await storage.size('sitting/deleted.pdf')).toBeNull();
      await expect(storage.openRead('sitting/deleted.pdf')).rejects.toThrow(
        ScanNotFoundError,
      );
    });

    it('deletes a missing key without error', async () => {
      await expect(storage.delete('sitting/never.pdf')).resolves.toBe(
        undefined,
      );
    });

    it('rejects reading a missing key', async () => {
      const read = storage.openRead('sitting/missing.pdf');

      await expect(read).rejects.toThrow(ScanNotFoundError);
      await expect(read).rejects.toThrow(/sitting\/missing\.pdf/);
    });

    it('rejects a ranged read of a missing key', async () => {
      const read = storage.openRead('sitting/missing.pdf', {
        start: 0,
        end: 9,
      });

      await expect(read).rejects.toThrow(ScanNotFoundError);
    });

    it('treats a key prefix as missing', async () => {
      await storage.putFile('folder/inner.pdf', sourcePath);

      await expect(storage.openRead('folder')).rejects.toThrow(
        ScanNotFoundError,
      );
      expect(await storage.size('folder')).toBeNull();
    });

    it('rejects a missing source file', async () => {
      const missing = path.join(workDir, 'no-such-file.pdf');

      await expect(
        storage.putFile('sitting/unsent.pdf', missing),
      ).rejects.toThrow(/no-such-file\.pdf/);
      expect(await storage.size('sitting/unsent.pdf')).toBeNull();
    });

    it.each([
      '',
      '../outside.pdf',
      'sitting/../../outside.pdf',
      'sitting/./scan.pdf',
      '/etc/passwd',
      'sitting\\..\\outside.pdf',
      'sitting/scan.pdf\u0000.txt',
      'sitting//scan.pdf',
      'sitting/',
      '.hidden.pdf',
      'sitting/.scan.pdf.0123.tmp',
      'x'.repeat(1025),
    ])('rejects the key %j', async (key) => {
      await expect(storage.putFile(key, sourcePath)).rejects.toThrow(
        InvalidScanKeyError,
      );
      await expect(storage.openRead(key)).rejects.toThrow(InvalidScanKeyError);
      await expect(storage.size(key)).rejects.toThrow(InvalidScanKeyError);
      await expect(storage.delete(key)).rejects.toThrow(InvalidScanKeyError);
    });

    it('passes the readiness check', async () => {
      await expect(storage.checkReady()).resolves.toBe(undefined);
    });

    it('fails the readiness check when unreachable', async () => {
      const check = fixture.unreachable.checkReady();

      await expect(check).rejects.toThrow(fixture.unreachableMessage);
    });

    it('streams a 50 MiB scan without buffering it', async () => {
      const largePath = path.join(workDir, 'large.pdf');
      const expectedHash = await writeRandomFile(largePath, LARGE_SCAN_BYTES);
      await storage.putFile('sitting/large.pdf', largePath);
      await rm(largePath);

      // One small unmetered read first, so the baseline includes the code,
      // buffers and connections that any read needs once.
      const warmUp = await storage.openRead('sitting/large.pdf', {
        start: 0,
        end: 65_535,
      });
      await hashStream(warmUp, newMeter(0));
      collectGarbage();
      const baseline = process.memoryUsage.rss();
      const meter = newMeter(baseline);

      const whole = await storage.openRead('sitting/large.pdf');
      const wholeHash = await hashStream(whole, meter);

      const rangeHash = createHash('sha256');
      const rangeLength = 1024 * 1024;
      for (let start = 0; start < LARGE_SCAN_BYTES; start += rangeLength) {
        const end = Math.min(start + rangeLength, LARGE_SCAN_BYTES) - 1;
        const part = await storage.openRead('sitting/large.pdf', {
          start,
          end,
        });
        await updateHash(rangeHash, part, meter);
      }

      const growth = meter.peak - baseline;
      console.info(
        `${name}: RSS grew by ${(growth / 1024 / 1024).toFixed(1)} MiB ` +
          `reading a 50 MiB scan whole and in 1 MiB ranges`,
      );
      expect(wholeHash).toBe(expectedHash);
      expect(rangeHash.digest('hex')).toBe(expectedHash);
      expect(meter.maxChunk).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
      expect(growth).toBeLessThan(MAX_RSS_GROWTH_BYTES);
    });
  });
}

interface MemoryMeter {
  peak: number;
  maxChunk: number;
  bytesSinceCollection: number;
}

/**
 * Bytes read between forced garbage collections while metering. Collecting
 * this often keeps chunks that are already consumed from showing as growth.
 */
const COLLECTION_INTERVAL_BYTES = 4 * 1024 * 1024;

/** Returns V8's `gc()`, which Node exposes only under `--expose-gc`. */
function exposeGarbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const collectGarbage = exposeGarbageCollector();

function newMeter(baseline: number): MemoryMeter {
  return { peak: baseline, maxChunk: 0, bytesSinceCollection: 0 };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function writeRandomFile(file: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  const output = createWriteStream(file);
  const chunkSize = 1024 * 1024;

  for (let written = 0; written < size; written += chunkSize) {
    const chunk = randomBytes(Math.min(chunkSize, size - written));
    hash.update(chunk);
    if (!output.write(chunk)) {
      await once(output, 'drain');
    }
  }

  output.end();
  await finished(output);
  return hash.digest('hex');
}

async function hashStream(
  stream: Readable,
  meter: MemoryMeter,
): Promise<string> {
  const hash = createHash('sha256');
  await updateHash(hash, stream, meter);
  return hash.digest('hex');
}

async function updateHash(
  hash: ReturnType<typeof createHash>,
  stream: Readable,
  meter: MemoryMeter,
): Promise<void> {
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    meter.maxChunk = Math.max(meter.maxChunk, buffer.length);
    meter.peak = Math.max(meter.peak, process.memoryUsage.rss());

    meter.bytesSinceCollection += buffer.length;
    if (meter.bytesSinceCollection >= COLLECTION_INTERVAL_BYTES) {
      collectGarbage();
      meter.bytesSinceCollection = 0;
    }
  }
}
