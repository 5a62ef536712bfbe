import { expect, test } from './support/fixtures';
import { useReferenceServer } from './support/reference-server';
import { openDownloadedCopy } from './models/downloaded-copy';
import { Workspace } from './models/workspace';

const server = useReferenceServer({ copiesPerBatch: 2 });

test.describe('an examiner who finds a bad scan on the train', () => {
  test('files a report offline and it is sent back online', async ({
    app,
    page,
    context,
  }) => {
    await openDownloadedCopy(page, server().url, 'A000000001');
    const workspace = new Workspace(page);
    await context.setOffline(true);

    await workspace.panel
      .getByRole('button', { name: 'Signaler un problème de scan' })
      .click();
    const form = workspace.panel.getByRole('region', {
      name: 'Signaler un problème de numérisation',
    });
    // The focus goes into the form, on its first choice.
    await expect(form.getByRole('radio').first()).toBeFocused();
    expect(
      await page.evaluate(() => document.documentElement.scrollHeight),
    ).toBeLessThanOrEqual(page.viewportSize()!.height);
    await form.getByText('Page illisible').click();
    await expect(
      form.getByRole('radio', { name: 'Page illisible' }),
    ).toBeChecked();
    await form.getByRole('textbox', { name: 'Précisions' }).fill('Trop sombre');
    await form
      .getByRole('button', { name: 'Enregistrer le signalement' })
      .click();

    const reports = workspace.panel.locator('.report-list');
    await expect(reports).toContainText('Page illisible');
    await expect(reports).toContainText('En attente d’envoi');
    await expect(workspace.listEntry('A000000001')).toContainText('Signalée');

    // Back online, the app's next attempt sends the report once.
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect(reports).toContainText('Envoyé au centre d’examen');

    const stored = await server()
      .handle.db.selectFrom('reports')
      .select(['kind', 'pages', 'note'])
      .execute();
    expect(stored).toEqual([
      {
        kind: 'unreadable-page',
        pages: expect.anything(),
        note: 'Trop sombre',
      },
    ]);
    expect(JSON.stringify(stored[0]?.pages)).toContain('1');
    expect(
      app.errors.filter(
        (error) => !error.includes('net::ERR_INTERNET_DISCONNECTED'),
      ),
    ).toEqual([]);
  });

  test('a report without a page is refused clearly', async ({ page }) => {
    await openDownloadedCopy(page, server().url, 'A000000002');
    const workspace = new Workspace(page);

    await workspace.panel
      .getByRole('button', { name: 'Signaler un problème de scan' })
      .click();
    const form = workspace.panel.getByRole('region', {
      name: 'Signaler un problème de numérisation',
    });
    await form.getByText('Page manquante').click();
    await form.getByText('Page 1', { exact: true }).click();
    await expect(
      form.getByRole('checkbox', { name: 'Page 1' }),
    ).not.toBeChecked();
    await form
      .getByRole('button', { name: 'Enregistrer le signalement' })
      .click();

    await expect(
      form.getByText('Cochez au moins une page concernée.'),
    ).toBeVisible();
    await expect(workspace.panel.locator('.report-list')).toContainText(
      'Aucun signalement pour cette copie.',
    );
  });
});
