import { describe, expect, it } from 'vitest';

import {
  createStamp,
  createStroke,
  createTextNote,
} from '../../../../../renderer/core/annotations/create-annotation';
import { layoutShape } from '../../../../../renderer/core/annotations/shape-layout';
import {
  ROTATIONS,
  type PageFrame,
} from '../../../../../renderer/core/pages/page-frame';
import { drawable } from './annotation-fixtures';

const FIELDS = { id: 'new', color: '#d32f2f' };

function frameAt(rotation: PageFrame['rotation']): PageFrame {
  const quarterTurn = rotation === 90 || rotation === 270;
  return {
    page: 3,
    rotation,
    width: quarterTurn ? 1160 : 820,
    height: quarterTurn ? 820 : 1160,
  };
}

describe('createStamp', () => {
  for (const rotation of ROTATIONS) {
    it(`lands under the click at ${rotation}`, () => {
      const frame = frameAt(rotation);

      const tick = createStamp('tick', { x: 200, y: 300 }, frame, FIELDS);
      const layout = layoutShape(drawable(tick), frame);

      expect(tick.page).toBe(3);
      expect(layout.kind).toBe('tick');
      if (layout.kind !== 'tick') return;
      expect(layout.center.x).toBeCloseTo(200, 0);
      expect(layout.center.y).toBeCloseTo(300, 0);
      // Upright on the page as shown when it was placed.
      expect(layout.rotation).toBe(0);
    });
  }

  it('turns with the page afterwards', () => {
    const tick = createStamp('cross', { x: 200, y: 300 }, frameAt(90), FIELDS);

    const layout = layoutShape(drawable(tick), frameAt(180));

    expect(layout.kind === 'cross' && layout.rotation).toBe(90);
  });
});

describe('createTextNote', () => {
  it('keeps the text and the colour', () => {
    const note = createTextNote('Bien', { x: 10, y: 20 }, frameAt(270), {
      id: 'n1',
      color: '#1565c0',
    });

    expect(note).toMatchObject({
      id: 'n1',
      page: 3,
      kind: 'text',
      text: 'Bien',
      color: '#1565c0',
      geometry: { rotation: 90 },
    });
  });
});

describe('createStroke', () => {
  const inputs = [
    { x: 100, y: 100, pressure: 0.2 },
    { x: 150, y: 120, pressure: 0.8 },
    { x: 200, y: 100, pressure: 0.4 },
  ];

  it('pen keeps the pressure', () => {
    const pen = createStroke('pen', inputs, frameAt(0), {
      ...FIELDS,
      withPressure: true,
    });

    expect(pen.kind).toBe('pen');
    expect(pen.geometry).toMatchObject({ pressures: [0.2, 0.8, 0.4] });
  });

  it('highlighter is wider without pressure', () => {
    const pen = createStroke('pen', inputs, frameAt(0), {
      ...FIELDS,
      withPressure: false,
    });
    const highlighter = createStroke('highlighter', inputs, frameAt(0), {
      ...FIELDS,
      withPressure: true,
    });

    const penWidth = (pen.geometry as { width: number }).width;
    const highlighterWidth = (highlighter.geometry as { width: number }).width;
    expect(highlighterWidth).toBeGreaterThan(penWidth * 3);
    expect(highlighter.geometry).not.toHaveProperty('pressures');
  });
});
