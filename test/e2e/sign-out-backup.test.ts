import { readFile, writeFile } from 'node:fs/promises';

import type { Locator, Page } from '@playwright/test';

import { expect, test } from './support/fixtures';
import { AppPage } from './support/app-page';
import { useReferenceServer } from './support/reference-server';
import { encryptBackup } from '../../renderer/core/backup/backup-cipher';
import { PASSWORDS } from '../support/fixture-sitting';
import { signIn, type ApiClient } from '../support/test-server';
import { BatchesScreen } from './models/batches-screen';
import { openDownloadedCopy } from './models/downloaded-copy';
import { SignInScreen } from './models/sign-in-screen';
import { readStoreRows, Workspace } from './models/workspace';

const server = useReferenceServer({ copiesPerBatch: 2 });

const PASSPHRASE = 'cheval agrafe pile correcte';

/** Returns the dialog that a sign-out with unsynced grades opens. */
function signOutDialog(page: Page): Locator {
  return page.getByRole('dialog', {
    name: 'Des notes ne sont pas encore envoyées',
  });
}

function signOutButton(scope: Page | Locator): Locator {
  return scope.getByRole('button', { name: 'Se déconnecter' });
}

/** Opens the copy `anonymousCode` and types a complete grade offline. */
async function markOfflineGrade(
  page: Page,
  anonymousCode: string,
): Promise<void> {
  await openDownloadedCopy(page, server().url, anonymousCode);
  const workspace = new Workspace(page);
  await expect(workspace.points('Introduction')).toBeEditable();

  await page.context().setOffline(true);
  await workspace.points('Introduction').fill('3,5');
  await workspace.points('Développement').fill('9,75');
  await workspace.points('Conclusion').fill('4');
  await workspace.comment.fill('Restaurée depuis la sauvegarde.');
  await expect(workspace.total).toHaveText('Total : 17,25 / 20');
  await workspace.waitUntilSaved();
  expect(await readStoreRows(page, 'outbox')).toHaveLength(1);
}

/** Returns the id of the copy `anonymousCode` of A. Martin's batch. */
async function copyIdOf(
  client: ApiClient,
  anonymousCode: string,
): Promise<string> {
  const assignments = await client.request<{ batches: { id: string }[] }>(
    'GET',
    '/api/v1/assignments',
  );
  const batchId = assignments.body.batches[0]!.id;
  const detail = await client.request<{
    copies: { id: string; anonymousCode: string }[];
  }>('GET', `/api/v1/batches/${batchId}`);
  const copy = detail.body.copies.find(
    (candidate) => candidate.anonymousCode === anonymousCode,
  );
  if (copy === undefined) {
    throw new Error(`copy ${anonymousCode} is not in A. Martin's batch`);
  }
  return copy.id;
}

