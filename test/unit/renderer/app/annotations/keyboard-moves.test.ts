import { describe, expect, it } from 'vitest';

import {
  ARROW_SHIFT_STEP_PX,
  ARROW_STEP_PX,
  arrowMove,
  clampToFrame,
} from '../../../../../renderer/app/annotations/keyboard-moves';

const NO_MODIFIERS = {
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
};

describe('arrowMove', () => {
  it('each arrow moves its way', () => {
    expect(arrowMove({ ...NO_MODIFIERS, key: 'ArrowLeft' })).toEqual({
      x: -ARROW_STEP_PX,
      y: 0,
    });
    expect(arrowMove({ ...NO_MODIFIERS, key: 'ArrowRight' })).toEqual({
      x: ARROW_STEP_PX,
      y: 0,
    });
    expect(arrowMove({ ...NO_MODIFIERS, key: 'ArrowUp' })).toEqual({
      x: 0,
      y: -ARROW_STEP_PX,
    });
    expect(arrowMove({ ...NO_MODIFIERS, key: 'ArrowDown' })).toEqual({
      x: 0,
      y: ARROW_STEP_PX,
    });
  });

  it('Shift takes a long step', () => {
    expect(
      arrowMove({ ...NO_MODIFIERS, key: 'ArrowDown', shiftKey: true }),
    ).toEqual({ x: 0, y: ARROW_SHIFT_STEP_PX });
  });

  it('Alt+Arrow is not a move', () => {
    expect(
      arrowMove({ ...NO_MODIFIERS, key: 'ArrowRight', altKey: true }),
    ).toBeNull();
    expect(
      arrowMove({ ...NO_MODIFIERS, key: 'ArrowRight', ctrlKey: true }),
    ).toBeNull();
  });

  it('other keys are not moves', () => {
    expect(arrowMove({ ...NO_MODIFIERS, key: 'Enter' })).toBeNull();
  });
});

describe('clampToFrame', () => {
  it('keeps the cursor on the page', () => {
    const frame = { width: 600, height: 800 };

    expect(clampToFrame({ x: -5, y: 900 }, frame)).toEqual({ x: 0, y: 800 });
    expect(clampToFrame({ x: 300, y: 400 }, frame)).toEqual({ x: 300, y: 400 });
  });
});
