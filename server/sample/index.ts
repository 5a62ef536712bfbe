/**
 * Sample data: scanned-looking exam copies and demo sittings, for tests,
 * benchmarks and the demo.
 *
 * - `generateCopyPdf(options)` returns one copy as PDF bytes: A4 pages, each
 *   one JPEG image at 150 or 300 dpi. A page shows a printed header (title,
 *   subject, anonymous code, page count, page number) and handwriting on
 *   ruled lines, with scan skew, paper grain and optional defects
 *   (`CopyAnomaly`).
 * - `writeSitting(folder, options)` writes `sitting.json` and its PDFs, in
 *   the format that `npm run server:import -- <folder>` reads.
 *
 * Both are deterministic: the same seed and options give the same bytes on a
 * machine with the same fonts.
 */
export {
  MAX_PAGE_COUNT,
  type CopyAnomaly,
  type CopyOptions,
} from './copy-options';
export { generateCopyPdf, neighbourCode } from './copy-pdf';
export { A4_POINTS, SCAN_DPI_VALUES, type ScanDpi } from './page-geometry';
export {
  demoPassword,
  FolderNotEmptyError,
  SITTING_FILE,
  writeSitting,
  type SampleCopySummary,
  type SittingOptions,
  type SittingSummary,
} from './sitting';
export {
  DEMO_SCHEME,
  type SittingBatch,
  type SittingCopy,
  type SittingDocument,
  type SittingGrader,
  type SittingQuestion,
} from './sitting-document';
