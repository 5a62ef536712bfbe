/**
 * OCR of the corpus images whose printed text is known, from the
 * tesseract.js test assets. The expected texts are those the tesseract.js
 * tests assert (`tests/constants.js`). The corpus folder comes from
 * COPYDESK_CORPUS, by default ../shared/corpus next to the repository;
 * without the images the tests skip.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { characterErrorRate } from '../../../shared/ocr/character-error-rate';
import { nodeOcrPaths } from '../../../shared/ocr/ocr-node-paths';
import { OcrPool } from '../../../shared/ocr/ocr-pool';
import { readingText } from '../../../shared/ocr/tesseract-reading';

const CORPUS = resolve(process.env.COPYDESK_CORPUS ?? '../shared/corpus');

interface KnownImage {
  file: string;
  /** Width and height of the image as displayed, EXIF orientation applied. */
  width: number;
  height: number;
  text: string;
  /** Highest character error rate accepted. */
  maxErrorRate: number;
}

const IMAGES: KnownImage[] = [
  {
    file: 'tesseractjs__simple.png',
    width: 320,
    height: 180,
    text: 'Tesseract.js',
    maxErrorRate: 0,
  },
  {
    // Stored as 180 x 320 pixels with EXIF orientation 6, which tesseract.js
    // applies before reading.
    file: 'tesseractjs__simple-90.jpg',
    width: 320,
    height: 180,
    text: 'Tesseract.js',
    maxErrorRate: 0,
  },
  {
    file: 'tesseractjs__cosmic.png',
    width: 400,
    height: 400,
    text: 'HellO World\nfrom beyond\nthe Cosmic Void',
    maxErrorRate: 0.02,
  },
  {
    file: 'tesseractjs__testocr.png',
    width: 640,
    height: 480,
    text:
      'This is a lot of 12 point text to test the\nocr code and see if it works on all types\nof file format.\n\n' +
      'The quick brown dog jumped over the\nlazy fox. The quick brown dog jumped\nover the lazy fox. The quick brown dog\n' +
      'jumped over the lazy fox. The quick\nbrown dog jumped over the lazy fox.',
    maxErrorRate: 0.01,
  },
];

const missing = IMAGES.filter(({ file }) => !existsSync(join(CORPUS, file)));
const skipReason =
  missing.length === 0
    ? ''
    : `corpus images missing from ${CORPUS} (set COPYDESK_CORPUS to the corpus folder): ${missing.map((image) => image.file).join(', ')}`;
if (skipReason !== '') {
  console.warn(`Skipping the OCR corpus tests: ${skipReason}`);
}

// The texts are English, so the English model reads them.
const pool = new OcrPool({
  ...nodeOcrPaths('eng'),
  languages: ['eng'],
  workerCount: 1,
});

afterAll(async () => {
  await pool.close();
});

describe.skipIf(skipReason !== '')('OCR of the corpus', () => {
  it.each(IMAGES)('reads $file', async (image) => {
    const data = await readFile(join(CORPUS, image.file));
    const reading = await pool.recognize({
      image: { data, width: image.width, height: image.height },
    });
    const text = readingText(reading);

    expect(characterErrorRate(image.text, text)).toBeLessThanOrEqual(
      image.maxErrorRate,
    );
  });
});
