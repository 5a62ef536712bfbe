/**
 * The scrolling area of the viewer: the current page alone, or in
 * continuous mode every page stacked in one column, where the scroll
 * position sets the current page. Ctrl+wheel, which is also how Chromium
 * reports a pinch on a touchpad, zooms around the pointer.
 */
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  type ReactNode,
  type RefObject,
} from 'react';
import { useTranslation } from 'react-i18next';

import type { PageFrame } from '../../core/pages/page-frame';
import { stackPages, viewAt } from './continuous-layout';
import { PageCanvas } from './page-canvas';
import type { PageLayout } from './page-layout';
import type { ScanRenderer } from './scan-renderer';

/** Space around the pages and between two pages, CSS pixels. */
export const PAGE_MARGIN = 16;

/** A point of the area's viewport, CSS pixels from its top left corner. */
export interface ViewportPoint {
  x: number;
  y: number;
}

export type ZoomAnchor = ViewportPoint | 'centre' | null;

export interface PageAreaProps {
  area: RefObject<HTMLDivElement | null>;
  layouts: readonly PageLayout[];
  page: number;
  continuous: boolean;
  /** Pages the viewport shows in continuous mode. */
  visible: readonly number[];
  renderer: ScanRenderer | null;
  renderTimeoutMs: number;
  /** The zoom, so the area can keep the zoom's anchor point in place. */
  zoom: number;
  /**
   * The point that stays in place at the next zoom change: a point of the
   * viewport, its centre, or none (a fit keeps the scroll position).
   */
  zoomAnchor: RefObject<ZoomAnchor>;
  onScrollPage: (page: number) => void;
  onVisiblePages: (pages: number[]) => void;
  onWheelZoom: (deltaY: number, anchor: ViewportPoint) => void;
  renderOverlay?: (frame: PageFrame) => ReactNode;
  onReportProblem?: () => void;
}

export function PageArea(props: PageAreaProps) {
  const { t } = useTranslation();
  const { area, layouts, page, continuous } = props;
  const stack = useMemo(
    () =>
      stackPages(
        layouts.map((layout) => layout.frame.height),
        PAGE_MARGIN,
        PAGE_MARGIN,
      ),
    [layouts],
  );
  /** The page the scroll position shows, as last reported. */
  const scrolledPage = useRef(page);
  /**
   * The scroll position the viewer last set to show a page. While the area
   * stays there, the scroll does not report a page, because at the end of
   * the column the last page may show less than the one before it.
   */
  const pageScrollTop = useRef<number | null>(null);
  const latest = useRef(props);
  latest.current = props;

  // Keeps the anchor point in place when the examiner zooms.
  const previousZoom = useRef(props.zoom);
  useLayoutEffect(() => {
    const element = area.current;
    const requested = props.zoomAnchor.current;
    const ratio = props.zoom / previousZoom.current;
    previousZoom.current = props.zoom;
    props.zoomAnchor.current = null;
    if (element === null || requested === null || ratio === 1) {
      return;
    }
    const anchor =
      requested === 'centre'
        ? { x: element.clientWidth / 2, y: element.clientHeight / 2 }
        : requested;
    element.scrollLeft = (element.scrollLeft + anchor.x) * ratio - anchor.x;
    element.scrollTop = (element.scrollTop + anchor.y) * ratio - anchor.y;
  }, [area, props.zoom, props.zoomAnchor]);

  // Shows the current page when it changes other than by scrolling.
  useLayoutEffect(() => {
    const element = area.current;
    if (element === null || page === scrolledPage.current) {
      return;
    }
    scrolledPage.current = page;
    if (continuous) {
      element.scrollTop = (stack.tops[page - 1] ?? 0) - PAGE_MARGIN;
      pageScrollTop.current = element.scrollTop;
    } else {
      element.scrollTop = 0;
    }
  }, [area, page, continuous, stack]);

  // Entering or leaving continuous mode shows the current page.
  useLayoutEffect(() => {
    const element = area.current;
    const { page, onVisiblePages } = latest.current;
    if (element !== null && continuous) {
      element.scrollTop = (stack.tops[page - 1] ?? 0) - PAGE_MARGIN;
      pageScrollTop.current = element.scrollTop;
    }
    onVisiblePages([page]);
    // The stack is read at that moment only, so it is not a dependency.
  }, [area, continuous]);

  useEffect(() => {
    const element = area.current;
    if (element === null) {
      return;
    }
    function onScroll() {
      if (element === null || !latest.current.continuous) {
        return;
      }
      const view = viewAt(stack, element.scrollTop, element.clientHeight);
      latest.current.onVisiblePages(view.visible);
      const setByViewer = pageScrollTop.current;
      if (
        setByViewer !== null &&
        Math.abs(element.scrollTop - setByViewer) < 1
      ) {
        return;
      }
      pageScrollTop.current = null;
      if (view.current !== scrolledPage.current) {
        scrolledPage.current = view.current;
        latest.current.onScrollPage(view.current);
      }
    }
    function onWheel(event: WheelEvent) {
      if (!event.ctrlKey || element === null) {
        return;
      }
      // The browser would zoom the whole app instead.
      event.preventDefault();
      const box = element.getBoundingClientRect();
      const lineHeight = 16;
      const deltaY =
        event.deltaMode === WheelEvent.DOM_DELTA_LINE
          ? event.deltaY * lineHeight
          : event.deltaMode === WheelEvent.DOM_DELTA_PAGE
            ? event.deltaY * element.clientHeight
            : event.deltaY;
      latest.current.onWheelZoom(deltaY, {
        x: event.clientX - box.left,
        y: event.clientY - box.top,
      });
    }
    element.addEventListener('scroll', onScroll, { passive: true });
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      element.removeEventListener('scroll', onScroll);
      element.removeEventListener('wheel', onWheel);
    };
  }, [area, stack]);

  const canvasFor = (layout: PageLayout) => {
    const renderer = props.renderer;
    const pageNumber = layout.frame.page;
    return (
      <PageCanvas
        key={continuous ? pageNumber : 'single'}
        layout={layout}
        pageCount={layouts.length}
        bitmap={renderer?.bitmap(layout.bitmap)}
        preview={renderer?.preview(pageNumber)}
        problem={renderer?.problem(pageNumber)}
        renderTimeoutMs={props.renderTimeoutMs}
        renderOverlay={props.renderOverlay}
        onReportProblem={props.onReportProblem}
      />
    );
  };

  let pages: ReactNode;
  if (!continuous) {
    const layout = layouts[page - 1];
    pages = layout === undefined ? null : canvasFor(layout);
  } else {
    // Pages far from the viewport are empty boxes of the right size, so
    // only a few canvases hold pixels.
    const near = new Set<number>();
    for (const visible of [page, ...props.visible]) {
      near
        .add(visible - 1)
        .add(visible)
        .add(visible + 1);
    }
    pages = layouts.map((layout) =>
      near.has(layout.frame.page) ? (
        canvasFor(layout)
      ) : (
        <div
          key={layout.frame.page}
          className="scan-page"
          style={{ width: layout.frame.width, height: layout.frame.height }}
        />
      ),
    );
  }

  return (
    <div
      ref={area}
      className="viewer-area"
      role="region"
      aria-label={t('viewer.label')}
      aria-busy={props.renderer?.busy ?? true}
      tabIndex={0}
    >
      <div
        className={
          continuous ? 'viewer-pages viewer-continuous' : 'viewer-pages'
        }
        style={{ padding: PAGE_MARGIN, gap: PAGE_MARGIN }}
      >
        {pages}
      </div>
    </div>
  );
}
