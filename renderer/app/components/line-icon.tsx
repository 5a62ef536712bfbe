import type { ReactNode } from 'react';

/**
 * Draws a 20-pixel line icon in the text colour, for toolbar buttons. The
 * buttons carry the names, so the icon is hidden from screen readers.
 */
export function LineIcon(props: { className: string; children: ReactNode }) {
  return (
    <svg
      className={props.className}
      viewBox="0 0 20 20"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {props.children}
    </svg>
  );
}
