/**
 * The viewer of an open scan: toolbar, thumbnails and pages. It keeps the
 * zoom and the mode, lays the pages out, and requests from the renderer
 * the shown pages first, then their neighbours and the thumbnails.
 */
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';

import type { Logger } from '../../core/download/logger';
import type { PageFrame, Rotation } from '../../core/pages/page-frame';
import {
  PageArea,
  PAGE_MARGIN,
  type ViewportPoint,
  type ZoomAnchor,
} from './page-area';
import { bitmapBytes } from './page-bitmap';
import { rotateBy } from './page-geometry';
import {
  largestPointSize,
  layoutPages,
  shownPointSize,
  thumbnailRequests,
  type UserRotations,
} from './page-layout';
import type { OpenedScan } from './pdf-document';
import {
  fitToCache,
  neighbourOrder,
  remainingByDistance,
  type Direction,
} from './render-plan';
import { PAGE_CACHE_LIMITS } from './scan-renderer';
import { ThumbnailStrip } from './thumbnail-strip';
import { useDevicePixelRatio } from './use-device-pixel-ratio';
import { useElementSize } from './use-element-size';
import { useScanRenderer } from './use-scan-renderer';
import {
  useViewerShortcuts,
  type ViewerShortcut,
} from './use-viewer-shortcuts';
import { ViewerToolbar } from './viewer-toolbar';
import {
  resolveZoom,
  wheelZoom,
  zoomInStep,
  zoomOutStep,
  type ZoomMode,
} from './zoom';

/** Pages rendered ahead in the direction of travel, and behind. */
const PAGES_AHEAD = 2;
const PAGES_BEHIND = 1;

export interface ScanViewProps {
  scan: OpenedScan;
  page: number;
  onPageChange: (page: number) => void;
  userRotations: UserRotations;
  onRotate?: (page: number, rotation: Rotation) => void;
  renderOverlay?: (frame: PageFrame) => ReactNode;
  /** Controls shown at the end of the viewer's toolbar. */
  toolbarEnd?: ReactNode;
  onReportProblem?: () => void;
  shortcutsEnabled: boolean;
  renderTimeoutMs: number;
  logger: Logger;
}

export function ScanView(props: ScanViewProps) {
  const { scan, userRotations } = props;
  const pageCount = scan.pages.length;
  const page = Math.min(Math.max(1, props.page), pageCount);
  const [zoomMode, setZoomMode] = useState<ZoomMode>({ kind: 'fit-width' });
  const [continuous, setContinuous] = useState(false);
  const [visible, setVisible] = useState<readonly number[]>([page]);
  const direction = useRef<Direction>(1);
  const zoomAnchor = useRef<ZoomAnchor>(null);
  const area = useRef<HTMLDivElement>(null);
  const areaSize = useElementSize(area);
  const pixelRatio = useDevicePixelRatio();
  const renderer = useScanRenderer(
    scan.document,
    props.logger,
    props.renderTimeoutMs,
  );

  // Continuous mode fits the largest page, so the zoom stays the same
  // while the examiner scrolls through pages of different sizes.
  const fitted = continuous
    ? largestPointSize(scan.pages, userRotations)
    : shownPointSize(scan.pages, userRotations, page);
  const zoom = resolveZoom(zoomMode, fitted, {
    width: areaSize.width - 2 * PAGE_MARGIN,
    height: areaSize.height - 2 * PAGE_MARGIN,
  });
  // Wheel events may come faster than renders: each one zooms from the
  // zoom the one before it set.
  const latestZoom = useRef(zoom);
  latestZoom.current = zoom;
  const layouts = useMemo(
    () => layoutPages(scan.pages, userRotations, zoom, pixelRatio),
    [scan.pages, userRotations, zoom, pixelRatio],
  );
  const thumbnails = useMemo(
    () => thumbnailRequests(layouts, pixelRatio),
    [layouts, pixelRatio],
  );

  const shown = continuous
    ? [page, ...visible.filter((visiblePage) => visiblePage !== page)]
    : [page];
  const shownKey = shown.join(',');
  const measured = areaSize.width > 0;

  useEffect(() => {
    if (renderer === null || !measured) {
      return;
    }
    const order = neighbourOrder({
      shown,
      pageCount,
      direction: direction.current,
      ahead: PAGES_AHEAD,
      behind: PAGES_BEHIND,
    });
    const rest = remainingByDistance(page, pageCount, order);
    const wanted = fitToCache(
      [...order, ...rest],
      (wantedPage) => bitmapBytes(layouts[wantedPage - 1]!.bitmap),
      PAGE_CACHE_LIMITS,
    );
    const requestOf = (wantedPage: number) => layouts[wantedPage - 1]!.bitmap;
    renderer.plan({
      shown: wanted.slice(0, shown.length).map(requestOf),
      ahead: wanted.slice(shown.length, order.length).map(requestOf),
      background: wanted.slice(order.length).map(requestOf),
      thumbnails,
    });
    // `shownKey` stands for `shown`, which is a new array at every render.
  }, [renderer, measured, layouts, thumbnails, shownKey, pageCount, page]);

  function goTo(target: number) {
    const next = Math.min(Math.max(1, target), pageCount);
    if (next !== page) {
      direction.current = next > page ? 1 : -1;
      props.onPageChange(next);
    }
  }

  function zoomTo(next: number, anchor: ViewportPoint | 'centre' = 'centre') {
    zoomAnchor.current = anchor;
    latestZoom.current = next;
    setZoomMode({ kind: 'fixed', zoom: next });
  }

  function rotate(step: 90 | -90) {
    const current = userRotations[page] ?? 0;
    props.onRotate?.(page, rotateBy(current, step));
  }

  const actions: Record<ViewerShortcut, () => void> = {
    previousPage: () => goTo(page - 1),
    nextPage: () => goTo(page + 1),
    zoomIn: () => zoomTo(zoomInStep(zoom)),
    zoomOut: () => zoomTo(zoomOutStep(zoom)),
    fitWidth: () => setZoomMode({ kind: 'fit-width' }),
    fitPage: () => setZoomMode({ kind: 'fit-page' }),
    rotateClockwise: () => rotate(90),
    rotateCounterClockwise: () => rotate(-90),
    toggleContinuous: () => setContinuous((on) => !on),
  };
  useViewerShortcuts(props.shortcutsEnabled, actions);
  const latestActions = useRef(actions);
  latestActions.current = actions;
  const onAction = useCallback(
    (action: ViewerShortcut) => latestActions.current[action](),
    [],
  );

  return (
    <div className="scan-viewer">
      <ViewerToolbar
        page={page}
        pageCount={pageCount}
        zoom={zoom}
        continuous={continuous}
        onAction={onAction}
        end={props.toolbarEnd}
      />
      <div className="viewer-body">
        <ThumbnailStrip
          thumbnails={thumbnails}
          page={page}
          renderer={renderer}
          onPageChange={goTo}
        />
        <PageArea
          area={area}
          layouts={layouts}
          page={page}
          continuous={continuous}
          visible={visible}
          renderer={renderer}
          renderTimeoutMs={props.renderTimeoutMs}
          zoom={zoom}
          zoomAnchor={zoomAnchor}
          onScrollPage={goTo}
          onVisiblePages={setVisible}
          onWheelZoom={(deltaY, anchor) =>
            zoomTo(wheelZoom(latestZoom.current, deltaY), anchor)
          }
          renderOverlay={props.renderOverlay}
          onReportProblem={props.onReportProblem}
        />
      </div>
    </div>
  );
}
