/**
 * The OCR words over the scan: a box per word read, marked when the
 * engine's confidence is low, and the search hits of the page, the
 * current one scrolled into view.
 */
import { useEffect, useRef } from 'react';

import type { OcrWord, PageBox } from '../../../shared/ocr/ocr-types';
import { pageToShown } from '../../core/annotations/page-transform';
import type { PageFrame } from '../../core/pages/page-frame';

/**
 * Word confidence, from 0 to 100, under which a word counts as doubtful.
 * NOTE: chosen by eye on the sample scans, not measured on real ones.
 */
export const LOW_CONFIDENCE = 60;

export function OcrOverlay(props: {
  frame: PageFrame;
  /** Words of the page's reading; null shows no word boxes. */
  words: readonly OcrWord[] | null;
  /** Search hits on this page, each the boxes of its words. */
  hits: readonly (readonly PageBox[])[];
  /** Index in `hits` of the current hit, or null when it is on another page. */
  currentHit: number | null;
}) {
  const current = useRef<HTMLDivElement>(null);
  const { frame, currentHit } = props;

  // Scrolls the viewer only, so the columns around it stay where they are.
  useEffect(() => {
    const hit = current.current;
    const area = hit?.closest('.viewer-area');
    if (hit == null || area == null) {
      return;
    }
    const hitBox = hit.getBoundingClientRect();
    const areaBox = area.getBoundingClientRect();
    area.scrollTop +=
      hitBox.top + hitBox.height / 2 - (areaBox.top + areaBox.height / 2);
    area.scrollLeft +=
      hitBox.left + hitBox.width / 2 - (areaBox.left + areaBox.width / 2);
  }, [frame.page, currentHit]);

  return (
    <div className="ocr-overlay" aria-hidden="true">
      {props.words?.map((word, index) => (
        <div
          key={`word-${index}`}
          className={
            word.confidence < LOW_CONFIDENCE ? 'ocr-box ocr-box-low' : 'ocr-box'
          }
          style={boxStyle(word.box, frame)}
        />
      ))}
      {props.hits.map((boxes, hitIndex) =>
        boxes.map((box, boxIndex) => {
          const isCurrent = hitIndex === currentHit;
          return (
            <div
              key={`hit-${hitIndex}-${boxIndex}`}
              ref={isCurrent && boxIndex === 0 ? current : undefined}
              className={isCurrent ? 'ocr-hit ocr-hit-current' : 'ocr-hit'}
              style={boxStyle(box, frame)}
            />
          );
        }),
      )}
    </div>
  );
}

/** Positions a page-relative box over the page as shown, in CSS pixels. */
function boxStyle(box: PageBox, frame: PageFrame) {
  const a = pageToShown({ x: box.left, y: box.top }, frame);
  const b = pageToShown({ x: box.right, y: box.bottom }, frame);
  return {
    left: Math.min(a.x, b.x),
    top: Math.min(a.y, b.y),
    width: Math.abs(b.x - a.x),
    height: Math.abs(b.y - a.y),
  };
}
