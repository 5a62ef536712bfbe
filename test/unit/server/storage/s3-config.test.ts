import { describe, expect, it } from 'vitest';
import {
  parseS3Url,
  readS3StorageConfig,
} from '../../../../server/storage/s3-config';

const KEYS = {
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret-example',
};

describe('parseS3Url', () => {
  it.each([
    ['s3://scans', { bucket: 'scans', prefix: '' }],
    ['s3://scans/', { bucket: 'scans', prefix: '' }],
    ['s3://scans/2025', { bucket: 'scans', prefix: '2025' }],
    ['s3://scans/2025/june/', { bucket: 'scans', prefix: '2025/june' }],
    ['s3://my.scans-1//a/', { bucket: 'my.scans-1', prefix: 'a' }],
  ])('parses %j', (url, expected) => {
    expect(parseS3Url(url)).toEqual(expected);
  });

  it.each([
    ['s3:/scans', /Invalid S3 URL "s3:\/scans"/],
    ['http://scans/x', /expected s3:\/\/<bucket>\/<prefix>/],
    ['s3://', /Invalid bucket name ""/],
    ['s3://ab', /Invalid bucket name "ab"/],
    ['s3://Scans', /Invalid bucket name "Scans"/],
    ['s3://scans_2025', /Invalid bucket name "scans_2025"/],
    ['s3://-scans', /Invalid bucket name "-scans"/],
    ['s3://' + 'a'.repeat(64), /Invalid bucket name/],
    ['s3://scans/a//b', /Invalid key prefix "a\/\/b"/],
    ['s3://scans/a/../b', /Invalid key prefix/],
    ['s3://scans/a\\b', /Invalid key prefix/],
    ['s3://scans/a\u0000b', /Invalid key prefix/],
  ])('rejects %j', (url, message) => {
    expect(() => parseS3Url(url)).toThrow(message);
  });
});

describe('readS3StorageConfig', () => {
  it('reads region and keys', () => {
    const config = readS3StorageConfig('s3://scans/2025', {
      ...KEYS,
      AWS_REGION: 'eu-west-3',
    });

    expect(config).toEqual({
      bucket: 'scans',
      prefix: '2025',
      endpoint: undefined,
      region: 'eu-west-3',
      credentials: {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'secret-example',
        sessionToken: undefined,
      },
    });
  });

  it('reads a session token', () => {
    const config = readS3StorageConfig('s3://scans', {
      ...KEYS,
      AWS_SESSION_TOKEN: 'token-example',
      AWS_REGION: 'eu-west-3',
    });

    expect(config.credentials?.sessionToken).toBe('token-example');
  });

  it('reads an endpoint with a default region', () => {
    const config = readS3StorageConfig('s3://scans', {
      ...KEYS,
      S3_ENDPOINT: 'http://127.0.0.1:9000',
    });

    expect(config.endpoint).toBe('http://127.0.0.1:9000');
    expect(config.region).toBe('us-east-1');
  });

  it('leaves credentials to the SDK without keys', () => {
    const config = readS3StorageConfig('s3://scans', {
      AWS_REGION: 'eu-west-3',
    });

    expect(config.credentials).toBeUndefined();
  });

  it('rejects a missing region without endpoint', () => {
    expect(() => readS3StorageConfig('s3://scans', KEYS)).toThrow(
      /AWS_REGION is missing/,
    );
  });

  it('rejects a lone access key', () => {
    const env = { AWS_REGION: 'eu-west-3', AWS_ACCESS_KEY_ID: 'AKID' };

    expect(() => readS3StorageConfig('s3://scans', env)).toThrow(
      /AWS_SECRET_ACCESS_KEY is missing/,
    );
  });

  it('rejects a lone secret key', () => {
    const env = { AWS_REGION: 'eu-west-3', AWS_SECRET_ACCESS_KEY: 'secret' };

    expect(() => readS3StorageConfig('s3://scans', env)).toThrow(
      /AWS_ACCESS_KEY_ID is missing/,
    );
  });

  it.each(['not a url', 'ftp://127.0.0.1:21', '127.0.0.1:9000'])(
    'rejects the endpoint %j',
    (endpoint) => {
      const env = { ...KEYS, S3_ENDPOINT: endpoint };

      expect(() => readS3StorageConfig('s3://scans', env)).toThrow(
        `Invalid S3_ENDPOINT "${endpoint}"`,
      );
    },
  );

  it('rejects an endpoint with credentials without echoing them', () => {
    const env = { ...KEYS, S3_ENDPOINT: 'http://user:hunter2@127.0.0.1:9000' };

    expect(() => readS3StorageConfig('s3://scans', env)).toThrow(
      /contains credentials/,
    );
    expect(() => readS3StorageConfig('s3://scans', env)).not.toThrow(/hunter2/);
  });
});
