import type { Locator, Page } from '@playwright/test';

/** The marking workspace: copy list, scan, and the marking panel. */
export class Workspace {
  readonly copyList: Locator;
  readonly panel: Locator;
  readonly total: Locator;
  readonly comment: Locator;
  readonly saveStatus: Locator;
  readonly markFinal: Locator;
  readonly reopen: Locator;

  constructor(readonly page: Page) {
    this.copyList = page.getByRole('navigation', { name: 'Copies' });
    this.panel = page.getByRole('complementary', { name: 'Notation' });
    this.total = this.panel.getByText(/^Total :/);
    this.comment = this.panel.getByRole('textbox', {
      name: 'Appréciation générale',
    });
    this.saveStatus = this.panel.locator('.save-status');
    this.markFinal = this.panel.getByRole('button', {
      name: 'Passer en note finale',
    });
    this.reopen = this.panel.getByRole('button', { name: 'Rouvrir la note' });
  }

  /** Returns the points field of the question labelled `label`. */
  points(label: string): Locator {
    return this.panel.getByRole('textbox', { name: new RegExp(`^${label} `) });
  }

  flag(name: string): Locator {
    return this.panel.getByRole('checkbox', { name });
  }

  /** Returns the copy list's entry of `anonymousCode`. */
  listEntry(anonymousCode: string): Locator {
    return this.copyList.getByRole('option').filter({ hasText: anonymousCode });
  }

  filter(name: string): Locator {
    return this.copyList.getByRole('radio', { name });
  }

  heading(anonymousCode: string): Locator {
    return this.page.getByRole('heading', {
      name: `Copie ${anonymousCode}`,
      level: 1,
    });
  }

  /** Waits until every edit typed so far is stored on this computer. */
  async waitUntilSaved(): Promise<void> {
    await this.saveStatus
      .filter({ hasText: /^Enregistré sur cet ordinateur/ })
      .waitFor();
  }
}

/**
 * Reads every row of an IndexedDB object store of the app, as stored:
 * grades stay encrypted, the outbox and summaries are in clear.
 */
export function readStoreRows(page: Page, table: string): Promise<unknown[]> {
  return page.evaluate(
    (name) =>
      new Promise<unknown[]>((resolve, reject) => {
        const opening = indexedDB.open('copydesk');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const database = opening.result;
          const request = database
            .transaction(name, 'readonly')
            .objectStore(name)
            .getAll();
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            database.close();
            resolve(request.result as unknown[]);
          };
        };
      }),
    table,
  );
}
