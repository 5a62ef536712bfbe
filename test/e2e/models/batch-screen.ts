import type { Locator, Page } from '@playwright/test';

/** The copies of one batch, one table row per copy. */
export class BatchScreen {
  readonly rows: Locator;

  constructor(readonly page: Page) {
    // The first row contains the column headers.
    this.rows = page
      .getByRole('grid')
      .getByRole('row')
      .filter({
        has: page.getByRole('rowheader'),
      });
  }

  heading(title: string): Locator {
    return this.page.getByRole('heading', { name: title, level: 1 });
  }

  row(anonymousCode: string): Locator {
    return this.rows.filter({ hasText: anonymousCode });
  }

  async openCopy(anonymousCode: string): Promise<void> {
    await this.row(anonymousCode)
      .getByRole('link', { name: anonymousCode })
      .click();
  }

  async backToBatches(): Promise<void> {
    await this.page.getByRole('link', { name: 'Retour aux lots' }).click();
  }
}
