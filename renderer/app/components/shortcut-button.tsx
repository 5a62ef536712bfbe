import type { ReactNode } from 'react';
import { Button, Tooltip, TooltipTrigger } from 'react-aria-components';

import { useShortcutText } from '../hooks/use-shortcut-text';
import { keyShortcutsRef, type ShortcutId } from '../shortcuts';

/** Delay before a tooltip shows on hover, milliseconds. */
export const TOOLTIP_DELAY_MS = 500;

/** Renders the tooltip of a control with a shortcut: its name, if given, then the keys. */
export function ShortcutTooltip(props: {
  label?: string;
  shortcut: ShortcutId;
}) {
  const shortcutText = useShortcutText();
  return (
    <Tooltip className="shortcut-tooltip" offset={6}>
      {props.label} <kbd>{shortcutText(props.shortcut)}</kbd>
    </Tooltip>
  );
}

/**
 * Renders a button with a keyboard shortcut: the shortcut is in its
 * `aria-keyshortcuts` and in a tooltip shown on hover or keyboard focus.
 * An icon button passes `label`, its accessible name and tooltip text.
 */
export function ShortcutButton(props: {
  shortcut: ShortcutId;
  children: ReactNode;
  onPress(): void;
  label?: string;
  isDisabled?: boolean;
  className?: string;
  id?: string;
}) {
  return (
    <TooltipTrigger delay={TOOLTIP_DELAY_MS}>
      <Button
        id={props.id}
        className={props.className ?? 'react-aria-Button'}
        aria-label={props.label}
        isDisabled={props.isDisabled}
        onPress={props.onPress}
        ref={keyShortcutsRef(props.shortcut)}
      >
        {props.children}
      </Button>
      <ShortcutTooltip label={props.label} shortcut={props.shortcut} />
    </TooltipTrigger>
  );
}
