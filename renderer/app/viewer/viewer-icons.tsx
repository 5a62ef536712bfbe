/**
 * The toolbar's icons: 20-pixel line drawings in the text colour. The
 * buttons carry the names, so the icons are hidden from screen readers.
 */
import type { ReactNode } from 'react';

import { LineIcon } from '../components/line-icon';

function Icon(props: { children: ReactNode }) {
  return <LineIcon className="viewer-icon">{props.children}</LineIcon>;
}

export const ICONS = {
  previousPage: (
    <Icon>
      <path d="M12.5 4.5 7 10l5.5 5.5" />
    </Icon>
  ),
  nextPage: (
    <Icon>
      <path d="M7.5 4.5 13 10l-5.5 5.5" />
    </Icon>
  ),
  zoomOut: (
    <Icon>
      <path d="M4.5 10h11" />
    </Icon>
  ),
  zoomIn: (
    <Icon>
      <path d="M4.5 10h11M10 4.5v11" />
    </Icon>
  ),
  fitWidth: (
    <Icon>
      <path d="M2.5 10h15M5.5 7 2.5 10l3 3M14.5 7l3 3-3 3" />
    </Icon>
  ),
  fitPage: (
    <Icon>
      <rect x="5" y="2.5" width="10" height="15" rx="1" />
      <path d="M8 6.5h4M8 9.5h4M8 12.5h2.5" />
    </Icon>
  ),
  rotateCounterClockwise: (
    <Icon>
      <path d="M4.5 8.5a6 6 0 1 1 1.3 5.6" />
      <path d="M4 4.5v4h4" />
    </Icon>
  ),
  rotateClockwise: (
    <Icon>
      <path d="M15.5 8.5a6 6 0 1 0-1.3 5.6" />
      <path d="M16 4.5v4h-4" />
    </Icon>
  ),
  continuous: (
    <Icon>
      <rect x="5" y="1.5" width="10" height="7.5" rx="1" />
      <rect x="5" y="11" width="10" height="7.5" rx="1" />
    </Icon>
  ),
} as const;
