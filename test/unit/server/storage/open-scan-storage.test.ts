import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileScanStorage } from '../../../../server/storage/file-storage';
import { openScanStorage } from '../../../../server/storage/open-scan-storage';
import { S3ScanStorage } from '../../../../server/storage/s3-storage';

describe('openScanStorage', () => {
  it('opens a folder for file:', () => {
    const storage = openScanStorage('file:data/scans', {});

    expect(storage).toBeInstanceOf(FileScanStorage);
    expect(storage.description).toBe(`file:${path.resolve('data/scans')}`);
  });

  it('opens a bucket for s3://', () => {
    const storage = openScanStorage('s3://scans/2025', {
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret-example',
    });

    expect(storage).toBeInstanceOf(S3ScanStorage);
    expect(storage.description).toBe(
      's3://scans/2025 at http://127.0.0.1:9000',
    );
    expect(storage.description).not.toContain('secret-example');
    (storage as S3ScanStorage).close();
  });

  it('passes S3 setting errors on', () => {
    expect(() => openScanStorage('s3://Bad_Bucket', {})).toThrow(
      /Invalid bucket name "Bad_Bucket"/,
    );
  });

  it('rejects file: without a folder', () => {
    expect(() => openScanStorage('file:', {})).toThrow(/the folder is missing/);
  });

  it.each(['', 'data/scans', 'S3://scans', 'gs://scans', 'file', 'memory:'])(
    'rejects %j naming both forms',
    (spec) => {
      expect(() => openScanStorage(spec, {})).toThrow(
        `Invalid SCAN_STORAGE "${spec}": expected file:<dir> or ` +
          's3://<bucket>/<prefix>',
      );
    },
  );
});
