/**
 * Runs the scan storage tests against s3rver 3.7, a Node implementation of
 * the S3 API started on 127.0.0.1. It is a stand-in for AWS S3: it speaks the
 * same protocol to the AWS SDK, but signature checks, consistency and error
 * details of the real service are not exercised here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3StorageConfig } from '../../../server/storage/s3-config';
import { S3ScanStorage } from '../../../server/storage/s3-storage';
import { describeScanStorageContract } from './scan-storage-contract';

/** s3rver accepts any key pair, so these are not secrets. */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

interface RunningS3rver {
  endpoint: string;
  stop: () => Promise<void>;
}

async function startS3rver(bucket: string): Promise<RunningS3rver> {
  const directory = await mkdtemp(path.join(tmpdir(), 's3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
  });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;

  const client = new S3Client({
    endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: CREDENTIALS,
  });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  client.destroy();

  return {
    endpoint,
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Returns a loopback port that nothing listens on. */
async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));

  if (address === null || typeof address === 'string') {
    throw new Error('Loopback listener returned no port');
  }
  return address.port;
}

function configFor(endpoint: string, bucket: string): S3StorageConfig {
  return {
    bucket,
    prefix: 'scans/v1',
    endpoint,
    region: 'us-east-1',
    credentials: CREDENTIALS,
  };
}

describeScanStorageContract('S3', async () => {
  const s3rver = await startS3rver('copydesk-scans');
  const closedPort = await findClosedPort();
  const storage = new S3ScanStorage(
    configFor(s3rver.endpoint, 'copydesk-scans'),
  );
  const unreachable = new S3ScanStorage(
    configFor(`http://127.0.0.1:${closedPort}`, 'copydesk-scans'),
  );

  return {
    storage,
    unreachable,
    unreachableMessage: new RegExp(
      `s3://copydesk-scans/scans/v1 at http://127.0.0.1:${closedPort} ` +
        'is not reachable: .*ECONNREFUSED',
    ),
    cleanup: async () => {
      storage.close();
      unreachable.close();
      await s3rver.stop();
    },
  };
});

describe('S3 scan storage against s3rver', () => {
  let s3rver: RunningS3rver;

  beforeAll(async () => {
    s3rver = await startS3rver('copydesk-other');
  });

  afterAll(async () => {
    await s3rver?.stop();
  });

  it('fails the readiness check for a missing bucket', async () => {
    const storage = new S3ScanStorage(configFor(s3rver.endpoint, 'no-bucket'));

    await expect(storage.checkReady()).rejects.toThrow(
      /s3:\/\/no-bucket\/scans\/v1 .* the bucket does not exist \(HTTP 404\)/,
    );
    storage.close();
  });

  it('describes itself without credentials', () => {
    const storage = new S3ScanStorage(
      configFor(s3rver.endpoint, 'copydesk-other'),
    );

    expect(storage.description).toBe(
      `s3://copydesk-other/scans/v1 at ${s3rver.endpoint}`,
    );
    expect(storage.description).not.toContain('S3RVER');
    storage.close();
  });
});
