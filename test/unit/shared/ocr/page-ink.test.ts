import { describe, expect, it } from 'vitest';

import {
  BLANK_INK_RATIO,
  isBlank,
  measureInk,
  type GrayRaster,
} from '../../../../shared/ocr/page-ink';

const WIDTH = 212;
const HEIGHT = 300;

/** Returns a deterministic pseudo-random sequence, so the noise is the same on every run. */
function noiseSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Returns a raster of grey paper with grain of up to ±`grain` levels. */
function paper(level = 236, grain = 6, seed = 1): GrayRaster {
  const next = noiseSource(seed);
  const data = new Uint8Array(WIDTH * HEIGHT);
  for (let i = 0; i < data.length; i++) {
    data[i] = Math.round(level + (next() * 2 - 1) * grain);
  }
  return { width: WIDTH, height: HEIGHT, data };
}

function fill(
  raster: GrayRaster,
  box: { x: number; y: number; width: number; height: number },
  level: number,
): void {
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      raster.data[y * raster.width + x] = level;
    }
  }
}

describe('measureInk', () => {
  it('finds no ink on grainy paper', () => {
    const statistics = measureInk(paper(236, 12));

    expect(statistics.inkRatio).toBe(0);
    expect(isBlank(statistics)).toBe(true);
  });

  it('ignores lone dust specks', () => {
    const raster = paper();
    const next = noiseSource(7);
    for (let speck = 0; speck < 200; speck++) {
      const x = 10 + Math.floor(next() * (WIDTH - 20));
      const y = 15 + Math.floor(next() * (HEIGHT - 30));
      fill(raster, { x, y, width: 1, height: 1 }, 40);
    }

    expect(isBlank(measureInk(raster))).toBe(true);
  });

  it('ignores a dark scanner edge', () => {
    const raster = paper();
    fill(raster, { x: 0, y: 0, width: 6, height: HEIGHT }, 20);
    fill(raster, { x: 0, y: HEIGHT - 8, width: WIDTH, height: 8 }, 20);

    expect(isBlank(measureInk(raster))).toBe(true);
  });

  it('ignores a soft lamp shadow', () => {
    const raster = paper();
    for (let x = 0; x < 40; x++) {
      const darker = Math.round((40 - x) * 0.8);
      fill(raster, { x, y: 0, width: 1, height: HEIGHT }, 236 - darker);
    }

    expect(isBlank(measureInk(raster))).toBe(true);
  });

  it('finds one handwritten word', () => {
    const raster = paper();
    fill(raster, { x: 60, y: 120, width: 25, height: 3 }, 70);

    const statistics = measureInk(raster);
    expect(statistics.inkRatio).toBeGreaterThan(BLANK_INK_RATIO);
    expect(isBlank(statistics)).toBe(false);
  });

  it('finds a printed header', () => {
    const raster = paper();
    for (let line = 0; line < 4; line++) {
      fill(raster, { x: 20, y: 15 + line * 9, width: 150, height: 3 }, 40);
    }

    expect(measureInk(raster).inkRatio).toBeGreaterThan(0.005);
  });

  it('takes the paper level from the page', () => {
    const statistics = measureInk(paper(200, 4));

    expect(statistics.paperLevel).toBeGreaterThanOrEqual(200);
    expect(statistics.paperLevel).toBeLessThanOrEqual(204);
    expect(statistics.inkLevel).toBe(statistics.paperLevel - 60);
  });

  it('finds ink on a dense page', () => {
    const raster = paper();
    for (let line = 0; line < 25; line++) {
      fill(raster, { x: 20, y: 60 + line * 9, width: 170, height: 2 }, 50);
    }

    const statistics = measureInk(raster);
    expect(statistics.inkRatio).toBeGreaterThan(0.1);
    expect(statistics.paperLevel).toBeGreaterThan(200);
  });

  it.each([
    [
      { width: 0, height: 10, data: new Uint8Array(0) },
      /Invalid raster size 0 x 10/,
    ],
    [
      { width: 10, height: 10, data: new Uint8Array(50) },
      /50 bytes for 10 x 10 pixels/,
    ],
  ])('rejects a malformed raster', (raster, message) => {
    expect(() => measureInk(raster)).toThrow(RangeError);
    expect(() => measureInk(raster)).toThrow(message);
  });
});
