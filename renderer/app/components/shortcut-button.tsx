import type { ReactNode } from 'react';
import { Button, Tooltip, TooltipTrigger } from 'react-aria-components';

import { useShortcutText } from '../hooks/use-shortcut-text';
import { keyShortcutsRef, type ShortcutId } from '../shortcuts';

/**
 * A button with a keyboard shortcut: the shortcut is in its
 * `aria-keyshortcuts` and in a tooltip shown on hover or keyboard focus.
 */
export function ShortcutButton(props: {
  shortcut: ShortcutId;
  children: ReactNode;
  onPress(): void;
  isDisabled?: boolean;
  className?: string;
  id?: string;
}) {
  const shortcutText = useShortcutText();
  return (
    <TooltipTrigger delay={500}>
      <Button
        id={props.id}
        className={props.className ?? 'react-aria-Button'}
        isDisabled={props.isDisabled}
        onPress={props.onPress}
        ref={keyShortcutsRef(props.shortcut)}
      >
        {props.children}
      </Button>
      <Tooltip className="shortcut-tooltip" offset={6}>
        <kbd>{shortcutText(props.shortcut)}</kbd>
      </Tooltip>
    </TooltipTrigger>
  );
}
