import type { Page } from '@playwright/test';

import { expect } from '../support/fixtures';
import { PASSWORDS } from '../../support/fixture-sitting';
import { BatchScreen } from './batch-screen';
import { BatchesScreen } from './batches-screen';
import { SignInScreen } from './sign-in-screen';

/**
 * Signs A. Martin in on the server at `url`, downloads Lot 1 for offline
 * use, and opens the copy `anonymousCode` in the marking workspace.
 */
export async function openDownloadedCopy(
  page: Page,
  url: string,
  anonymousCode: string,
): Promise<void> {
  await page.goto(`${url}/`);
  await new SignInScreen(page).signIn('amartin', PASSWORDS.amartin);
  const batches = new BatchesScreen(page);
  await batches.downloadButton('Lot 1').click();
  await expect(batches.card('Lot 1')).toContainText('Disponible hors ligne');
  await batches.openBatch('Lot 1');
  await new BatchScreen(page).openCopy(anonymousCode);
  await expect(
    page.getByRole('heading', { level: 1, name: `Copie ${anonymousCode}` }),
  ).toBeVisible();
}
