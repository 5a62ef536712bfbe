/**
 * Settings of the S3-compatible scan storage, read from an `s3://` URL and
 * the standard AWS environment variables.
 */

export interface S3StorageConfig {
  bucket: string;
  /** Key prefix without leading or trailing slash, or `''` for none. */
  prefix: string;
  /** Endpoint of an S3-compatible store (MinIO, Ceph); implies path style. */
  endpoint?: string;
  region: string;
  /** Static keys, or `undefined` to use the AWS SDK's default chain. */
  credentials?: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
  };
}

const S3_URL = /^s3:\/\/([^/]*)(?:\/(.*))?$/;

/** Bucket names as S3 allows them: 3 to 63 lowercase letters, digits, `.`, `-`. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Region used with `S3_ENDPOINT` when `AWS_REGION` is unset. */
const ENDPOINT_DEFAULT_REGION = 'us-east-1';

/**
 * Builds the S3 settings from `s3://<bucket>/<prefix>` and `AWS_REGION`,
 * `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` and
 * `S3_ENDPOINT` in `env`. Throws an error naming the invalid value.
 */
export function readS3StorageConfig(
  url: string,
  env: NodeJS.ProcessEnv,
): S3StorageConfig {
  const { bucket, prefix } = parseS3Url(url);
  const endpoint = readEndpoint(env.S3_ENDPOINT);
  const region = readRegion(env.AWS_REGION, endpoint);
  const credentials = readCredentials(env);

  return { bucket, prefix, endpoint, region, credentials };
}

/** Splits `s3://<bucket>/<prefix>` into its bucket and normalised prefix. */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = S3_URL.exec(url);
  if (match === null) {
    throw new Error(`Invalid S3 URL "${url}": expected s3://<bucket>/<prefix>`);
  }

  const bucket = match[1]!;
  if (!BUCKET_NAME.test(bucket)) {
    throw new Error(
      `Invalid bucket name "${bucket}" in "${url}": use 3 to 63 lowercase ` +
        'letters, digits, dots and hyphens, starting and ending with a ' +
        'letter or digit',
    );
  }

  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  const badSegment = prefix
    .split('/')
    .some((segment) => segment === '.' || segment === '..');
  // eslint-disable-next-line no-control-regex
  const badCharacter = /[\u0000-\u001f\u007f\\]/.test(prefix);
  if (prefix.includes('//') || badSegment || badCharacter) {
    throw new Error(
      `Invalid key prefix "${prefix}" in "${url}": use slash-separated ` +
        'names without empty, "." or ".." segments, backslashes or control ' +
        'characters',
    );
  }

  return { bucket, prefix };
}

function readEndpoint(value: string | undefined): string | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }

  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(
      `Invalid S3_ENDPOINT "${value}": expected an http:// or https:// URL`,
    );
  }

  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(
      `Invalid S3_ENDPOINT "${value}": expected an http:// or https:// URL`,
    );
  }

  if (parsed.username !== '' || parsed.password !== '') {
    throw new Error(
      'Invalid S3_ENDPOINT: it contains credentials. Set ' +
        'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead.',
    );
  }

  return value;
}

function readRegion(
  value: string | undefined,
  endpoint: string | undefined,
): string {
  if (value !== undefined && value !== '') {
    return value;
  }

  if (endpoint !== undefined) {
    return ENDPOINT_DEFAULT_REGION;
  }

  throw new Error(
    "AWS_REGION is missing: set it to the bucket's region, or set " +
      'S3_ENDPOINT for an S3-compatible store',
  );
}

function readCredentials(
  env: NodeJS.ProcessEnv,
): S3StorageConfig['credentials'] {
  const accessKeyId = env.AWS_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY || undefined;
  const sessionToken = env.AWS_SESSION_TOKEN || undefined;

  if (accessKeyId === undefined && secretAccessKey === undefined) {
    return undefined;
  }

  if (accessKeyId === undefined || secretAccessKey === undefined) {
    const missing =
      accessKeyId === undefined ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY';
    throw new Error(
      `${missing} is missing: set both AWS_ACCESS_KEY_ID and ` +
        'AWS_SECRET_ACCESS_KEY, or neither to use the default AWS ' +
        'credential chain',
    );
  }

  return { accessKeyId, secretAccessKey, sessionToken };
}
