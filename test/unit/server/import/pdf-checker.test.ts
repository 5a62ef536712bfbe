import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { PdfChecker } from '../../../../server/import/pdf-checker';
import {
  makeEncryptedPdf,
  makePdf,
  makePdfWithoutPages,
  makePdfWithUnreadablePage,
  makeTruncatedRepairablePdf,
} from '../../../integration/import/support/pdf-files';

describe('PdfChecker', () => {
  let folder: string;
  let checker: PdfChecker;

  const checkBytes = async (name: string, bytes: Buffer | string) => {
    const file = path.join(folder, name);
    await writeFile(file, bytes);
    return checker.check(file);
  };

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'copydesk-pdf-'));
    checker = new PdfChecker(20_000);
  });

  afterAll(async () => {
    await checker.close();
    await rm(folder, { recursive: true, force: true });
  });

  test('valid PDF gives its page count', async () => {
    expect(await checkBytes('valid.pdf', await makePdf(3))).toEqual({
      ok: true,
      pageCount: 3,
    });
  });

  test('encrypted PDF reported as password protected', async () => {
    const result = await checkBytes('secret.pdf', makeEncryptedPdf('secret'));

    expect(result).toEqual({
      ok: false,
      reason: 'password',
      page: undefined,
      detail: 'No password given',
    });
  });

  test('text file is not a PDF', async () => {
    const result = await checkBytes('notes.pdf', 'Notes de copie\n');

    expect(result.ok).toBe(false);
    expect(result.ok || result.reason).toBe('not-pdf');
  });

  test('header after 1024 bytes is not a PDF', async () => {
    const padded = Buffer.concat([Buffer.alloc(1024, 0x20), await makePdf(1)]);

    const result = await checkBytes('padded.pdf', padded);

    expect(result.ok || result.reason).toBe('not-pdf');
  });

  test('every cut of a PDF is truncated', async () => {
    const whole = await makePdf(2);

    for (const fraction of [0.1, 0.5, 0.9, 0.99]) {
      const cut = whole.subarray(0, Math.floor(whole.length * fraction));
      const result = await checkBytes(`cut-${fraction}.pdf`, cut);
      expect(result.ok || result.reason, String(fraction)).toBe('truncated');
    }
  });

  test('repairable truncated PDF is truncated', async () => {
    const result = await checkBytes(
      'repairable.pdf',
      makeTruncatedRepairablePdf(0.75),
    );

    expect(result.ok || result.reason).toBe('truncated');
  });

  test('junk after end marker accepted', async () => {
    const junk = Buffer.from('\n\u00e9\u00ff random bytes, no PDF keywords');
    const bytes = Buffer.concat([await makePdf(2), junk]);

    expect(await checkBytes('junk.pdf', bytes)).toEqual({
      ok: true,
      pageCount: 2,
    });
  });

  test('objects after end marker are truncated', async () => {
    const update = Buffer.from('\n7 0 obj\n<< /Type /Page ');
    const bytes = Buffer.concat([await makePdf(2), update]);

    const result = await checkBytes('update.pdf', bytes);

    expect(result.ok || result.reason).toBe('truncated');
  });

  test('PDF without pages rejected', async () => {
    const result = await checkBytes('empty.pdf', await makePdfWithoutPages());

    expect(result.ok || result.reason).toBe('no-pages');
  });

  test('unreadable page named by number', async () => {
    const result = await checkBytes('page.pdf', makePdfWithUnreadablePage());

    expect(result.ok).toBe(false);
    expect(result.ok || result.reason).toBe('page');
    expect(result.ok || result.page).toBe(2);
  });

  test('time limit stops the reader', async () => {
    const slow = new PdfChecker(1);
    const file = path.join(folder, 'slow.pdf');
    await writeFile(file, await makePdf(1));

    const result = await slow.check(file);
    await slow.close();

    expect(result.ok || result.reason).toBe('timeout');
  });
});
