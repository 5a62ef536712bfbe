import { describe, expect, it } from 'vitest';
import {
  assertValidScanKey,
  InvalidScanKeyError,
} from '../../../../server/storage/scan-key';

describe('assertValidScanKey', () => {
  it.each([
    'AB12CD.pdf',
    'sitting-2025/AB12CD.pdf',
    'a/b/c/d.pdf',
    'name with spaces.pdf',
    'accentué/é.pdf',
    'x.',
    'a..b/c',
    'x'.repeat(1024),
  ])('accepts %j', (key) => {
    expect(() => assertValidScanKey(key)).not.toThrow();
  });

  it.each([
    ['', /the key is empty/],
    ['..', /".." segment/],
    ['../up.pdf', /".." segment/],
    ['a/../../up.pdf', /".." segment/],
    ['a/..', /".." segment/],
    ['./a.pdf', /"\." segment/],
    ['/etc/passwd', /absolute path/],
    ['//server/share', /absolute path/],
    ['a\\b.pdf', /backslash/],
    ['..\\up.pdf', /backslash/],
    ['a\u0000b.pdf', /control character/],
    ['a\nb.pdf', /control character/],
    ['a\u007fb.pdf', /control character/],
    ['a//b.pdf', /empty segment/],
    ['a/', /empty segment/],
    ['.env', /starts with "\."/],
    ['a/.b.pdf.1234.tmp', /starts with "\."/],
    ['x'.repeat(1025), /longer than 1024 bytes/],
    ['é'.repeat(513), /longer than 1024 bytes/],
  ])('rejects %j', (key, reason) => {
    expect(() => assertValidScanKey(key)).toThrow(InvalidScanKeyError);
    expect(() => assertValidScanKey(key)).toThrow(reason);
  });

  it('names the key and the expected form', () => {
    expect(() => assertValidScanKey('../up.pdf')).toThrow(
      'Invalid scan key "../up.pdf": the key has a ".." segment. ' +
        'Use slash-separated names such as "sitting-2025/AB12CD.pdf".',
    );
  });
});
