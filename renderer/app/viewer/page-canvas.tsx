/**
 * One page as shown: a canvas that draws the page's bitmap, the overlay of
 * the caller drawn exactly over it, or a message in place of a page that
 * failed to render. Until its own bitmap is rendered, the canvas shows any
 * other bitmap of the page, stretched or turned to fit, or white paper.
 */
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { PageFrame } from '../../core/pages/page-frame';
import type { PageLayout } from './page-layout';
import type { PreviewBitmap } from './scan-renderer';
import type { PageProblemKind } from './scan-problem';

export interface PageCanvasProps {
  layout: PageLayout;
  pageCount: number;
  bitmap: ImageBitmap | undefined;
  preview: PreviewBitmap | undefined;
  problem: PageProblemKind | undefined;
  renderTimeoutMs: number;
  renderOverlay?: (frame: PageFrame) => ReactNode;
  onReportProblem?: () => void;
}

export function PageCanvas(props: PageCanvasProps) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const { frame, bitmap: request } = props.layout;
  const label = t('viewer.page', { page: frame.page, count: props.pageCount });

  // Drawing in a layout effect puts the new page on screen in the same
  // frame as the page number, with a single drawImage when it is rendered.
  useLayoutEffect(() => {
    const element = canvas.current;
    if (element === null) {
      return;
    }
    if (element.width !== request.width || element.height !== request.height) {
      element.width = request.width;
      element.height = request.height;
    }
    const context = element.getContext('2d', { alpha: false });
    if (context === null) {
      return;
    }

    if (props.bitmap !== undefined) {
      context.drawImage(props.bitmap, 0, 0);
      element.dataset.renderedPage = String(frame.page);
      return;
    }
    delete element.dataset.renderedPage;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, request.width, request.height);
    if (props.preview !== undefined) {
      drawTurned(context, props.preview, frame.rotation, {
        width: request.width,
        height: request.height,
      });
    }
  }, [
    props.bitmap,
    props.preview?.bitmap,
    props.preview?.rotation,
    request.width,
    request.height,
    frame.page,
    frame.rotation,
  ]);

  const size = { width: frame.width, height: frame.height };
  if (props.problem !== undefined) {
    const seconds = Math.ceil(props.renderTimeoutMs / 1000);
    return (
      <div className="scan-page scan-page-problem" style={size}>
        <div role="alert">
          <p>
            {t(`viewer.pageProblem.${props.problem}`, {
              page: frame.page,
              seconds,
            })}
          </p>
          {props.onReportProblem !== undefined && (
            <Button onPress={props.onReportProblem}>
              {t('viewer.reportProblem')}
            </Button>
          )}
        </div>
      </div>
    );
  }

  return (
    <div className="scan-page" style={size}>
      <canvas
        ref={canvas}
        className="scan-page-canvas"
        role="img"
        aria-label={label}
        style={size}
      />
      {props.renderOverlay !== undefined && (
        <div className="scan-page-overlay" style={size}>
          {props.renderOverlay(frame)}
        </div>
      )}
    </div>
  );
}

/**
 * Draws `preview` over the whole canvas of `size`, turned from its own
 * rotation to `rotation`.
 */
function drawTurned(
  context: CanvasRenderingContext2D,
  preview: PreviewBitmap,
  rotation: number,
  size: { width: number; height: number },
): void {
  const turn = (((rotation - preview.rotation) % 360) + 360) % 360;
  const quarter = turn === 90 || turn === 270;
  const width = quarter ? size.height : size.width;
  const height = quarter ? size.width : size.height;

  context.save();
  context.translate(size.width / 2, size.height / 2);
  context.rotate((turn * Math.PI) / 180);
  context.drawImage(preview.bitmap, -width / 2, -height / 2, width, height);
  context.restore();
}
