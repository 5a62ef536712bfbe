import type { OcrReading } from '../../../../../shared/ocr/ocr-types';

/** Builds a reading of one line with the given words, each at 90 % confidence. */
export function readingOf(...words: string[]): OcrReading {
  const box = { left: 0.1, top: 0.05, right: 0.9, bottom: 0.08 };
  return {
    region: { left: 0, top: 0, right: 1, bottom: 1 },
    lines: [
      {
        box,
        words: words.map((text, index) => ({
          text,
          confidence: 90,
          box: {
            left: 0.1 + index * 0.1,
            top: 0.05,
            right: 0.18 + index * 0.1,
            bottom: 0.08,
          },
        })),
      },
    ],
    confidence: 90,
    languages: 'fra',
  };
}
