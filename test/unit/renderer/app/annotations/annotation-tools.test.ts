import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import {
  ANNOTATION_TOOLS,
  editorCommandFor,
  TOOL_SHORTCUTS,
} from '../../../../../renderer/app/annotations/annotation-tools';
import { SHORTCUTS } from '../../../../../renderer/app/shortcuts';

// The shortcut checks ask whether the target is a text field through the
// DOM's element classes, which Node does not have.
class FakeElement {
  isContentEditable = false;
}
class FakeInput extends FakeElement {
  type = 'text';
}
class FakeTextArea extends FakeElement {}

beforeAll(() => {
  vi.stubGlobal('HTMLElement', FakeElement);
  vi.stubGlobal('HTMLInputElement', FakeInput);
  vi.stubGlobal('HTMLTextAreaElement', FakeTextArea);
});

afterAll(() => {
  vi.unstubAllGlobals();
});

function press(
  key: string,
  options: {
    ctrl?: boolean;
    shift?: boolean;
    alt?: boolean;
    target?: unknown;
    defaultPrevented?: boolean;
  } = {},
): KeyboardEvent {
  return {
    key,
    ctrlKey: options.ctrl ?? false,
    metaKey: false,
    shiftKey: options.shift ?? false,
    altKey: options.alt ?? false,
    target: options.target ?? new FakeElement(),
    defaultPrevented: options.defaultPrevented ?? false,
  } as unknown as KeyboardEvent;
}

describe('editorCommandFor', () => {
  it('each tool has its letter', () => {
    for (const tool of ANNOTATION_TOOLS) {
      const key = SHORTCUTS[TOOL_SHORTCUTS[tool]].key;
      expect(editorCommandFor(press(key))).toEqual({ type: 'tool', tool });
    }
  });

  it('letters do nothing in a text field', () => {
    expect(
      editorCommandFor(press('p', { target: new FakeInput() })),
    ).toBeNull();
    expect(
      editorCommandFor(press('c', { target: new FakeTextArea() })),
    ).toBeNull();
  });

  it('Delete does nothing in a text field', () => {
    expect(editorCommandFor(press('Delete'))).toEqual({ type: 'delete' });
    expect(
      editorCommandFor(press('Delete', { target: new FakeInput() })),
    ).toBeNull();
  });

  it('undo and redo with Ctrl', () => {
    expect(editorCommandFor(press('z', { ctrl: true }))).toEqual({
      type: 'undo',
    });
    expect(editorCommandFor(press('Z', { ctrl: true, shift: true }))).toEqual({
      type: 'redo',
    });
  });

  it('undo leaves a text field its own', () => {
    const target = new FakeInput();

    expect(editorCommandFor(press('z', { ctrl: true, target }))).toBeNull();
  });

  it('C cycles, Shift+C is not ours', () => {
    expect(editorCommandFor(press('c'))).toEqual({ type: 'next-color' });
    expect(editorCommandFor(press('C', { shift: true }))).toBeNull();
  });

  it('handled keys are left alone', () => {
    expect(editorCommandFor(press('p', { defaultPrevented: true }))).toBeNull();
  });

  it('other keys are not commands', () => {
    expect(editorCommandFor(press('r'))).toBeNull();
    expect(editorCommandFor(press('p', { alt: true }))).toBeNull();
  });
});
