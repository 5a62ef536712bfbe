import { describe, expect, it } from 'vitest';

import {
  isPenEraser,
  pointerPosition,
} from '../../../../../renderer/app/annotations/pointer-position';

const FRAME = { width: 600, height: 800 };

describe('pointerPosition', () => {
  it('measures from the layer box', () => {
    const point = pointerPosition(
      { clientX: 150, clientY: 260, pressure: 0.5, pointerType: 'mouse' },
      { left: 50, top: 60, width: 600, height: 800 },
      FRAME,
    );

    expect(point).toEqual({ x: 100, y: 200 });
  });

  it('undoes a CSS scale of the layer', () => {
    // The layer is drawn at half size on screen.
    const point = pointerPosition(
      { clientX: 150, clientY: 260, pressure: 0.5, pointerType: 'mouse' },
      { left: 50, top: 60, width: 300, height: 400 },
      FRAME,
    );

    expect(point).toEqual({ x: 200, y: 400 });
  });

  it('keeps only a pen pressure', () => {
    const box = { left: 0, top: 0, width: 600, height: 800 };
    const sample = { clientX: 1, clientY: 1, pressure: 0.8 };

    expect(
      pointerPosition({ ...sample, pointerType: 'pen' }, box, FRAME).pressure,
    ).toBe(0.8);
    expect(
      pointerPosition({ ...sample, pointerType: 'touch' }, box, FRAME),
    ).not.toHaveProperty('pressure');
    expect(
      pointerPosition({ ...sample, pointerType: 'mouse' }, box, FRAME),
    ).not.toHaveProperty('pressure');
  });
});

describe('isPenEraser', () => {
  it('pen eraser button erases', () => {
    expect(isPenEraser({ pointerType: 'pen', button: 5, buttons: 32 })).toBe(
      true,
    );
  });

  it('pen tip draws', () => {
    expect(isPenEraser({ pointerType: 'pen', button: 0, buttons: 1 })).toBe(
      false,
    );
  });

  it('mouse button 5 is not an eraser', () => {
    expect(isPenEraser({ pointerType: 'mouse', button: 5, buttons: 32 })).toBe(
      false,
    );
  });
});
