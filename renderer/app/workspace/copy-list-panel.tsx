import { useEffect, useRef, type ReactNode } from 'react';
import {
  Heading,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Button,
  ToggleButton,
  ToggleButtonGroup,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import {
  COPY_FILTERS,
  COPY_SORTS,
  isFlagged,
  markingState,
  type CopyFilter,
  type CopyListEntry,
  type CopySort,
} from '../../core/marking/copy-list';
import { formatPoints } from '../../core/marking/points-entry';
import { routeHref } from '../hooks/use-route';
import { SyncBadges } from '../conflicts/sync-badges';
import { IntegrityBadge, useBatchFindings } from '../ocr/integrity-findings';

/**
 * Renders the left column: the batch's copies in the chosen filter and order,
 * each with its marking state, total, flags and sync state. Choosing one
 * opens it.
 */
export function CopyListPanel(props: {
  batchId: string;
  copyId: string;
  entries: CopyListEntry[];
  filter: CopyFilter;
  sort: CopySort;
  onFilterChange(filter: CopyFilter): void;
  onSortChange(sort: CopySort): void;
  /** The examiner's pace, below the list. */
  pace: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const findings = useBatchFindings(props.batchId);
  const list = useRef<HTMLDivElement>(null);

  // The copy on screen stays in view as the examiner moves through the batch.
  useEffect(() => {
    list.current
      ?.querySelector('[data-selected]')
      ?.scrollIntoView({ block: 'nearest' });
  }, [props.copyId]);

  return (
    <nav className="copy-list-panel" aria-labelledby="copy-list-title">
      <Heading level={2} id="copy-list-title">
        {t('marking.list.title')}
      </Heading>

      <ToggleButtonGroup
        className="filter-group"
        aria-label={t('marking.list.filter')}
        selectionMode="single"
        disallowEmptySelection
        selectedKeys={[props.filter]}
        onSelectionChange={(keys) => {
          const [key] = [...keys];
          if (key !== undefined) {
            props.onFilterChange(key as CopyFilter);
          }
        }}
      >
        {COPY_FILTERS.map((filter) => (
          <ToggleButton key={filter} id={filter}>
            {filter === 'to-check'
              ? t('conflicts.list.filter')
              : t(`marking.list.filters.${filter}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>

      <Select
        className="sort-select"
        selectedKey={props.sort}
        onSelectionChange={(key) => props.onSortChange(key as CopySort)}
      >
        <Label>{t('marking.list.sort')}</Label>
        <Button>
          <SelectValue />
          <span aria-hidden="true">▾</span>
        </Button>
        <Popover>
          <ListBox>
            {COPY_SORTS.map((sort) => (
              <ListBoxItem key={sort} id={sort}>
                {t(`marking.list.sorts.${sort}`)}
              </ListBoxItem>
            ))}
          </ListBox>
        </Popover>
      </Select>

      {props.entries.length === 0 ? (
        <p className="muted">{t('marking.list.empty')}</p>
      ) : (
        <ListBox
          ref={list}
          className="copy-list"
          aria-labelledby="copy-list-title"
          selectionMode="single"
          selectedKeys={[props.copyId]}
          items={props.entries}
          // Items show the findings, which are not part of the entries.
          dependencies={[findings]}
        >
          {(entry) => {
            const state = markingState(entry.summary);
            const flagged = isFlagged(entry);
            // A total shows once a question has a mark: a draft with only a
            // comment has no total yet, not a total of 0.
            const total =
              entry.total === null || (entry.summary?.markedCount ?? 0) === 0
                ? ''
                : formatPoints(entry.total, i18n.language);
            return (
              <ListBoxItem
                id={entry.copy.id}
                className={`copy-list-item state-${state}`}
                textValue={entry.copy.anonymousCode}
                href={routeHref({
                  screen: 'copy',
                  batchId: props.batchId,
                  copyId: entry.copy.id,
                })}
              >
                <span className="copy-code">{entry.copy.anonymousCode}</span>
                <span className={`state-badge state-${state}`}>
                  {t(`marking.state.${state}`)}
                </span>
                {flagged && (
                  <span className="flag-badge">
                    {t('marking.list.flagged')}
                  </span>
                )}
                <span className="copy-total">{total}</span>
                <SyncBadges entry={entry} />
                <IntegrityBadge findings={findings.get(entry.copy.id)} />
              </ListBoxItem>
            );
          }}
        </ListBox>
      )}

      {props.pace}
    </nav>
  );
}
