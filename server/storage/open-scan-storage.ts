import { FileScanStorage } from './file-storage';
import { readS3StorageConfig } from './s3-config';
import { S3ScanStorage } from './s3-storage';
import type { ScanStorage } from './scan-storage';

/**
 * Opens the scan storage that a `SCAN_STORAGE` value names: `file:<dir>`
 * for a local folder (relative to the working directory), or
 * `s3://<bucket>/<prefix>` for S3-compatible storage configured by the AWS
 * variables and `S3_ENDPOINT` in `env`. Connects to nothing yet.
 */
export function openScanStorage(
  spec: string,
  env: NodeJS.ProcessEnv = process.env,
): ScanStorage {
  if (spec.startsWith('file:')) {
    const folder = spec.slice('file:'.length);
    if (folder === '') {
      throw new Error(
        'Invalid SCAN_STORAGE "file:": the folder is missing, as in ' +
          'file:data/scans',
      );
    }
    return new FileScanStorage(folder);
  }

  if (spec.startsWith('s3://')) {
    return new S3ScanStorage(readS3StorageConfig(spec, env));
  }

  throw new Error(
    `Invalid SCAN_STORAGE "${spec}": expected file:<dir> or ` +
      's3://<bucket>/<prefix>',
  );
}
