import type { Locator, Page } from '@playwright/test';

/** The "Rendre le lot" section of the batch screen and its confirmation. */
export class SubmitPanel {
  readonly region: Locator;
  readonly submit: Locator;
  readonly confirmation: Locator;
  readonly confirm: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Rendre le lot' });
    this.submit = this.region.getByRole('button', { name: 'Rendre le lot…' });
    this.confirmation = page.getByRole('alertdialog');
    this.confirm = this.confirmation.getByRole('button', {
      name: 'Rendre définitivement',
    });
  }

  /** Returns the link to the copy `anonymousCode` in the panel's messages. */
  copyLink(anonymousCode: string): Locator {
    return this.region.getByRole('link', { name: anonymousCode });
  }
}
