import type { Locator, Page } from '@playwright/test';

/** The status bar below every screen: connection, sync state and storage. */
export class StatusBar {
  readonly root: Locator;
  readonly connection: Locator;
  /** Changes waiting to be sent and the age of the oldest. */
  readonly pending: Locator;
  readonly lastSync: Locator;
  readonly syncNow: Locator;
  /** The count of sync problems, a button that opens their list. */
  readonly problems: Locator;
  /** The list of sync problems, once opened. */
  readonly problemList: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('contentinfo');
    this.connection = this.root.locator('[data-connection]');
    this.pending = this.root.locator('.sync-pending');
    this.lastSync = this.root.locator('.sync-last');
    this.syncNow = this.root.getByRole('button', {
      name: 'Synchroniser maintenant',
    });
    this.problems = this.root.getByRole('button', {
      name: /problèmes? de synchronisation$/,
    });
    this.problemList = page.getByRole('dialog', {
      name: 'Notes que le serveur n’a pas acceptées',
    });
  }

  /** Returns the problem list's entry of the copy `anonymousCode`. */
  problem(anonymousCode: string): Locator {
    return this.problemList
      .getByRole('listitem')
      .filter({ hasText: `Copie ${anonymousCode}` });
  }
}
