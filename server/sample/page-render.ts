/**
 * Renders one scanned answer sheet to JPEG bytes: paper, printed header,
 * ruled body and handwriting, all tilted by a small scan skew, then specks
 * and JPEG compression as a scanner produces them.
 */
import { createCanvas } from '@napi-rs/canvas';
import { drawHandwriting, drawRuledBody } from './handwriting';
import { drawHeader, type HeaderText } from './header';
import type { PageGeometry } from './page-geometry';
import { drawPaper, drawSpecks } from './paper';
import type { SeededRandom } from './random';

export interface PageContent {
  /** A blank sheet: paper and scan noise only, no header and no writing. */
  blank: boolean;
  /** Sheet fed upside down, so the image is turned 180°. */
  upsideDown: boolean;
  /** Sheet fed sideways, so the image is landscape with the sheet turned 90° clockwise. */
  sideways: boolean;
  header: HeaderText;
  /** Share of the ruled lines that carry writing, from 0 to 1. */
  fillRatio: number;
}

/** Largest scan skew, in degrees either way. */
export const MAX_SKEW_DEGREES = 1;

/** JPEG quality (0 to 100) of the page images. */
const JPEG_QUALITY = 55;

export async function renderPageJpeg(
  content: PageContent,
  geometry: PageGeometry,
  random: SeededRandom,
): Promise<Buffer> {
  // The scanned image of a sideways sheet is landscape: the sheet's
  // geometry with width and height swapped.
  const scan: PageGeometry = content.sideways
    ? { ...geometry, width: geometry.height, height: geometry.width }
    : geometry;
  const canvas = createCanvas(scan.width, scan.height);
  const context = canvas.getContext('2d');

  drawPaper(context, scan, random.derive('paper'));

  context.save();
  const skew =
    (random.between(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES) * Math.PI) / 180;
  let turn = 0;
  if (content.upsideDown) {
    turn = Math.PI;
  } else if (content.sideways) {
    turn = Math.PI / 2;
  }
  // Turn about the centre of the scan, then draw the upright sheet centred.
  context.translate(scan.width / 2, scan.height / 2);
  context.rotate(turn + skew);
  context.translate(-geometry.width / 2, -geometry.height / 2);
  if (!content.blank) {
    drawHeader(context, geometry, content.header);
    drawRuledBody(context, geometry);
    drawHandwriting(
      context,
      geometry,
      random.derive('handwriting'),
      content.fillRatio,
    );
  }
  context.restore();

  drawSpecks(context, scan, random.derive('specks'));

  // NOTE: the canvas encodes JPEG as three YCbCr components even for grey
  // pixels, so pdf-lib embeds the page as DeviceRGB. The chroma carries no
  // detail and costs little, but the image is not a one-component scan.
  return canvas.encode('jpeg', JPEG_QUALITY);
}
