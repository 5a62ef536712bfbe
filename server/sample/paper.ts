/**
 * The scanned-paper look: a slightly grey, unevenly lit background, fine
 * grain and dust specks. Grain comes from a few cached tiles drawn as a
 * repeating pattern, so no per-pixel loop runs over the 8.7 million pixels
 * of a 300 dpi page.
 */
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { PageGeometry } from './page-geometry';
import { SeededRandom } from './random';

const GRAIN_TILE_SIZE = 256;
const GRAIN_TILE_VARIANTS = 4;

/** Grain tiles by variant; their content depends only on the variant. */
const grainTiles = new Map<number, Canvas>();

function grainTile(variant: number): Canvas {
  const cached = grainTiles.get(variant);
  if (cached !== undefined) {
    return cached;
  }

  const tile = createCanvas(GRAIN_TILE_SIZE, GRAIN_TILE_SIZE);
  const context = tile.getContext('2d');
  const image = context.createImageData(GRAIN_TILE_SIZE, GRAIN_TILE_SIZE);
  const random = new SeededRandom(0x9e3779b9 + variant);

  // Each pixel is black or white at a low alpha, so the tile darkens or
  // lightens the paper by a few grey levels in either direction.
  for (let offset = 0; offset < image.data.length; offset += 4) {
    const lighten = random.chance(0.5);
    const value = lighten ? 255 : 0;
    image.data[offset] = value;
    image.data[offset + 1] = value;
    image.data[offset + 2] = value;
    image.data[offset + 3] = Math.floor(random.next() * random.next() * 22);
  }

  context.putImageData(image, 0, 0);
  grainTiles.set(variant, tile);
  return tile;
}

/** Fills the page with grey paper, uneven lighting and grain. */
export function drawPaper(
  context: SKRSContext2D,
  geometry: PageGeometry,
  random: SeededRandom,
): void {
  const paperGrey = random.integer(228, 242);
  context.fillStyle = `rgb(${paperGrey}, ${paperGrey}, ${paperGrey})`;
  context.fillRect(0, 0, geometry.width, geometry.height);

  // Scanner lamps light the sheet unevenly: a soft shadow along one edge.
  const shadowFromLeft = random.chance(0.5);
  const shadowWidth = geometry.mm(random.between(8, 25));
  const shadowStart = shadowFromLeft ? 0 : geometry.width;
  const shadowEnd = shadowFromLeft ? shadowWidth : geometry.width - shadowWidth;
  const shadow = context.createLinearGradient(shadowStart, 0, shadowEnd, 0);
  shadow.addColorStop(0, `rgba(0, 0, 0, ${random.between(0.05, 0.14)})`);
  shadow.addColorStop(1, 'rgba(0, 0, 0, 0)');
  context.fillStyle = shadow;
  context.fillRect(0, 0, geometry.width, geometry.height);

  const tile = grainTile(random.integer(0, GRAIN_TILE_VARIANTS - 1));
  const pattern = context.createPattern(tile, 'repeat');
  if (pattern === null) {
    throw new Error(
      'drawPaper: the canvas could not make a pattern of the grain tile',
    );
  }
  const grainScale = geometry.dpi >= 300 ? 5 : 3;
  context.save();
  context.translate(
    -random.integer(0, GRAIN_TILE_SIZE - 1),
    -random.integer(0, GRAIN_TILE_SIZE - 1),
  );
  context.scale(grainScale, grainScale);
  context.fillStyle = pattern;
  context.fillRect(
    0,
    0,
    geometry.width / grainScale + GRAIN_TILE_SIZE,
    geometry.height / grainScale + GRAIN_TILE_SIZE,
  );
  context.restore();
}

/** Draws dust and toner specks, on top of everything else as a scan shows them. */
export function drawSpecks(
  context: SKRSContext2D,
  geometry: PageGeometry,
  random: SeededRandom,
): void {
  const speckCount = random.integer(20, 70);
  for (let i = 0; i < speckCount; i++) {
    const grey = random.integer(40, 160);
    context.fillStyle = `rgb(${grey}, ${grey}, ${grey})`;
    context.beginPath();
    context.ellipse(
      random.between(0, geometry.width),
      random.between(0, geometry.height),
      geometry.mm(random.between(0.1, 0.4)),
      geometry.mm(random.between(0.1, 0.3)),
      random.between(0, Math.PI),
      0,
      Math.PI * 2,
    );
    context.fill();
  }
}
