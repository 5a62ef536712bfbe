/**
 * The strip of page thumbnails beside the page. It is a list box: a click
 * shows the page, and the arrow keys move through the pages, each showing
 * as the focus reaches it.
 */
import {
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
} from 'react';
import { ListBox, ListBoxItem, type Selection } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { BitmapRequest } from './page-bitmap';
import type { ScanRenderer } from './scan-renderer';

export interface ThumbnailStripProps {
  thumbnails: readonly BitmapRequest[];
  page: number;
  renderer: ScanRenderer | null;
  onPageChange: (page: number) => void;
}

export function ThumbnailStrip(props: ThumbnailStripProps) {
  const { t } = useTranslation();
  const strip = useRef<HTMLDivElement>(null);
  // The same items from one render to the next let the list box skip
  // rebuilding its collection at every page turn.
  const items = useMemo(
    () => props.thumbnails.map((request) => ({ id: request.page, request })),
    [props.thumbnails],
  );

  // Keeps the current page's thumbnail in view. `scrollIntoView` would
  // scroll the window too, so only the strip scrolls.
  useEffect(() => {
    const list = strip.current;
    const item = list?.querySelector<HTMLElement>('[data-selected]');
    if (list == null || item == null) {
      return;
    }
    const listTop = list.getBoundingClientRect().top;
    const itemBox = item.getBoundingClientRect();
    const top = itemBox.top - listTop + list.scrollTop;
    const bottom = top + itemBox.height;
    if (top < list.scrollTop) {
      list.scrollTop = top;
    } else if (bottom > list.scrollTop + list.clientHeight) {
      list.scrollTop = bottom - list.clientHeight;
    }
  }, [props.page]);

  function onSelectionChange(selection: Selection) {
    if (selection === 'all') {
      return;
    }
    const [page] = selection;
    if (typeof page === 'number') {
      props.onPageChange(page);
    }
  }

  return (
    <div className="viewer-thumbnails" ref={strip}>
      <ListBox
        aria-label={t('viewer.thumbnails')}
        items={items}
        dependencies={[props.renderer]}
        selectionMode="single"
        selectionBehavior="replace"
        disallowEmptySelection
        selectedKeys={[props.page]}
        onSelectionChange={onSelectionChange}
      >
        {(item) => (
          <ListBoxItem
            className="viewer-thumbnail"
            aria-label={t('viewer.thumbnail', { page: item.id })}
            textValue={t('viewer.thumbnail', { page: item.id })}
          >
            <ThumbnailCanvas request={item.request} renderer={props.renderer} />
            <span className="viewer-thumbnail-number">{item.id}</span>
          </ListBoxItem>
        )}
      </ListBox>
    </div>
  );
}

const NO_CHANGES = () => () => undefined;

/** Draws one thumbnail; it re-renders only when its own bitmap changes. */
const ThumbnailCanvas = memo(function ThumbnailCanvas(props: {
  request: BitmapRequest;
  renderer: ScanRenderer | null;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { renderer, request } = props;
  const bitmap = useSyncExternalStore(renderer?.subscribe ?? NO_CHANGES, () =>
    renderer?.thumbnail(request),
  );
  const { width, height } = props.request;
  const ratio = window.devicePixelRatio || 1;

  useLayoutEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d', { alpha: false });
    if (element == null || context == null) {
      return;
    }
    element.width = width;
    element.height = height;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    if (bitmap !== undefined) {
      context.drawImage(bitmap, 0, 0, width, height);
    }
  }, [bitmap, width, height]);

  return (
    <canvas
      ref={canvas}
      className="viewer-thumbnail-canvas"
      aria-hidden="true"
      style={{ width: width / ratio, height: height / ratio }}
    />
  );
});
