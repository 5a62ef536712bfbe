import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { CopyListEntry } from '../../core/marking/copy-list';

/** Chooses another copy of the list to show beside the current one. */
export function CompareSelect(props: {
  copies: CopyListEntry[];
  onSelect(copyId: string): void;
}) {
  const { t } = useTranslation();

  return (
    <Select
      className="compare-select"
      placeholder={t('marking.compare.with')}
      selectedKey={null}
      isDisabled={props.copies.length === 0}
      onSelectionChange={(key) => {
        if (key !== null) {
          props.onSelect(String(key));
        }
      }}
    >
      <Label className="visually-hidden">{t('marking.compare.with')}</Label>
      <Button>
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover>
        <ListBox items={props.copies}>
          {(entry) => (
            <ListBoxItem
              id={entry.copy.id}
              textValue={entry.copy.anonymousCode}
            >
              {entry.copy.anonymousCode}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
