import { expect, test } from './support/fixtures';
import { useReferenceServer } from './support/reference-server';
import { PASSWORDS } from '../support/fixture-sitting';
import { BatchScreen } from './models/batch-screen';
import { BatchesScreen } from './models/batches-screen';
import { CopyScreen } from './models/copy-screen';
import { SignInScreen } from './models/sign-in-screen';

const server = useReferenceServer({ copiesPerBatch: 3 });

test.describe('an examiner working from the keyboard', () => {
  test('sign-in explains an empty username', async ({ app }) => {
    await app.open(server().url);
    const signIn = new SignInScreen(app.page);

    await signIn.signIn('   ', 'some password');

    await expect(
      app.page.getByText('Saisissez votre identifiant.'),
    ).toBeVisible();
    await expect(signIn.username).toHaveAttribute('aria-invalid', 'true');
  });

  test('opens a copy and turns pages fast', async ({ app, page }) => {
    await app.open(server().url);
    await new SignInScreen(page).signIn('amartin', PASSWORDS.amartin);
    const batches = new BatchesScreen(page);
    await batches.downloadButton('Lot 1').click();
    await expect(batches.card('Lot 1')).toContainText('Disponible hors ligne');
    await batches.openBatch('Lot 1');

    // Enter on a focused row opens its copy. A000000003 has 4 pages.
    const batch = new BatchScreen(page);
    await batch.row('A000000003').focus();
    await page.keyboard.press('Enter');
    const copy = new CopyScreen(page);
    await expect(copy.heading('A000000003')).toBeVisible();
    await expect(copy.pageStatus).toHaveText('Page 1 sur 4');

    // Three page turns faster than a page draws, as a held key sends them.
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');

    await expect(copy.pageStatus).toHaveText('Page 4 sur 4');
    await expect.poll(() => copy.inkPixels()).toBeGreaterThan(100);
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(app.errors).toEqual([]);
  });

  test('a malformed address shows the batches', async ({ app, page }) => {
    await app.open(server().url);
    await new SignInScreen(page).signIn('amartin', PASSWORDS.amartin);
    await expect(new BatchesScreen(page).heading).toBeVisible();

    await page.goto(`${server().url}/#/batches/%ZZ`);

    await expect(new BatchesScreen(page).heading).toBeVisible();
  });

  test('an unknown copy says so', async ({ app, page }) => {
    await app.open(server().url);
    await new SignInScreen(page).signIn('amartin', PASSWORDS.amartin);
    await expect(new BatchesScreen(page).heading).toBeVisible();

    await page.goto(`${server().url}/#/batches/nope/copies/nothing`);

    await expect(page.getByRole('alert')).toHaveText(
      'Ce lot n’a pas de copie à cette adresse. Revenez à la liste des copies du lot.',
    );
  });
});

test.describe('an examiner who opens a second tab', () => {
  test('is sent back to the first tab', async ({ app, page }) => {
    await app.open(server().url);
    await new SignInScreen(page).signIn('amartin', PASSWORDS.amartin);
    await expect(new BatchesScreen(page).heading).toBeVisible();

    const second = await page.context().newPage();
    await second.goto(`${server().url}/`);

    await expect(second.getByRole('status')).toContainText(
      'Copydesk est déjà ouvert dans un autre onglet de ce navigateur.',
      { timeout: 10_000 },
    );
    await expect(second.getByLabel('Identifiant')).toHaveCount(0);

    // A reload of the first tab gets the app back, not the message.
    await page.reload();
    await expect(new BatchesScreen(page).heading).toBeVisible();
  });
});
