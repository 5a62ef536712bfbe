/**
 * The printed header band at the top of each answer sheet (about the top
 * sixth of the page), in a plain sans-serif face large enough for OCR.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { sampleFonts } from './fonts';
import type { PageGeometry } from './page-geometry';

/** The printed labels before the header's values. */
export interface HeaderLabels {
  /** Label before the anonymous code, such as "N° Anonymat". */
  anonymousCode: string;
  /** Label before the declared page count, such as "Nombre de pages". */
  pageCount: string;
  /** Word before the page numbering "i / n", such as "Page". */
  pageNumber: string;
}

/** The labels of the usual French answer sheet, which `DEFAULT_HEADER_LAYOUT` reads. */
export const DEFAULT_HEADER_LABELS: HeaderLabels = {
  anonymousCode: 'N° Anonymat',
  pageCount: 'Nombre de pages',
  pageNumber: 'Page',
};

export interface HeaderText {
  /** Exam title, such as "Baccalaureat 2026, philosophie". */
  title: string;
  subject: string;
  /** Anonymous code printed after its label ("N° Anonymat :" by default). */
  anonymousCode: string;
  /** Page number, from 1, printed after the numbering word ("Page" by default). */
  pageNumber: number;
  /** Total printed after the page count label and after "Page i /". */
  declaredPageCount: number;
  /** Labels printed before the values; by default `DEFAULT_HEADER_LABELS`. */
  labels?: HeaderLabels;
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
  const labels = header.labels ?? DEFAULT_HEADER_LABELS;
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
    `${labels.pageCount} : ${header.declaredPageCount}`,
    left,
    mm(40),
  );

  // The anonymous code sits in its own box, as on printed exam sheets.
  const codeText = `${labels.anonymousCode} : ${header.anonymousCode}`;
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
    `${labels.pageNumber} ${header.pageNumber} / ${header.declaredPageCount}`,
    right,
    mm(40),
  );
  context.textAlign = 'left';
}
