/**
 * The viewer harness page in English (`?lang=en`): the scan viewer with
 * whatever PDF bytes the test opens, and the count of scan reports.
 */
import type { Locator, Page } from '@playwright/test';

import type { GrayImage } from './poppler-reference';

export class ViewerHarnessPage {
  readonly scanArea: Locator;
  readonly reports: Locator;
  readonly reportProblem: Locator;
  readonly zoomIn: Locator;
  readonly zoomOut: Locator;
  readonly nextPage: Locator;
  readonly opening: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.scanArea = page.getByRole('region', { name: 'Scanned copy' });
    this.reports = page.getByRole('status', { name: 'Scan reports' });
    this.reportProblem = page.getByRole('button', {
      name: 'Report a scan problem',
    });
    this.zoomIn = page.getByRole('button', { name: 'Zoom in' });
    this.zoomOut = page.getByRole('button', { name: 'Zoom out' });
    this.nextPage = page.getByRole('button', { name: 'Next page' });
    this.opening = page.getByRole('status').filter({ hasText: /^Opening/ });
    this.alert = page.getByRole('alert');
  }

  /**
   * Loads the harness page at `url` in English, with the viewer's time
   * limits in `timeouts` (milliseconds) when given.
   */
  async load(
    url: string,
    timeouts: { openTimeout?: number; renderTimeout?: number } = {},
  ): Promise<void> {
    const query = new URLSearchParams({ lang: 'en' });
    for (const [name, value] of Object.entries(timeouts)) {
      query.set(name, String(value));
    }
    await this.page.goto(`${url}?${query}`);
    await this.page
      .locator('html[data-harness-ready="true"]')
      .waitFor({ state: 'attached' });
  }

  /** Opens the PDF `bytes` in the viewer, in place of the last one. */
  async open(bytes: Buffer): Promise<void> {
    await this.page.evaluate(
      (base64) => window.viewerHarness!.open(base64),
      bytes.toString('base64'),
    );
  }

  /** Returns the canvas of page `page` of `count`. */
  pageImage(page: number, count: number): Locator {
    return this.scanArea.getByRole('img', { name: `Page ${page} of ${count}` });
  }

  /** Returns the overlay drawn over page `page`. */
  overlay(page: number): Locator {
    return this.scanArea.locator(`[data-page="${page}"]`);
  }

  /** Waits until every wanted render is done. */
  async waitUntilRendered(): Promise<void> {
    await this.scanArea.and(this.page.locator('[aria-busy="false"]')).waitFor();
  }

  /** Returns what `canvas` shows, as gray levels, with its page number once rendered. */
  async read(
    canvas: Locator,
  ): Promise<GrayImage & { renderedPage: string | null }> {
    const { width, height, base64, renderedPage } = await canvas.evaluate(
      (element) => {
        const target = element as HTMLCanvasElement;
        const { data } = target
          .getContext('2d')!
          .getImageData(0, 0, target.width, target.height);
        let binary = '';
        for (let index = 0; index < data.length; index += 4) {
          binary += String.fromCharCode(data[index]!);
        }
        return {
          width: target.width,
          height: target.height,
          base64: btoa(binary),
          renderedPage: target.dataset.renderedPage ?? null,
        };
      },
    );
    return {
      width,
      height,
      pixels: new Uint8Array(Buffer.from(base64, 'base64')),
      renderedPage,
    };
  }
}
