import type { Locator, Page } from '@playwright/test';

import { readStoreRows } from './workspace';

/** The choice between two versions of a grade, in the workspace's right column. */
export class ConflictResolver {
  readonly region: Locator;
  readonly heading: Locator;
  readonly takeAllLocal: Locator;
  readonly takeAllServer: Locator;
  readonly confirm: Locator;
  readonly total: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('complementary', {
      name: 'Deux versions de cette note',
    });
    this.heading = this.region.getByRole('heading', {
      name: 'Deux versions de cette note',
    });
    this.takeAllLocal = this.region.getByRole('button', {
      name: 'Garder toute ma version',
    });
    this.takeAllServer = this.region.getByRole('button', {
      name: 'Tout prendre du serveur',
    });
    this.confirm = this.region.getByRole('button', {
      name: 'Confirmer cette note',
    });
    this.total = this.region.locator('.conflict-total');
  }

  /** Returns the row of the question labelled `label`. */
  question(label: string): Locator {
    return this.region.locator('.conflict-row').filter({ hasText: label });
  }

  /**
   * Returns the radio that keeps the server's (`server`) or the local
   * (`local`) version of the question or field named `item`.
   */
  option(item: string, side: 'server' | 'local'): Locator {
    return this.region
      .getByRole('radiogroup', { name: `${item} : version à garder` })
      .getByRole('radio', { name: side === 'server' ? /^Serveur/ : /^Vous/ });
  }
}

/** Returns the id the server gave the copy `anonymousCode`, from the app's store. */
export async function copyIdOf(
  page: Page,
  anonymousCode: string,
): Promise<string> {
  const copies = (await readStoreRows(page, 'copies')) as {
    id: string;
    anonymousCode: string;
  }[];
  const copy = copies.find((row) => row.anonymousCode === anonymousCode);
  if (copy === undefined) {
    throw new Error(
      `No copy ${anonymousCode} is stored in the app: download its batch first`,
    );
  }
  return copy.id;
}

/**
 * Allows only the browser's own reports of requests that found no network
 * or got one of the `statuses` the test expects, and returns the others.
 * A 404 is always expected: the client reads the server's grade of each
 * copy it has none of, and a copy not marked yet has none.
 */
export function unexpectedErrors(
  errors: readonly string[],
  statuses: readonly number[],
): string[] {
  return errors.filter(
    (error) =>
      !error.includes('net::ERR_INTERNET_DISCONNECTED') &&
      ![404, ...statuses].some((status) =>
        error.includes(`the server responded with a status of ${status}`),
      ),
  );
}

/** The sync notices and the sync line of the marking panel. */
export class CopySyncPanel {
  /** "Envoyée au serveur." or "Pas encore envoyée…". */
  readonly syncLine: Locator;
  readonly serverChange: Locator;
  readonly dismiss: Locator;
  readonly refusal: Locator;

  constructor(panel: Locator) {
    this.syncLine = panel.locator('.grade-sync-line');
    this.serverChange = panel.getByText(/^Note modifiée sur le serveur par/);
    this.dismiss = panel.getByRole('button', { name: 'J’ai vu' });
    this.refusal = panel.locator('.copy-sync-refusal');
  }
}
