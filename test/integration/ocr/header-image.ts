/**
 * Draws printed header bands as PNG images, for OCR tests that need text
 * whose content they know.
 */
import { createCanvas } from '@napi-rs/canvas';

import type { OcrImage } from '../../../shared/ocr/ocr-image';

/** Size of the top sixth of an A4 page at 150 dpi, in pixels. */
const BAND_WIDTH = 1240;
const BAND_HEIGHT = 292;

/**
 * Returns a PNG of the top sixth of a page at 150 dpi with the header lines
 * of an answer sheet, as the image of that band.
 */
export async function headerBandImage(
  anonymousCode: string,
  pageNumber: number,
  pageCount: number,
): Promise<OcrImage> {
  const canvas = createCanvas(BAND_WIDTH, BAND_HEIGHT);
  const context = canvas.getContext('2d');
  context.fillStyle = 'rgb(238, 238, 238)';
  context.fillRect(0, 0, BAND_WIDTH, BAND_HEIGHT);

  context.fillStyle = 'rgb(28, 28, 28)';
  context.font = '27px "DejaVu Sans", sans-serif';
  context.fillText(`N° Anonymat : ${anonymousCode}`, 80, 110);
  context.fillText(`Nombre de pages : ${pageCount}`, 80, 200);
  context.fillText(`Page ${pageNumber} / ${pageCount}`, 880, 200);

  const png = await canvas.encode('png');
  return {
    data: new Uint8Array(png),
    width: BAND_WIDTH,
    height: BAND_HEIGHT,
    area: { left: 0, top: 0, right: 1, bottom: 1 / 6 },
    dpi: 150,
  };
}

/**
 * Returns a PNG of a whole A4 page at 150 dpi covered with printed lines,
 * which takes Tesseract a few seconds to read.
 */
export async function busyPageImage(): Promise<OcrImage> {
  const width = 1240;
  const height = 1754;
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, width, height);
  context.fillStyle = 'black';
  context.font = '24px "DejaVu Sans", sans-serif';
  for (let line = 0; line < 50; line++) {
    context.fillText(
      `Ligne ${line} : la copie numérisée contient du texte imprimé à lire.`,
      60,
      60 + line * 33,
    );
  }

  const png = await canvas.encode('png');
  return { data: new Uint8Array(png), width, height, dpi: 150 };
}
