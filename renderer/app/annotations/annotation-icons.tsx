/**
 * Icons of the annotation toolbar: 20-pixel line drawings in the text
 * colour. The buttons carry the names, so the icons are hidden from screen
 * readers.
 */
import type { ReactNode } from 'react';

import { LineIcon } from '../components/line-icon';

import type { AnnotationTool } from './annotation-tools';

function Icon(props: { children: ReactNode }) {
  return <LineIcon className="annotation-icon">{props.children}</LineIcon>;
}

export const TOOL_ICONS: Record<AnnotationTool, ReactNode> = {
  select: (
    <Icon>
      <path d="M5 3v13l3.5-3.5 2.5 5 2-1-2.5-5H15L5 3Z" />
    </Icon>
  ),
  pen: (
    <Icon>
      <path d="M3.5 16.5 4.5 13 13 4.5a1.8 1.8 0 0 1 2.5 2.5L7 15.5l-3.5 1Z" />
      <path d="m11.5 6 2.5 2.5" />
    </Icon>
  ),
  highlighter: (
    <Icon>
      <path d="m6 12 6.5-8.5 4 3L10 15H6v-3Z" />
      <path d="M3 17.5h8" strokeWidth="2.6" />
    </Icon>
  ),
  text: (
    <Icon>
      <path d="M4.5 5V3.5h11V5M10 3.5v13M7.5 16.5h5" />
    </Icon>
  ),
  tick: (
    <Icon>
      <path d="m3.5 10.5 4 4 9-9" />
    </Icon>
  ),
  cross: (
    <Icon>
      <path d="m5 5 10 10M15 5 5 15" />
    </Icon>
  ),
  eraser: (
    <Icon>
      <path d="m8 16.5-4-4a1.5 1.5 0 0 1 0-2L11 3.5a1.5 1.5 0 0 1 2 0l4 4a1.5 1.5 0 0 1 0 2l-7 7H8Z" />
      <path d="m7 7.5 6 6M10 16.5h7" />
    </Icon>
  ),
};

export const ACTION_ICONS = {
  undo: (
    <Icon>
      <path d="M7.5 4.5 4 8l3.5 3.5" />
      <path d="M4 8h7.5a4.5 4.5 0 0 1 0 9H8" />
    </Icon>
  ),
  redo: (
    <Icon>
      <path d="M12.5 4.5 16 8l-3.5 3.5" />
      <path d="M16 8H8.5a4.5 4.5 0 0 0 0 9H12" />
    </Icon>
  ),
  delete: (
    <Icon>
      <path d="M4 5.5h12M8 5.5V3.5h4v2M5.5 5.5l1 11h7l1-11" />
    </Icon>
  ),
};
