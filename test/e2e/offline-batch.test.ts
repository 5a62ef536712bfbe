import { expect, test } from './support/fixtures';
import { AppPage } from './support/app-page';
import { useReferenceServer } from './support/reference-server';
import { PASSWORDS } from '../support/fixture-sitting';
import { BatchScreen } from './models/batch-screen';
import { BatchesScreen } from './models/batches-screen';
import { CopyScreen } from './models/copy-screen';
import { SignInScreen } from './models/sign-in-screen';

const COPIES = 4;
const server = useReferenceServer({ copiesPerBatch: COPIES });

test.describe('an examiner marking on a train', () => {
  test('downloads a batch, restarts offline and opens every copy', async ({
    profile,
  }) => {
    test.setTimeout(90_000);
    const codes = Array.from(
      { length: COPIES },
      (_, index) => `A${String(index + 1).padStart(9, '0')}`,
    );

    // At home, online: sign in and download the batch.
    let context = await profile.launch();
    let page = context.pages()[0] ?? (await context.newPage());
    let app = new AppPage(page);
    await app.recordCspViolations();
    await page.goto(`${server().url}/`);

    await new SignInScreen(page).signIn('amartin', PASSWORDS.amartin);
    let batches = new BatchesScreen(page);
    await expect(batches.heading).toBeVisible();
    await expect(batches.connection).toHaveAttribute(
      'data-connection',
      'online',
    );
    await expect(batches.card('Lot 1')).toContainText(`${COPIES} copies`);

    await batches.downloadButton('Lot 1').click();
    await expect(batches.card('Lot 1')).toContainText('Disponible hors ligne');
    await expect(batches.progressBar('Lot 1')).toHaveAttribute(
      'aria-valuenow',
      (await batches.progressBar('Lot 1').getAttribute('aria-valuemax')) ?? '',
    );
    // The service worker keeps the app's files for the offline start.
    await expect
      .poll(() =>
        page.evaluate(
          async () =>
            (await navigator.serviceWorker.getRegistration())?.active?.state,
        ),
      )
      .toBe('activated');
    expect(await app.cspViolations()).toEqual([]);
    expect(app.errors).toEqual([]);

    // On the train: no network, and the browser restarts.
    await context.setOffline(true);
    await profile.close();
    context = await profile.launch();
    await context.setOffline(true);
    page = context.pages()[0] ?? (await context.newPage());
    app = new AppPage(page);
    await app.recordCspViolations();
    await page.goto(`${server().url}/`);

    batches = new BatchesScreen(page);
    await expect(batches.heading).toBeVisible();
    await expect(batches.connection).toHaveAttribute(
      'data-connection',
      'offline',
    );
    await expect(batches.card('Lot 1')).toContainText(
      `${COPIES} sur ${COPIES} copies`,
    );

    await batches.openBatch('Lot 1');
    const batch = new BatchScreen(page);
    await expect(batch.heading('Lot 1')).toBeVisible();
    await expect(batch.rows).toHaveCount(COPIES);

    for (const code of codes) {
      await expect(batch.row(code)).toContainText('Disponible hors ligne');
      await batch.openCopy(code);

      const copy = new CopyScreen(page);
      await expect(copy.heading(code)).toBeVisible();
      await expect(copy.pageStatus).toContainText(/^Page 1 sur [2-4]$/);
      await expect.poll(() => copy.inkPixels()).toBeGreaterThan(100);
      await copy.backToBatch();
    }
    expect(await app.cspViolations()).toEqual([]);
    // Offline, the only errors are the browser's own reports of the
    // requests that found no network.
    for (const error of app.errors) {
      expect(error).toContain('net::ERR_INTERNET_DISCONNECTED');
    }
  });
});
