import {
  useEffect,
  useRef,
  useMemo,
  useState,
  type ComponentProps,
  type RefObject,
} from 'react';
import { ToggleButton, TooltipTrigger } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { OcrSearchHit } from '../../core/ocr/ocr-search';
import {
  ShortcutTooltip,
  TOOLTIP_DELAY_MS,
} from '../components/shortcut-button';
import { routeHref } from '../hooks/use-route';
import { OcrOverlay } from '../ocr/ocr-overlay';
import { OcrPanel } from '../ocr/ocr-panel';
import { useOcrSearch } from '../ocr/use-ocr-search';
import { usePageReading } from '../ocr/use-page-reading';
import { CopyScreen } from '../screens/copy-screen';
import { useServices } from '../services/app-services';
import { ariaKeyShortcut, shortcutApplies } from '../shortcuts';

type PagedCopyProps = Omit<
  ComponentProps<typeof CopyScreen>,
  'page' | 'onPageChange'
> & {
  /** Receives the page on screen, for the parts that read it when they open. */
  pageRef: RefObject<number>;
};

/**
 * Renders the copy's scan and keeps the page on screen. The page lives here
 * rather than in the workspace, so a page turn re-renders the scan column
 * only, not the copy list and the marking panel around it. The OCR panel
 * lives here too, because its search turns pages and moves between copies.
 */
export function PagedCopy(props: PagedCopyProps) {
  const { pageRef, toolbar, renderOverlay, ...copyProps } = props;
  const { t } = useTranslation();
  const { ocr } = useServices();
  // Each copy opens at its first page, unless a search hit opened it.
  const [shown, setShown] = useState({ copyId: props.copyId, page: 1 });
  const page = shown.copyId === props.copyId ? shown.page : 1;
  pageRef.current = page;

  const [ocrOpen, setOcrOpen] = useState(false);
  const searchField = useRef<HTMLInputElement>(null);
  const search = useOcrSearch(props.batchId, props.copyId);
  const reading = usePageReading(props.copyId, page);

  // The page shown is read before any other.
  useEffect(() => {
    ocr.showPage(props.copyId, page);
  }, [ocr, props.copyId, page]);
  useEffect(() => () => ocr.showPage(null), [ocr]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (shortcutApplies(event, 'toggleOcrText')) {
        event.preventDefault();
        setOcrOpen((open) => !open);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Opening the panel puts the focus in its search field.
  useEffect(() => {
    if (ocrOpen) {
      searchField.current?.focus();
    }
  }, [ocrOpen]);

  const jump = (hit: OcrSearchHit) => {
    setShown({ copyId: hit.copyId, page: hit.page });
    if (hit.copyId !== props.copyId) {
      window.location.hash = routeHref({
        screen: 'copy',
        batchId: props.batchId,
        copyId: hit.copyId,
      });
    }
  };

  // A short visible label keeps the toggle on the viewer's row, and its
  // accessible name and tooltip give the full name and the shortcut. It is
  // memoized so that the viewer's memoized toolbar skips this screen's
  // other renders.
  const ocrToggle = useMemo(
    () => (
      <TooltipTrigger delay={TOOLTIP_DELAY_MS}>
        <ToggleButton
          isSelected={ocrOpen}
          onChange={setOcrOpen}
          aria-label={t('ocr.panel.toggle')}
          aria-keyshortcuts={ariaKeyShortcut('toggleOcrText')}
        >
          OCR
        </ToggleButton>
        <ShortcutTooltip
          label={t('ocr.panel.toggle')}
          shortcut="toggleOcrText"
        />
      </TooltipTrigger>
    ),
    [ocrOpen, t],
  );

  const hits = search.result?.hits ?? [];
  const pageHits = (framePage: number) => {
    const onPage = hits
      .map((hit, index) => ({ hit, index }))
      .filter(
        ({ hit }) => hit.copyId === props.copyId && hit.page === framePage,
      );
    const current = onPage.findIndex(({ index }) => index === search.index);
    return {
      boxes: onPage.map(({ hit }) => hit.boxes),
      current: current === -1 ? null : current,
    };
  };

  return (
    <CopyScreen
      {...copyProps}
      page={page}
      onPageChange={(next) => setShown({ copyId: props.copyId, page: next })}
      toolbar={
        <>
          {toolbar}
          {ocrOpen && (
            <OcrPanel
              page={page}
              reading={reading}
              search={search}
              onJump={jump}
              searchFieldRef={searchField}
            />
          )}
        </>
      }
      viewerToolbarEnd={ocrToggle}
      renderOverlay={(frame) => {
        const { boxes, current } = pageHits(frame.page);
        const words =
          ocrOpen && frame.page === page && reading.status === 'read'
            ? reading.reading.lines.flatMap((line) => line.words)
            : null;
        return (
          <>
            {renderOverlay?.(frame)}
            {ocrOpen && (
              <OcrOverlay
                frame={frame}
                words={words}
                hits={boxes}
                currentHit={current}
              />
            )}
          </>
        );
      }}
    />
  );
}
