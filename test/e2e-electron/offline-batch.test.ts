import { expect, test } from '@playwright/test';

import { FaultProxy } from '../support/fault-proxy';
import { PASSWORDS } from '../support/fixture-sitting';
import { BatchScreen } from '../e2e/models/batch-screen';
import { BatchesScreen } from '../e2e/models/batches-screen';
import { CopyScreen } from '../e2e/models/copy-screen';
import { SignInScreen } from '../e2e/models/sign-in-screen';
import { useReferenceServer } from '../e2e/support/reference-server';
import { DesktopApp } from './support/desktop-app';
import { electronSkipReason } from './support/electron-binary';

const skipReason = electronSkipReason();
test.skip(skipReason !== null, skipReason ?? '');

const COPIES = 3;
const server = useReferenceServer({ copiesPerBatch: COPIES });

test('desktop app keeps a downloaded batch offline', async () => {
  test.setTimeout(120_000);
  // The app reaches the server through a proxy that can refuse every
  // connection, as a network that is gone does.
  const network = await FaultProxy.start(server().url);
  const desktop = await DesktopApp.create();

  try {
    let page = await desktop.launch();

    await test.step('enter the server and sign in', async () => {
      await page.getByLabel('Adresse du serveur').fill(network.url);
      await page.getByRole('button', { name: 'Continuer' }).click();
      await new SignInScreen(page).signIn('amartin', PASSWORDS.amartin);
    });

    await test.step('download the batch', async () => {
      const batches = new BatchesScreen(page);
      await expect(batches.card('Lot 1')).toContainText(`${COPIES} copies`);
      await batches.downloadButton('Lot 1').click();
      await expect(batches.card('Lot 1')).toContainText(
        'Disponible hors ligne',
      );
    });

    await desktop.quit();
    await network.refuseConnections();
    page = await desktop.launch();

    await test.step('open every copy with no network', async () => {
      const batches = new BatchesScreen(page);
      await expect(batches.connection).toHaveAttribute(
        'data-connection',
        'offline',
      );
      await batches.openBatch('Lot 1');

      const batch = new BatchScreen(page);
      await expect(batch.rows).toHaveCount(COPIES);
      for (let index = 1; index <= COPIES; index += 1) {
        const code = `A${String(index).padStart(9, '0')}`;
        await batch.openCopy(code);
        const copy = new CopyScreen(page);
        await expect(copy.heading(code)).toBeVisible();
        await expect.poll(() => copy.inkPixels()).toBeGreaterThan(100);
        await copy.backToBatch();
      }
    });
  } finally {
    await desktop.dispose();
    await network.close();
  }
});
