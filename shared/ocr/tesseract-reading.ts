/**
 * Converts what tesseract.js returns for one image into an `OcrReading` in
 * page-relative units.
 */
import type { OcrLine, OcrReading, PageBox } from './ocr-types';
import type { ImagePageMapping } from './ocr-image';

/** The parts of a tesseract.js bounding box that the conversion reads. */
interface TesseractBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The parts of a tesseract.js `Page` (output `blocks: true`) that the conversion reads. */
export interface TesseractPage {
  confidence: number;
  blocks:
    | {
        paragraphs: {
          lines: {
            bbox: TesseractBox;
            words: { text: string; confidence: number; bbox: TesseractBox }[];
          }[];
        }[];
      }[]
    | null;
}

function toPageBox(mapping: ImagePageMapping, box: TesseractBox): PageBox {
  return mapping.pixelsToPage(box.x0, box.y0, box.x1, box.y1);
}

/**
 * Builds the reading of `region` from a tesseract.js page. Words with no
 * visible character are left out, and so are lines left with no word.
 */
export function toOcrReading(
  page: TesseractPage,
  mapping: ImagePageMapping,
  region: PageBox,
  languages: string,
): OcrReading {
  const lines: OcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words = line.words
          .filter((word) => word.text.trim() !== '')
          .map((word) => ({
            text: word.text,
            confidence: word.confidence,
            box: toPageBox(mapping, word.bbox),
          }));
        if (words.length > 0) {
          lines.push({ words, box: toPageBox(mapping, line.bbox) });
        }
      }
    }
  }

  return {
    region: { ...region },
    lines,
    confidence: lines.length === 0 ? 0 : page.confidence,
    languages,
  };
}

/** Joins the words of a reading into text, one line of text per OCR line. */
export function readingText(reading: OcrReading): string {
  return reading.lines
    .map((line) => line.words.map((word) => word.text).join(' '))
    .join('\n');
}
