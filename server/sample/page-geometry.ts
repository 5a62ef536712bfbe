/**
 * Size of an A4 page in pixels at the two scan resolutions, and the
 * conversion from millimetres that every drawing step uses.
 */
export const SCAN_DPI_VALUES = [150, 300] as const;
export type ScanDpi = (typeof SCAN_DPI_VALUES)[number];

/** A4 is 210 x 297 mm; these are the pixel sizes scanners produce for it. */
const PIXEL_SIZES: Record<ScanDpi, { width: number; height: number }> = {
  150: { width: 1240, height: 1754 },
  300: { width: 2480, height: 3508 },
};

/** A4 in PDF points (1/72 inch). */
export const A4_POINTS = { width: 595.28, height: 841.89 };

export interface PageGeometry {
  dpi: ScanDpi;
  width: number;
  height: number;
  /** Converts millimetres on the sheet to pixels. */
  mm(millimetres: number): number;
}

export function pageGeometry(dpi: ScanDpi): PageGeometry {
  const size = PIXEL_SIZES[dpi];
  const pixelsPerMm = dpi / 25.4;
  return {
    dpi,
    width: size.width,
    height: size.height,
    mm: (millimetres) => millimetres * pixelsPerMm,
  };
}
