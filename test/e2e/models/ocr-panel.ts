import type { Locator, Page } from '@playwright/test';

/** The OCR panel of the workspace: search and the text read on the page. */
export class OcrPanel {
  readonly toggle: Locator;
  readonly panel: Locator;
  readonly searchField: Locator;
  readonly status: Locator;
  readonly hits: Locator;
  readonly pageText: Locator;
  /** Word boxes and search hits drawn over the scan. */
  readonly wordBoxes: Locator;
  readonly doubtfulWordBoxes: Locator;
  readonly currentHit: Locator;

  constructor(readonly page: Page) {
    this.toggle = page.getByRole('button', { name: /^Texte lu \(OCR\)/ });
    this.panel = page.getByRole('region', { name: 'Texte lu (OCR)' });
    this.searchField = this.panel.getByRole('searchbox', {
      name: 'Rechercher dans le texte lu',
    });
    this.status = this.panel.locator('.ocr-search-status');
    this.hits = this.panel
      .getByRole('list', { name: 'Résultats' })
      .getByRole('button');
    this.pageText = this.panel.locator('.ocr-page-text');
    this.wordBoxes = page.locator('.ocr-overlay .ocr-box');
    this.doubtfulWordBoxes = page.locator('.ocr-overlay .ocr-box-low');
    this.currentHit = page.locator('.ocr-overlay .ocr-hit-current');
  }

  /** Chooses where to search, by clicking the choice's label. */
  async chooseScope(name: 'Cette copie' | 'Tout le lot'): Promise<void> {
    await this.panel.getByText(name, { exact: true }).click();
  }
}
