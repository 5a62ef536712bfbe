/**
 * Types of the words, lines and boxes that OCR reads from a page,
 * independent of the engine and of the resolution of the image it read. The client stores these per page
 * and scan revision; the integrity checks and the scan check command read
 * them.
 */

/**
 * A rectangle in page-relative units: 0 to 1 on each axis of the unrotated
 * page, origin at the top left, like annotation geometry.
 */
export interface PageBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** One word that the engine read. */
export interface OcrWord {
  text: string;
  /** The engine's confidence in the word, from 0 to 100. */
  confidence: number;
  box: PageBox;
}

/** One line of words, in reading order. */
export interface OcrLine {
  words: OcrWord[];
  box: PageBox;
}

/** The engine's reading of one region of a page (the whole page by default). */
export interface OcrReading {
  /** The region read, in page-relative units. */
  region: PageBox;
  lines: OcrLine[];
  /** The engine's mean confidence over the region, from 0 to 100. */
  confidence: number;
  /** Language codes the engine used, such as "fra". */
  languages: string;
}

/** The whole page as a region. */
export const WHOLE_PAGE: PageBox = { left: 0, top: 0, right: 1, bottom: 1 };
