import { expect, test } from './support/fixtures';
import { useReferenceServer } from './support/reference-server';
import { PASSWORDS } from '../support/fixture-sitting';
import { BatchesScreen } from './models/batches-screen';
import { SignInScreen } from './models/sign-in-screen';

const server = useReferenceServer({ copiesPerBatch: 3 });

test.describe('an examiner on a home connection that drops', () => {
  test('sees a wrong password explained', async ({ app }) => {
    await app.open(server().url);
    const signIn = new SignInScreen(app.page);

    await signIn.signIn('amartin', 'not the password');

    await expect(signIn.alert).toHaveText(
      'Identifiant ou mot de passe incorrect.',
    );
    await expect(signIn.password).toHaveValue('');
    expect(await app.cspViolations()).toEqual([]);
  });

  test('download pauses offline and resumes', async ({ app, page }) => {
    await app.open(server().url);
    await new SignInScreen(page).signIn('amartin', PASSWORDS.amartin);
    const batches = new BatchesScreen(page);
    await expect(batches.card('Lot 1')).toContainText('3 copies');

    // The connection drops as the first scan is requested.
    let dropped = false;
    await page.route('**/api/v1/copies/*/scan', async (route) => {
      if (!dropped) {
        dropped = true;
        await page.context().setOffline(true);
      }
      await route.abort('internetdisconnected');
    });
    await batches.downloadButton('Lot 1').click();

    await expect(batches.card('Lot 1')).toContainText(
      'Téléchargement en pause : le serveur ne répond pas.',
      { timeout: 20_000 },
    );
    await expect(batches.connection).toHaveAttribute(
      'data-connection',
      'offline',
    );

    // The network comes back: the download resumes without a click.
    await page.unroute('**/api/v1/copies/*/scan');
    await page.context().setOffline(false);

    await expect(batches.card('Lot 1')).toContainText('Disponible hors ligne', {
      timeout: 20_000,
    });
    await expect(batches.card('Lot 1')).toContainText('3 sur 3 copies');
    await expect(batches.connection).toHaveAttribute(
      'data-connection',
      'online',
    );
    expect(await app.cspViolations()).toEqual([]);
  });

  test('switches the app to English', async ({ app, page }) => {
    await app.open(server().url);
    await new SignInScreen(page).signIn('amartin', PASSWORDS.amartin);
    await expect(new BatchesScreen(page).heading).toBeVisible();

    await page.getByRole('button', { name: /Français/ }).click();
    await page.getByRole('option', { name: 'English' }).click();

    await expect(
      page.getByRole('heading', { name: 'My batches', level: 1 }),
    ).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    // The choice is kept: a reload opens in English.
    await page.reload();
    await expect(
      page.getByRole('heading', { name: 'My batches', level: 1 }),
    ).toBeVisible();
  });
});
