import { describe, expect, it } from 'vitest';

import {
  ImagePageMapping,
  OcrInputError,
} from '../../../../shared/ocr/ocr-image';

const TOP_SIXTH = { left: 0, top: 0, right: 1, bottom: 1 / 6 };

describe('ImagePageMapping', () => {
  it('maps pixels of a whole upright page', () => {
    const mapping = new ImagePageMapping(1000, 2000);

    expect(mapping.pixelsToPage(100, 200, 500, 400)).toEqual({
      left: 0.1,
      top: 0.1,
      right: 0.5,
      bottom: 0.2,
    });
    expect(mapping.pageToPixels(TOP_SIXTH)).toEqual({
      left: 0,
      top: 0,
      width: 1000,
      height: 334,
    });
  });

  it('maps pixels of a band image to the page', () => {
    const mapping = new ImagePageMapping(1240, 292, TOP_SIXTH);
    const box = mapping.pixelsToPage(0, 146, 620, 292);

    expect(box.left).toBe(0);
    expect(box.right).toBeCloseTo(0.5);
    expect(box.top).toBeCloseTo(1 / 12);
    expect(box.bottom).toBeCloseTo(1 / 6);
  });

  it('maps an upside-down band back to the page bottom', () => {
    // The bottom sixth of the page, rendered turned 180° so its text is upright.
    const bottomSixth = { left: 0, top: 5 / 6, right: 1, bottom: 1 };
    const mapping = new ImagePageMapping(1240, 292, bottomSixth, 180);

    // The image's top left corner is the page's bottom right corner.
    const corner = mapping.pixelsToPage(0, 0, 124, 29.2);
    expect(corner.left).toBeCloseTo(0.9);
    expect(corner.right).toBeCloseTo(1);
    // A tenth of the band's height, which is a sixth of the page.
    expect(corner.top).toBeCloseTo(1 - 1 / 60);
    expect(corner.bottom).toBeCloseTo(1);
  });

  it('maps a band turned 270° to the right edge', () => {
    // A sheet fed turned 90° clockwise has its header down the right edge,
    // and a view turned 270° shows that edge as the top band.
    const rightSixth = { left: 5 / 6, top: 0, right: 1, bottom: 1 };
    const mapping = new ImagePageMapping(1754, 292, rightSixth, 270);

    const topLeft = mapping.pixelsToPage(0, 0, 1, 1);
    expect(topLeft.right).toBeCloseTo(1);
    expect(topLeft.top).toBeCloseTo(0);
    expect(mapping.pageToPixels(rightSixth)).toEqual({
      left: 0,
      top: 0,
      width: 1754,
      height: 292,
    });
  });

  it('rejects a region outside the image area', () => {
    const mapping = new ImagePageMapping(1240, 292, TOP_SIXTH);

    expect(() =>
      mapping.pageToPixels({ left: 0, top: 0.5, right: 1, bottom: 0.7 }),
    ).toThrow(/lies outside the image's area/);
  });

  it.each([
    [0, 10, undefined, 0, /Invalid image width: 0/],
    [10, 2.5, undefined, 0, /Invalid image height: 2.5/],
    [10, 10, undefined, 45, /Invalid image rotation: 45/],
    [10, 10, { left: 0, top: 0, right: 2, bottom: 1 }, 0, /Invalid image area/],
  ] as const)(
    'rejects size %s x %s, area %j, rotation %s',
    (width, height, area, rotation, message) => {
      const create = () =>
        new ImagePageMapping(width, height, area, rotation as 0);

      expect(create).toThrow(OcrInputError);
      expect(create).toThrow(message);
    },
  );
});
