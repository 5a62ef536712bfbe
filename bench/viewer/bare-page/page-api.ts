/**
 * The interface of the bare pdf.js benchmark page (`window.viewerBench`),
 * shared by the page and the Node script that drives it.
 */

/** Size of the canvas to render into, device pixels. */
export interface CanvasSize {
  width: number;
  height: number;
}

export interface BarePageApi {
  /** Keeps the PDF whose bytes `base64` encodes for the calls below. */
  load(base64: string): void;
  /**
   * Opens the loaded PDF with pdf.js's defaults (a new worker), renders
   * page 1 into a canvas on screen and returns the milliseconds from the
   * start to the end of the frame that paints it. Closes the document.
   */
  openFirstPage(size: CanvasSize): Promise<number>;
  /**
   * Renders `page` of the loaded PDF, opened once and kept open, into the
   * canvas on screen, and returns the milliseconds to the painted frame:
   * what a page turn costs without a page rendered ahead.
   */
  renderPage(page: number, size: CanvasSize): Promise<number>;
}
