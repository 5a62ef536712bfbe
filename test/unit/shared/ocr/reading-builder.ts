/**
 * Builds hand-made OCR readings for the tests of the header and copy checks.
 */
import type { OcrReading } from '../../../../shared/ocr/ocr-types';

const BAND = { left: 0, top: 0, right: 1, bottom: 1 / 6 };

/** Returns a reading of the header band with one OCR line per string, at confidence 90. */
export function bandReading(...lines: string[]): OcrReading {
  return {
    region: BAND,
    lines: lines.map((text, index) => {
      const top = 0.02 + index * 0.03;
      const box = { left: 0.05, top, right: 0.95, bottom: top + 0.02 };
      return {
        box,
        words: text
          .split(/\s+/)
          .filter((word) => word !== '')
          .map((word) => ({ text: word, confidence: 90, box })),
      };
    }),
    confidence: lines.length === 0 ? 0 : 90,
    languages: 'fra',
  };
}
