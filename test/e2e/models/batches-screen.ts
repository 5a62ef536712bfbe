import type { Locator, Page } from '@playwright/test';

/** The list of batch cards, and the status bar below every screen. */
export class BatchesScreen {
  readonly heading: Locator;
  readonly connection: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Mes lots', level: 1 });
    this.connection = page.locator('[data-connection]');
  }

  /** Returns the card of the batch titled `title`. */
  card(title: string): Locator {
    return this.page.getByRole('article', { name: title });
  }

  downloadButton(title: string): Locator {
    return this.card(title).getByRole('button', { name: /^Télécharger/ });
  }

  progressBar(title: string): Locator {
    return this.card(title).getByRole('progressbar');
  }

  async openBatch(title: string): Promise<void> {
    await this.card(title).getByRole('link', { name: title }).click();
  }
}
