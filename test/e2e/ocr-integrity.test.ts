import { expect, test } from './support/fixtures';
import { useReferenceServer } from './support/reference-server';
import { BatchScreen } from './models/batch-screen';
import {
  OCR_SITTING,
  openDownloadedSampleBatch,
  sittingCodes,
} from './models/ocr-sitting';
import { Workspace } from './models/workspace';

const server = useReferenceServer({ sample: OCR_SITTING });

test.describe('page checks after a download', () => {
  test('defect badges and prefilled report', async ({ app, page, context }) => {
    // Five checks of two pages took about 5 s on a 2-core machine, and
    // the first worker start and sample download add a few more.
    test.setTimeout(90_000);
    const codes = sittingCodes(server());
    const foreign = await openDownloadedSampleBatch(
      app,
      page,
      context,
      server().url,
    );

    const batch = new BatchScreen(page);
    await expect(page.locator('.ocr-progress')).toContainText(
      'copies contrôlées : 5 sur 5',
      { timeout: 60_000 },
    );

    const badge = (code: string) => batch.row(code).locator('.integrity-badge');
    await expect(badge(codes.blankPage)).toHaveText('1 anomalie de scan');
    await expect(badge(codes.blankPage)).toHaveAttribute(
      'title',
      'Page 2 blanche',
    );
    await expect(badge(codes.upsideDown)).toHaveAttribute(
      'title',
      'Page 2 à l’envers',
    );
    await expect(badge(codes.wrongCopy)).toHaveAttribute(
      'title',
      /^Page 2 d’une autre copie/,
    );
    await expect(badge(codes.missingPage)).toHaveAttribute(
      'title',
      /Page 2 manquante/,
    );
    await expect(batch.row(codes.clean)).toBeVisible();
    await expect(badge(codes.clean)).toHaveCount(0);

    await batch.openCopy(codes.wrongCopy);
    const workspace = new Workspace(page);
    await expect(workspace.heading(codes.wrongCopy)).toBeVisible();
    await expect(
      workspace.listEntry(codes.upsideDown).locator('.integrity-badge'),
    ).toHaveText('1 anomalie de scan');
    await expect(
      workspace.listEntry(codes.clean).locator('.integrity-badge'),
    ).toHaveCount(0);

    const findings = workspace.panel.getByRole('region', {
      name: 'Contrôle des pages',
    });
    const finding = findings
      .getByRole('listitem')
      .filter({ hasText: 'Page 2 d’une autre copie' });
    await expect(finding).toHaveCount(1);
    await finding
      .getByRole('button', { name: /^Signaler : Page 2 d’une autre copie/ })
      .click();

    const form = workspace.panel.getByRole('region', {
      name: 'Signaler un problème de numérisation',
    });
    // The form takes the focus, which also scrolls it into view.
    await expect(form.locator(':focus')).toHaveCount(1);
    await expect(
      form.getByRole('radio', { name: 'Page d’une autre copie' }),
    ).toBeChecked();
    await expect(form.getByRole('checkbox', { name: 'Page 2' })).toBeChecked();
    await expect(
      form.getByRole('checkbox', { name: 'Page 1' }),
    ).not.toBeChecked();
    const note = form.getByRole('textbox', { name: 'Précisions' });
    await expect(note).toHaveValue(
      new RegExp(
        `^Page 2 : code d’anonymat lu .* au lieu de ${codes.wrongCopy}\\.$`,
      ),
    );
    // The examiner can edit the note before filing.
    await note.fill('En-tête d’une autre copie');
    await form
      .getByRole('button', { name: 'Enregistrer le signalement' })
      .click();
    await expect(workspace.panel.locator('.report-list')).toContainText(
      'Page d’une autre copie',
    );

    expect(foreign).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
