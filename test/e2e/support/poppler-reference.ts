/**
 * A second renderer to compare the viewer's pages with: Poppler's
 * `pdftoppm` renders the same page, and coarse grids of ink compare the two
 * renders. A test can so tell a page shown the right way round from one
 * upside down. Poppler comes from Debian's `poppler-utils` package.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const PDFTOPPM = '/usr/bin/pdftoppm';

/** A grayscale image: one byte a pixel, 0 black, row after row. */
export interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Returns why Poppler cannot be the reference, or null when it can. */
export function popplerMissingReason(): string | null {
  return existsSync(PDFTOPPM)
    ? null
    : `${PDFTOPPM} is missing: install Debian's poppler-utils to compare the viewer's pages with Poppler's`;
}

/**
 * Renders page `page` of `pdfPath` with Poppler, `longSide` pixels along
 * its longer side, turned by its `/Rotate`.
 */
export async function renderWithPoppler(
  pdfPath: string,
  page: number,
  longSide: number,
): Promise<GrayImage> {
  const folder = await mkdtemp(join(tmpdir(), 'copydesk-poppler-'));
  try {
    const output = join(folder, 'page');
    await execFileAsync(PDFTOPPM, [
      '-gray',
      '-f',
      String(page),
      '-l',
      String(page),
      // -scale-to-x and -scale-to-y would apply before the page's /Rotate.
      '-scale-to',
      String(longSide),
      '-singlefile',
      pdfPath,
      output,
    ]);
    return parsePgm(await readFile(`${output}.pgm`));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Parses a binary PGM (P5) file with a maximum value of 255. */
function parsePgm(data: Buffer): GrayImage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(
    data.subarray(0, 64).toString('latin1'),
  );
  if (header === null) {
    throw new Error('pdftoppm wrote an image that is not an 8-bit PGM');
  }
  const width = Number(header[1]);
  const height = Number(header[2]);
  const pixels = data.subarray(
    header[0].length,
    header[0].length + width * height,
  );
  return { width, height, pixels: new Uint8Array(pixels) };
}

/**
 * Returns the mean ink (255 minus the gray level) of each cell of a `cells`
 * by `cells` grid over the image, whatever its size.
 */
export function inkGrid(image: GrayImage, cells: number): number[] {
  const sums = new Array<number>(cells * cells).fill(0);
  const counts = new Array<number>(cells * cells).fill(0);
  for (let y = 0; y < image.height; y++) {
    const row = Math.min(cells - 1, Math.floor((y * cells) / image.height));
    for (let x = 0; x < image.width; x++) {
      const column = Math.min(cells - 1, Math.floor((x * cells) / image.width));
      const cell = row * cells + column;
      sums[cell]! += 255 - image.pixels[y * image.width + x]!;
      counts[cell]! += 1;
    }
  }
  return sums.map((sum, cell) => sum / Math.max(1, counts[cell]!));
}

/** Returns the grid turned by half a turn, as a page shown upside down. */
export function turnHalf(grid: readonly number[]): number[] {
  return [...grid].reverse();
}

/** Returns the Pearson correlation of two grids of the same size. */
export function correlation(
  a: readonly number[],
  b: readonly number[],
): number {
  const mean = (values: readonly number[]) =>
    values.reduce((sum, value) => sum + value, 0) / values.length;
  const meanA = mean(a);
  const meanB = mean(b);
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  a.forEach((value, index) => {
    const da = value - meanA;
    const db = b[index]! - meanB;
    covariance += da * db;
    varianceA += da * da;
    varianceB += db * db;
  });
  return covariance / Math.sqrt(varianceA * varianceB || 1);
}
