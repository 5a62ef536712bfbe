import type { ReactNode } from 'react';

/**
 * Renders a message in the flow of the page. Errors use `role="alert"`, so screen
 * readers announce them at once; other tones use `role="status"`.
 */
export function Alert(props: {
  tone: 'error' | 'warning' | 'info' | 'success';
  children: ReactNode;
}) {
  return (
    <div
      className={`alert alert-${props.tone}`}
      role={props.tone === 'error' ? 'alert' : 'status'}
    >
      {props.children}
    </div>
  );
}
