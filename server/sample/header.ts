/**
 * The printed header band at the top of each answer sheet (about the top
 * sixth of the page), in a plain sans-serif face large enough for OCR.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { sampleFonts } from './fonts';
import type { PageGeometry } from './page-geometry';

export interface HeaderText {
  /** Exam title, such as "Baccalaureat 2026, philosophie". */
  title: string;
  subject: string;
  /** Anonymous code printed after "N° Anonymat :". */
  anonymousCode: string;
  /** Number printed after "Page"; counts from 1. */
  pageNumber: number;
  /** Total printed after "Nombre de pages :" and "Page i /". */
  declaredPageCount: number;
}

/** Bottom edge of the header band, in millimetres from the top of the sheet. */
export const HEADER_BOTTOM_MM = 46;

const INK = 'rgb(28, 28, 28)';

export function drawHeader(
  context: SKRSContext2D,
  geometry: PageGeometry,
  header: HeaderText,
): void {
  const { mm } = geometry;
  const family = sampleFonts().printed;
  const left = mm(14);
  const right = mm(196);

  context.strokeStyle = INK;
  context.lineWidth = mm(0.35);
  context.strokeRect(mm(10), mm(8), mm(190), mm(HEADER_BOTTOM_MM - 8));

  context.fillStyle = INK;
  context.textBaseline = 'alphabetic';

  context.font = `bold ${mm(5.5)}px ${family}`;
  context.textAlign = 'left';
  context.fillText(header.title, left, mm(17));

  context.font = `${mm(4.5)}px ${family}`;
  context.fillText(`Matière : ${header.subject}`, left, mm(26));
  context.fillText(
    `Nombre de pages : ${header.declaredPageCount}`,
    left,
    mm(40),
  );

  // The anonymous code sits in its own box, as on printed exam sheets.
  const codeText = `N° Anonymat : ${header.anonymousCode}`;
  const codeWidth = context.measureText(codeText).width;
  context.lineWidth = mm(0.25);
  context.strokeRect(
    right - codeWidth - mm(3),
    mm(20),
    codeWidth + mm(6),
    mm(9),
  );
  context.textAlign = 'right';
  context.fillText(codeText, right, mm(26.5));

  context.font = `bold ${mm(4.5)}px ${family}`;
  context.fillText(
    `Page ${header.pageNumber} / ${header.declaredPageCount}`,
    right,
    mm(40),
  );
  context.textAlign = 'left';
}