test.describe('an examiner leaving with unsynced grades', () => {
  test('backs up, signs out, restores elsewhere', async ({
    app,
    page,
    browser,
  }, testInfo) => {
    test.setTimeout(120_000);
    await app.recordCspViolations();
    await markOfflineGrade(page, 'A000000001');
    const martin = await signIn(server(), 'amartin');
    const copyId = await copyIdOf(martin.client, 'A000000001');

    // Signing out is rejected while the grade is unsynced.
    await signOutButton(page).click();
    const dialog = signOutDialog(page);
    await expect(dialog).toContainText(
      '1 copie a une note que le serveur n’a pas encore reçue.',
    );
    await expect(signOutButton(dialog)).toBeDisabled();

    // Syncing cannot help offline, and the dialog shows why.
    await dialog
      .getByRole('button', { name: 'Synchroniser maintenant' })
      .click();
    await expect(dialog).toContainText('Le serveur ne répond pas');
    await expect(signOutButton(dialog)).toBeDisabled();

    // The passphrase is checked before anything is saved.
    const passphrase = dialog.getByLabel('Phrase secrète', { exact: true });
    const confirm = dialog.getByLabel('Phrase secrète, à nouveau');
    const save = dialog.getByRole('button', {
      name: 'Enregistrer une sauvegarde chiffrée',
    });
    await passphrase.fill('court');
    await confirm.fill('court');
    await save.click();
    await expect(dialog).toContainText(
      'La phrase secrète doit compter au moins 8 caractères.',
    );
    await passphrase.fill(PASSPHRASE);
    await confirm.fill(`${PASSPHRASE}!`);
    await save.click();
    await expect(dialog).toContainText(
      'Les deux phrases secrètes ne sont pas identiques.',
    );
    await expect(dialog).toContainText('Robustesse : bonne');

    // Saved through the browser's download: the file is encrypted.
    await confirm.fill(PASSPHRASE);
    const downloading = page.waitForEvent('download');
    await save.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(
      /^copydesk-backup-\d{4}-\d{2}-\d{2}-\d{4}\.json$/,
    );
    const backupPath = testInfo.outputPath('backup.json');
    await download.saveAs(backupPath);
    const text = await readFile(backupPath, 'utf8');
    expect(JSON.parse(text)).toMatchObject({
      format: 'copydesk-grade-backup',
      formatVersion: 1,
      grader: { displayName: 'A. Martin' },
      copyCount: 1,
    });
    expect(text).not.toContain('A000000001');
    expect(text).not.toContain('9.75');
    await expect(dialog).toContainText('Sauvegarde enregistrée (1 copie)');

    // Now the sign-out goes through, still offline.
    await signOutButton(dialog).click();
    await expect(new SignInScreen(page).submit).toBeVisible();
    const before = await martin.client.request(
      'GET',
      `/api/v1/copies/${copyId}/grade`,
    );
    expect(before.status).toBe(404);

    // Another computer: a fresh browser profile, online.
    const context = await browser.newContext();
    const other = await context.newPage();
    const otherApp = new AppPage(other);
    await otherApp.open(server().url);
    await new SignInScreen(other).signIn('amartin', PASSWORDS.amartin);
    await expect(new BatchesScreen(other).card('Lot 1')).toContainText(
      '2 copies',
    );

    await other
      .getByRole('button', { name: 'Restaurer une sauvegarde' })
      .click();
    const restore = other.getByRole('dialog', {
      name: 'Restaurer une sauvegarde chiffrée',
    });
    const choosing = other.waitForEvent('filechooser');
    await restore.getByRole('button', { name: 'Choisir le fichier…' }).click();
    await (await choosing).setFiles(backupPath);
    await expect(restore).toContainText('sauvegarde de A. Martin');
    await expect(restore).toContainText('1 copie.');

    // A wrong passphrase is explained, and nothing is restored.
    const restorePassphrase = restore.getByLabel(
      'Phrase secrète de la sauvegarde',
    );
    const restoreButton = restore.getByRole('button', { name: 'Restaurer' });
    await restorePassphrase.fill('cheval agrafe pile fausse');
    await restoreButton.click();
    await expect(restore.getByRole('alert')).toContainText(
      'Déchiffrement impossible : la phrase secrète est incorrecte, ou le fichier a été modifié ou endommagé.',
    );
    expect(await readStoreRows(other, 'outbox')).toHaveLength(0);

    await restorePassphrase.fill(PASSPHRASE);
    await restoreButton.click();
    await expect(restore).toContainText(
      '1 note restaurée : elle sera envoyée à la prochaine synchronisation.',
    );

    // The next sync pushes the restored grade to the server.
    await expect
      .poll(
        async () =>
          (await martin.client.request('GET', `/api/v1/copies/${copyId}/grade`))
            .body,
        { timeout: 20_000 },
      )
      .toMatchObject({
        status: 'draft',
        marks: { q1: 3.5, q2: 9.75, q3: 4 },
        comment: 'Restaurée depuis la sauvegarde.',
        updatedBy: martin.graderId,
      });
    await expect.poll(() => readStoreRows(other, 'outbox')).toHaveLength(0);

    await restore.getByRole('button', { name: 'Fermer' }).click();
    await expect(restore).toBeHidden();
    expect(await otherApp.cspViolations()).toEqual([]);
    expect(otherApp.errors).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
    await context.close();
  });

  test('syncs, then signs out without backup', async ({ app, page }) => {
    test.setTimeout(60_000);
    await app.recordCspViolations();
    // The other copy, because the first test sent a grade for A000000001.
    await markOfflineGrade(page, 'A000000002');

    // The dialog opens from the keyboard, and Escape closes it again.
    await signOutButton(page).focus();
    await page.keyboard.press('Enter');
    const dialog = signOutDialog(page);
    await expect(dialog).toBeVisible();
    expect(
      await dialog.evaluate((element) =>
        element.contains(document.activeElement),
      ),
    ).toBe(true);
    await expect(signOutButton(dialog)).toBeDisabled();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(signOutButton(page)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();

    // Back online, "Sync now" sends the grade and frees the sign-out. The
    // app also syncs by itself when the network returns, so grade writes
    // wait for the click, or the button could disappear before it.
    let releaseWrites = () => {};
    const writesReleased = new Promise<void>((resolve) => {
      releaseWrites = resolve;
    });
    await page.route('**/api/v1/copies/*/grade', async (route) => {
      if (route.request().method() === 'PUT') {
        await writesReleased;
      }
      await route.fallback();
    });
    await page.context().setOffline(false);
    await dialog
      .getByRole('button', { name: 'Synchroniser maintenant' })
      .click();
    releaseWrites();
    await expect(dialog).toContainText(
      'Toutes vos notes sont envoyées : vous pouvez vous déconnecter.',
    );
    await signOutButton(dialog).click();
    await expect(new SignInScreen(page).submit).toBeVisible();

    const martin = await signIn(server(), 'amartin');
    const copyId = await copyIdOf(martin.client, 'A000000002');
    const grade = await martin.client.request(
      'GET',
      `/api/v1/copies/${copyId}/grade`,
    );
    expect(grade.body).toMatchObject({ marks: { q1: 3.5, q2: 9.75, q3: 4 } });
  });

  test('signs out at once with nothing unsynced', async ({ app, page }) => {
    await app.open(server().url);
    await new SignInScreen(page).signIn('amartin', PASSWORDS.amartin);
    await expect(new BatchesScreen(page).heading).toBeVisible();

    await signOutButton(page).click();

    await expect(new SignInScreen(page).submit).toBeVisible();
    await expect(signOutDialog(page)).toHaveCount(0);
  });

  test('rejects a wrong file before the passphrase', async ({
    app,
    page,
  }, testInfo) => {
    const martin = await signIn(server(), 'amartin');
    const martinBackup = testInfo.outputPath('martin.json');
    await writeFile(
      martinBackup,
      await encryptBackup(
        { copies: [] },
        {
          grader: { id: martin.graderId, displayName: 'A. Martin' },
          appVersion: 'test',
          createdAt: new Date(),
        },
        PASSPHRASE,
      ),
    );
    const notes = testInfo.outputPath('notes.json');
    await writeFile(notes, JSON.stringify({ A000001001: 12 }));

    await app.open(server().url);
    await new SignInScreen(page).signIn('bdupont', PASSWORDS.bdupont);
    await expect(new BatchesScreen(page).heading).toBeVisible();
    await page
      .getByRole('button', { name: 'Restaurer une sauvegarde' })
      .click();
    const restore = page.getByRole('dialog', {
      name: 'Restaurer une sauvegarde chiffrée',
    });
    const chooseFile = restore.getByRole('button', {
      name: 'Choisir le fichier…',
    });

    for (const [path, message] of [
      [notes, 'Ce fichier n’est pas une sauvegarde Copydesk.'],
      [
        martinBackup,
        'Cette sauvegarde appartient à A. Martin. Connectez-vous avec ce compte pour la restaurer.',
      ],
    ] as const) {
      const choosing = page.waitForEvent('filechooser');
      await chooseFile.click();
      await (await choosing).setFiles(path);
      await expect(restore.getByRole('alert')).toContainText(message);
      await expect(
        restore.getByLabel('Phrase secrète de la sauvegarde'),
      ).toHaveCount(0);
    }
    expect(app.errors).toEqual([]);
  });
});
