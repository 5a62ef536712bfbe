import { describe, expect, it } from 'vitest';

import { contentTypeOf } from '../../../shared/content-types';

describe('contentTypeOf', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-CxpUUIkf.js', 'text/javascript; charset=utf-8'],
    ['assets/pdf.worker-Bq2xY7aa.mjs', 'text/javascript; charset=utf-8'],
    ['assets/index-CU6l5V55.css', 'text/css; charset=utf-8'],
    ['assets/tesseract-core-1a2b3c4d.wasm', 'application/wasm'],
    ['assets/logo-1a2b3c4d.svg', 'image/svg+xml'],
    ['assets/inter-1a2b3c4d.woff2', 'font/woff2'],
    ['manifest.json', 'application/json; charset=utf-8'],
    ['ocr/fra.traineddata.gz', 'application/gzip'],
  ])('gives %s the type %s', (file, type) => {
    expect(contentTypeOf(file)).toBe(type);
  });

  it('ignores the case of the extension', () => {
    expect(contentTypeOf('ASSETS/CORE.WASM')).toBe('application/wasm');
  });

  it.each([['README'], ['notes.xyz'], ['archive.tar.bz2']])(
    'gives the unknown file %s octet-stream',
    (file) => {
      expect(contentTypeOf(file)).toBe('application/octet-stream');
    },
  );
});

describe('contentTypeOf with folder names', () => {
  it.each([
    ['C:\\Copydesk\\out\\renderer\\index.html', 'text/html; charset=utf-8'],
    ['/opt/copy.desk/renderer/LICENSE', 'application/octet-stream'],
    ['C:\\copy.desk\\renderer\\LICENSE', 'application/octet-stream'],
  ])('reads the extension of %s', (file, expected) => {
    expect(contentTypeOf(file)).toBe(expected);
  });
});
