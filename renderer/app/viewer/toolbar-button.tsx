/**
 * A toolbar button of the viewer: an icon with its name for screen
 * readers, and a tooltip that shows the name and the keyboard shortcut.
 */
import type { ReactNode } from 'react';
import {
  Button,
  ToggleButton,
  Tooltip,
  TooltipTrigger,
} from 'react-aria-components';

import { useShortcutText } from '../hooks/use-shortcut-text';
import { keyShortcutsRef } from '../shortcuts';
import type { ViewerShortcut } from './use-viewer-shortcuts';

interface ToolbarButtonProps {
  label: string;
  shortcut: ViewerShortcut;
  icon: ReactNode;
  isDisabled?: boolean;
  onPress: () => void;
}

function ShortcutTooltip(props: { label: string; shortcut: ViewerShortcut }) {
  const shortcutText = useShortcutText();
  return (
    <Tooltip className="viewer-tooltip" offset={6}>
      {props.label} <kbd>{shortcutText(props.shortcut)}</kbd>
    </Tooltip>
  );
}

export function ToolbarButton(props: ToolbarButtonProps) {
  return (
    <TooltipTrigger delay={500}>
      <Button
        className="viewer-button"
        aria-label={props.label}
        ref={keyShortcutsRef(props.shortcut)}
        isDisabled={props.isDisabled}
        onPress={props.onPress}
      >
        {props.icon}
      </Button>
      <ShortcutTooltip label={props.label} shortcut={props.shortcut} />
    </TooltipTrigger>
  );
}

/** Renders a toolbar button that stays pressed while its mode is on. */
export function ToolbarToggle(
  props: Omit<ToolbarButtonProps, 'onPress' | 'isDisabled'> & {
    isSelected: boolean;
    onChange: (selected: boolean) => void;
  },
) {
  return (
    <TooltipTrigger delay={500}>
      <ToggleButton
        className="viewer-button"
        aria-label={props.label}
        ref={keyShortcutsRef(props.shortcut)}
        isSelected={props.isSelected}
        onChange={props.onChange}
      >
        {props.icon}
      </ToggleButton>
      <ShortcutTooltip label={props.label} shortcut={props.shortcut} />
    </TooltipTrigger>
  );
}
