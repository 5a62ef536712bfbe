import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { assertValidByteRange } from './byte-range-check';
import type { S3StorageConfig } from './s3-config';
import { assertValidScanKey } from './scan-key';
import {
  ScanNotFoundError,
  type ByteRange,
  type ScanStorage,
} from './scan-storage';

/** How long a TCP connection to the store may take before it fails. */
const CONNECTION_TIMEOUT_MS = 5_000;

/** How long the readiness check waits for the store, retries included. */
const READY_TIMEOUT_MS = 10_000;

/** Scans stored as objects `<prefix>/<key>` in an S3-compatible bucket. */
export class S3ScanStorage implements ScanStorage {
  readonly description: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(config: S3StorageConfig) {
    this.bucket = config.bucket;
    this.prefix = config.prefix;

    const location = config.prefix
      ? `s3://${config.bucket}/${config.prefix}`
      : `s3://${config.bucket}`;
    const endpoint = config.endpoint
      ? ` at ${new URL(config.endpoint).origin}`
      : '';
    this.description = `${location}${endpoint}`;

    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.endpoint !== undefined,
      credentials: config.credentials,
      requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS },
      // By default the installed AWS SDK (3.1178) sends uploads as an
      // aws-chunked body with a trailing CRC checksum. A store that does not
      // decode that encoding saves the chunk framing as the object's bytes,
      // as s3rver 3.7 did (69 bytes stored for a 27-byte file).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /**
   * Streams the file to the store in one PutObject request, so a scan is
   * never held in memory. S3 stores the object only once the request
   * completes, so readers never see a partial scan.
   *
   * NOTE: one PutObject request carries at most 5 GiB. Larger files would
   * need a multipart upload, which this class does not do.
   */
  async putFile(key: string, sourcePath: string): Promise<void> {
    const objectKey = this.objectKeyOf(key);
    const info = await stat(sourcePath);

    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: objectKey,
        Body: createReadStream(sourcePath),
        ContentLength: info.size,
        ContentType: 'application/pdf',
      }),
    );
  }

  async openRead(key: string, range?: ByteRange): Promise<Readable> {
    const objectKey = this.objectKeyOf(key);
    if (range !== undefined) {
      assertValidByteRange(range);
    }

    const rangeHeader = range ? `bytes=${range.start}-${range.end}` : undefined;

    try {
      const response = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: objectKey,
          Range: rangeHeader,
        }),
      );

      if (!(response.Body instanceof Readable)) {
        throw new Error(
          `S3 returned no readable body for ${objectKey} in ${this.bucket}`,
        );
      }
      return response.Body;
    } catch (error) {
      if (statusOf(error) === 404) {
        throw new ScanNotFoundError(key);
      }

      if (statusOf(error) === 416 && range !== undefined) {
        throw new RangeError(
          `Range start ${range.start} is past the end of scan "${key}"`,
        );
      }

      throw error;
    }
  }

  async size(key: string): Promise<number | null> {
    const objectKey = this.objectKeyOf(key);

    try {
      const response = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey }),
      );
      return response.ContentLength ?? null;
    } catch (error) {
      if (statusOf(error) === 404) {
        return null;
      }
      throw error;
    }
  }

  /** Deletes the object. S3 returns success for an absent key as well. */
  async delete(key: string): Promise<void> {
    const objectKey = this.objectKeyOf(key);

    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey }),
    );
  }

  /** Checks that the bucket exists and the credentials may use it. */
  async checkReady(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), {
        abortSignal: AbortSignal.timeout(READY_TIMEOUT_MS),
      });
    } catch (error) {
      throw new Error(
        `Scan storage ${this.description} is not reachable: ` +
          `${describeFailure(error)}. Check SCAN_STORAGE, S3_ENDPOINT and ` +
          'the AWS credentials.',
        { cause: error },
      );
    }
  }

  /** Stops the client's connection pool, so the process can exit. */
  close(): void {
    this.client.destroy();
  }

  private objectKeyOf(key: string): string {
    assertValidScanKey(key);

    return this.prefix ? `${this.prefix}/${key}` : key;
  }
}

function statusOf(error: unknown): number | undefined {
  const metadata = (error as { $metadata?: { httpStatusCode?: number } })
    ?.$metadata;
  return metadata?.httpStatusCode;
}

function describeFailure(error: unknown): string {
  const status = statusOf(error);
  if (status === 404) {
    return 'the bucket does not exist (HTTP 404)';
  }
  if (status === 403) {
    return 'access to the bucket was denied (HTTP 403)';
  }

  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const parts = [name, code, message].filter(
    (part) => part !== undefined && part !== '',
  );
  const detail = [...new Set(parts)].join(': ');

  return status === undefined ? detail : `${detail} (HTTP ${status})`;
}
