/**
 * The annotation toolbar: the tools, the colours, undo, redo and delete.
 * Each button shows its keyboard shortcut in its tooltip and announces it
 * through `aria-keyshortcuts`.
 */
import type { ReactNode } from 'react';
import {
  Separator,
  ToggleButton,
  ToggleButtonGroup,
  Toolbar,
  Tooltip,
  TooltipTrigger,
  type Key,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { ANNOTATION_COLORS } from '../../core/annotations/annotation-colors';
import {
  ShortcutButton,
  TOOLTIP_DELAY_MS,
} from '../components/shortcut-button';
import { useShortcutText } from '../hooks/use-shortcut-text';
import { keyShortcutsRef, type ShortcutId } from '../shortcuts';
import { ACTION_ICONS, TOOL_ICONS } from './annotation-icons';
import {
  ANNOTATION_TOOLS,
  TOOL_SHORTCUTS,
  type AnnotationTool,
} from './annotation-tools';
import type { AnnotationEditor } from './use-annotation-editor';

export function AnnotationToolbar(props: { editor: AnnotationEditor }) {
  const { editor } = props;
  const { t } = useTranslation();
  const shortcutText = useShortcutText();
  const colorId =
    ANNOTATION_COLORS.find((entry) => entry.value === editor.color)?.id ?? null;

  return (
    <Toolbar
      aria-label={t('annotations.toolbar')}
      className="annotation-toolbar"
    >
      <ToggleButtonGroup
        aria-label={t('annotations.tools')}
        className="annotation-group"
        selectionMode="single"
        disallowEmptySelection
        isDisabled={editor.readOnly}
        selectedKeys={[editor.tool]}
        onSelectionChange={(keys) =>
          onlyKey(keys, (key) => editor.setTool(key as AnnotationTool))
        }
      >
        {ANNOTATION_TOOLS.map((tool) => (
          <WithTooltip
            key={tool}
            tooltip={
              <>
                {t(`annotations.tool.${tool}`)}{' '}
                <kbd>{shortcutText(TOOL_SHORTCUTS[tool])}</kbd>
              </>
            }
          >
            <ToggleButton
              id={tool}
              className="annotation-button"
              aria-label={t(`annotations.tool.${tool}`)}
              ref={keyShortcutsRef(TOOL_SHORTCUTS[tool])}
            >
              {TOOL_ICONS[tool]}
            </ToggleButton>
          </WithTooltip>
        ))}
      </ToggleButtonGroup>

      <Separator orientation="vertical" className="annotation-separator" />

      <ToggleButtonGroup
        ref={keyShortcutsRef('nextColor')}
        aria-label={t('annotations.colors')}
        className="annotation-group"
        selectionMode="single"
        disallowEmptySelection
        isDisabled={editor.readOnly}
        selectedKeys={colorId === null ? [] : [colorId]}
        onSelectionChange={(keys) =>
          onlyKey(keys, (key) => {
            const entry = ANNOTATION_COLORS.find((color) => color.id === key);
            if (entry !== undefined) {
              editor.setColor(entry.value);
            }
          })
        }
      >
        {ANNOTATION_COLORS.map((color) => (
          <WithTooltip
            key={color.id}
            tooltip={
              <>
                {t(`annotations.color.${color.id}`)} ·{' '}
                {t('annotations.nextColor')}{' '}
                <kbd>{shortcutText('nextColor')}</kbd>
              </>
            }
          >
            <ToggleButton
              id={color.id}
              className="annotation-button annotation-swatch"
              aria-label={t(`annotations.color.${color.id}`)}
            >
              <svg
                viewBox="0 0 20 20"
                width="20"
                height="20"
                aria-hidden="true"
              >
                <circle cx="10" cy="10" r="7" fill={color.value} />
              </svg>
            </ToggleButton>
          </WithTooltip>
        ))}
      </ToggleButtonGroup>

      <Separator orientation="vertical" className="annotation-separator" />

      <ActionButton
        label={t('annotations.undo')}
        shortcut="undo"
        icon={ACTION_ICONS.undo}
        isDisabled={!editor.canUndo}
        onPress={editor.undo}
      />
      <ActionButton
        label={t('annotations.redo')}
        shortcut="redo"
        icon={ACTION_ICONS.redo}
        isDisabled={!editor.canRedo}
        onPress={editor.redo}
      />
      <ActionButton
        label={t('annotations.delete')}
        shortcut="deleteSelection"
        icon={ACTION_ICONS.delete}
        isDisabled={editor.readOnly || editor.selectedId === null}
        onPress={editor.deleteSelected}
      />

      {editor.hiddenCount > 0 && (
        <span className="annotation-hidden" role="status">
          {t('annotations.hidden', { count: editor.hiddenCount })}
        </span>
      )}
    </Toolbar>
  );
}

function ActionButton(props: {
  label: string;
  shortcut: ShortcutId;
  icon: ReactNode;
  isDisabled: boolean;
  onPress: () => void;
}) {
  return (
    <ShortcutButton
      className="annotation-button"
      label={props.label}
      shortcut={props.shortcut}
      isDisabled={props.isDisabled}
      onPress={props.onPress}
    >
      {props.icon}
    </ShortcutButton>
  );
}

function WithTooltip(props: { tooltip: ReactNode; children: ReactNode }) {
  return (
    <TooltipTrigger delay={TOOLTIP_DELAY_MS}>
      {props.children}
      <Tooltip className="shortcut-tooltip" offset={6}>
        {props.tooltip}
      </Tooltip>
    </TooltipTrigger>
  );
}

/** Calls `use` with the selected key of a single-selection group. */
function onlyKey(keys: Set<Key>, use: (key: Key) => void): void {
  const [key] = keys;
  if (key !== undefined) {
    use(key);
  }
}
