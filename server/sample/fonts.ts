/**
 * Font choice for sample pages. `@napi-rs/canvas` loads the system fonts
 * itself, so the DejaVu families are usable by name when Debian's
 * `fonts-dejavu` is installed.
 */
import { GlobalFonts } from '@napi-rs/canvas';

export interface SampleFonts {
  /** Family for the printed header, chosen so OCR reads it reliably. */
  printed: string;
  /** Family for the handwriting, drawn italic and sheared further. */
  handwriting: string;
}

let cachedFonts: SampleFonts | undefined;

/**
 * Returns the font families to draw with: DejaVu Sans and DejaVu Serif when
 * present, or the canvas defaults `sans-serif` and `serif` otherwise.
 */
export function sampleFonts(): SampleFonts {
  if (cachedFonts !== undefined) {
    return cachedFonts;
  }

  // NOTE: without DejaVu the canvas default fonts depend on the machine, so
  // the same seed may give different bytes on two machines.
  const printed = GlobalFonts.has('DejaVu Sans')
    ? '"DejaVu Sans"'
    : 'sans-serif';
  const handwriting = GlobalFonts.has('DejaVu Serif')
    ? '"DejaVu Serif"'
    : 'serif';
  cachedFonts = { printed, handwriting };
  return cachedFonts;
}
