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
  const canvas = createCanvas(geometry.width, geometry.height);
  const context = canvas.getContext('2d');

  drawPaper(context, geometry, random.derive('paper'));

  context.save();
  const skew =
    (random.between(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES) * Math.PI) / 180;
  const turn = content.upsideDown ? Math.PI : 0;
  context.translate(geometry.width / 2, geometry.height / 2);
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

  drawSpecks(context, geometry, random.derive('specks'));

  // NOTE: the canvas encodes JPEG as three YCbCr components even for grey
  // pixels, so pdf-lib embeds the page as DeviceRGB. The chroma carries no
  // detail and costs little, but the image is not a one-component scan.
  return canvas.encode('jpeg', JPEG_QUALITY);
}
