import { randomUUID } from 'node:crypto';

import type { Page } from '@playwright/test';

import { closeBatch } from '../../server/admin/copy-admin';
import { PASSWORDS } from '../support/fixture-sitting';
import { signIn, type Username } from '../support/test-server';
import { expect, test } from './support/fixtures';
import { useReferenceServer } from './support/reference-server';
import { BatchScreen } from './models/batch-screen';
import { BatchesScreen } from './models/batches-screen';
import { openDownloadedCopy } from './models/downloaded-copy';
import { SignInScreen } from './models/sign-in-screen';
import { StatusBar } from './models/status-bar';
import { SubmitPanel } from './models/submit-panel';
import { Workspace } from './models/workspace';

const server = useReferenceServer({ copiesPerBatch: 3 });

interface ServerGrade {
  version: number;
  status: string;
  marks: Record<string, number>;
}

/** Returns the id of the copy `anonymousCode` of `username`'s batch. */
async function copyId(username: Username, anonymousCode: string) {
  const { client } = await signIn(server(), username);
  const assignments = await client.request<{ batches: { id: string }[] }>(
    'GET',
    '/api/v1/assignments',
  );
  const batchId = assignments.body.batches[0]!.id;
  const detail = await client.request<{
    copies: { id: string; anonymousCode: string }[];
  }>('GET', `/api/v1/batches/${batchId}`);
  const copy = detail.body.copies.find(
    (entry) => entry.anonymousCode === anonymousCode,
  );
  return { batchId, copyId: copy!.id };
}

/** Reads a grade from the server as `username`, or null when there is none. */
async function serverGrade(
  username: Username,
  id: string,
): Promise<ServerGrade | null> {
  const { client } = await signIn(server(), username);
  const response = await client.request<ServerGrade>(
    'GET',
    `/api/v1/copies/${id}/grade`,
  );
  return response.status === 200 ? response.body : null;
}

/** Writes a final grade as the chief examiner, over any grade there. */
async function writeFinalAsChief(id: string): Promise<void> {
  const { client } = await signIn(server(), 'chef');
  const current = await serverGrade('chef', id);
  const response = await client.request('PUT', `/api/v1/copies/${id}/grade`, {
    headers: {
      'idempotency-key': randomUUID(),
      ...(current === null
        ? { 'if-none-match': '*' }
        : { 'if-match': `"${current.version}"` }),
    },
    body: {
      status: 'final',
      marks: { q1: 3, q2: 8, q3: 2 },
      comment: '',
      flags: [],
      annotations: [],
      clientUpdatedAt: new Date().toISOString(),
    },
  });
  expect(response.status).toBeLessThan(300);
}

/** Types points into a field with the keyboard, as an examiner does. */
async function typePoints(workspace: Workspace, label: string, value: string) {
  await workspace.points(label).click();
  await workspace.page.keyboard.press('Control+a');
  await workspace.page.keyboard.type(value);
}

/** Leaves only the browser's own reports of requests that found no network. */
function unexpectedErrors(errors: string[]): string[] {
  return errors.filter(
    (error) => !error.includes('net::ERR_INTERNET_DISCONNECTED'),
  );
}

async function signInAs(page: Page, username: Username): Promise<void> {
  await page.goto(`${server().url}/`);
  await new SignInScreen(page).signIn(username, PASSWORDS[username]);
  await expect(new BatchesScreen(page).heading).toBeVisible();
}

test.describe('an examiner who marks offline', () => {
  test('sees a change wait, then sends it', async ({ app, page, context }) => {
    await page.clock.install();
    await openDownloadedCopy(page, server().url, 'A000000001');
    const workspace = new Workspace(page);
    const statusBar = new StatusBar(page);
    await expect(statusBar.pending).toHaveText(
      'Aucune modification en attente',
    );
    await expect(statusBar.lastSync).toHaveText(
      'Dernière synchronisation à l’instant',
    );

    await context.setOffline(true);
    await expect(statusBar.connection).toHaveText(
      'Hors connexion : vos notes sont enregistrées sur cet ordinateur et seront envoyées au retour du réseau',
    );
    await typePoints(workspace, 'Introduction', '3,5');
    await workspace.waitUntilSaved();
    await expect(statusBar.pending).toHaveText(
      '1 modification en attente, faite à l’instant',
    );

    // The age follows the clock, which the status bar reads each minute.
    await page.clock.fastForward('12:00');
    await expect(statusBar.pending).toHaveText(
      '1 modification en attente, faite il y a 12 min',
    );
    const batches = new BatchesScreen(page);
    await page.goto(`${server().url}/#/`);
    await expect(batches.card('Lot 1')).toContainText(
      '1 note pas encore envoyée',
    );

    await context.setOffline(false);
    await statusBar.syncNow.click();
    await expect(statusBar.pending).toHaveText(
      'Aucune modification en attente',
    );
    await expect(statusBar.lastSync).toHaveText(
      'Dernière synchronisation à l’instant',
    );
    await expect(statusBar.connection).toHaveText('En ligne');
    await expect(batches.card('Lot 1')).toContainText(
      'Toutes les notes sont envoyées',
    );

    const { copyId: id } = await copyId('amartin', 'A000000001');
    const stored = await serverGrade('amartin', id);
    expect(stored?.status).toBe('draft');
    expect(stored?.marks).toEqual({ q1: 3.5 });
    expect(unexpectedErrors(app.errors)).toEqual([]);
  });

  test('is asked before closing with a change unsent', async ({
    page,
    context,
  }) => {
    await openDownloadedCopy(page, server().url, 'A000000002');
    const workspace = new Workspace(page);
    const statusBar = new StatusBar(page);
    await context.setOffline(true);
    await typePoints(workspace, 'Introduction', '2');
    await workspace.waitUntilSaved();
    await expect(statusBar.pending).toContainText('1 modification en attente');

    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => dialogs).toEqual(['beforeunload']);
    expect(page.isClosed()).toBe(false);
    await expect(workspace.heading('A000000002')).toBeVisible();

    // Once the change is on the server, the window closes without asking.
    await context.setOffline(false);
    await statusBar.syncNow.click();
    await expect(statusBar.pending).toHaveText(
      'Aucune modification en attente',
    );
    const closed = page.waitForEvent('close');
    await page.close({ runBeforeUnload: true });
    await closed;
    expect(dialogs).toEqual(['beforeunload']);
  });
});

test.describe('an examiner whose batch the exam office closed', () => {
  test('sees the refused change and reaches its copy', async ({ page }) => {
    await signInAs(page, 'bdupont');
    const batches = new BatchesScreen(page);
    await batches.downloadButton('Lot 2').click();
    await expect(batches.card('Lot 2')).toContainText('Disponible hors ligne');
    await batches.openBatch('Lot 2');
    await new BatchScreen(page).openCopy('A000001002');
    const workspace = new Workspace(page);
    await expect(workspace.points('Introduction')).toBeEditable();

    const { batchId } = await copyId('bdupont', 'A000001002');
    await closeBatch(server().handle, batchId);
    await typePoints(workspace, 'Introduction', '1,5');
    await workspace.waitUntilSaved();

    const statusBar = new StatusBar(page);
    await expect(statusBar.problems).toHaveText(
      '1 problème de synchronisation',
      { timeout: 10_000 },
    );
    await expect(statusBar.pending).toHaveText(
      'Aucune modification en attente',
    );
    // The pull that follows the push brings the closing: the grade locks.
    await expect(workspace.points('Introduction')).toHaveAttribute(
      'readonly',
      '',
    );

    await page.goto(`${server().url}/#/`);
    await expect(batches.card('Lot 2')).toContainText(
      '1 note refusée ou en conflit',
    );
    await statusBar.problems.click();
    const problem = statusBar.problem('A000001002');
    await expect(problem).toContainText('Copie A000001002 · Lot 2');
    await expect(problem).toContainText(
      'Le lot est clos, rendu ou sa date limite est passée : le serveur n’accepte plus de modification.',
    );
    // The server's English detail, with its ids, stays out of the list.
    await expect(problem).not.toContainText('Réponse du serveur');

    await problem.getByRole('link', { name: /Copie A000001002/ }).click();
    await expect(workspace.heading('A000001002')).toBeVisible();
    await expect(statusBar.problemList).toBeHidden();
    await expect(workspace.points('Introduction')).toHaveValue('1,5');

    await page.goto(`${server().url}/#/batches/${batchId}`);
    await expect(
      page.getByText(
        'Le centre d’examen a clos ce lot : il ne peut plus être rendu et ses notes ne peuvent plus changer.',
      ),
    ).toBeVisible();
    await expect(new SubmitPanel(page).submit).toHaveCount(0);
  });
});

test.describe('an examiner who hands in a batch', () => {
  test('is told what blocks it, then submits', async ({
    app,
    page,
    context,
  }) => {
    await signInAs(page, 'amartin');
    const batches = new BatchesScreen(page);
    await batches.downloadButton('Lot 1').click();
    await expect(batches.card('Lot 1')).toContainText('Disponible hors ligne');

    // The chief examiner marks two copies; a sync brings their grades.
    const first = await copyId('amartin', 'A000000001');
    const second = await copyId('amartin', 'A000000002');
    await writeFinalAsChief(first.copyId);
    await writeFinalAsChief(second.copyId);
    const statusBar = new StatusBar(page);
    await statusBar.syncNow.click();
    await expect(batches.card('Lot 1')).toContainText('2 sur 3 en note finale');

    await batches.openBatch('Lot 1');
    const submit = new SubmitPanel(page);
    await submit.submit.click();
    await expect(submit.region).toContainText(
      'Le lot ne peut pas encore être rendu.',
    );
    await expect(submit.region).toContainText('1 copie sans note finale :');
    await expect(submit.copyLink('A000000001')).toHaveCount(0);
    await expect(submit.confirmation).toHaveCount(0);

    // The examiner marks the last copy offline: it is final but not sent.
    await context.setOffline(true);
    await submit.copyLink('A000000003').click();
    const workspace = new Workspace(page);
    await expect(workspace.heading('A000000003')).toBeVisible();
    await typePoints(workspace, 'Introduction', '2');
    await typePoints(workspace, 'Développement', '7,5');
    await typePoints(workspace, 'Conclusion', '3');
    await page.keyboard.press('Control+Enter');
    await expect(workspace.reopen).toBeVisible();
    await workspace.waitUntilSaved();
    await page.getByRole('link', { name: 'Retour au lot' }).click();

    await submit.submit.click();
    await expect(submit.region).toContainText(
      '1 copie dont la note n’est pas encore envoyée :',
    );
    await expect(submit.copyLink('A000000003')).toBeVisible();
    await expect(submit.region).not.toContainText('sans note finale');

    // Back online, the list follows the sync.
    await context.setOffline(false);
    await statusBar.syncNow.click();
    await expect(submit.region).toContainText(
      'Plus rien ne bloque : vous pouvez rendre le lot.',
    );

    await submit.submit.click();
    await expect(submit.confirmation).toContainText(
      'Les notes finales des 3 copies seront transmises au centre d’examen. C’est définitif',
    );
    await submit.confirm.click();
    await expect(
      page.getByText('Lot rendu : le centre d’examen a reçu vos notes.'),
    ).toBeVisible();
    await expect(submit.confirmation).toHaveCount(0);

    const { client } = await signIn(server(), 'amartin');
    const assignments = await client.request<{
      batches: { id: string; status: string }[];
    }>('GET', '/api/v1/assignments');
    expect(assignments.body.batches[0]?.status).toBe('submitted');

    // A submitted batch's grades are read-only.
    await new BatchScreen(page).openCopy('A000000003');
    await expect(workspace.heading('A000000003')).toBeVisible();
    await expect(workspace.panel).toContainText(
      'Ce lot est remis : les notes ne peuvent plus être modifiées.',
    );
    await expect(workspace.reopen).toBeDisabled();
    await page.goto(`${server().url}/#/`);
    await expect(batches.card('Lot 1')).toContainText('Rendu');
    await expect(batches.card('Lot 1')).not.toContainText(/jours? restants?/);
    expect(unexpectedErrors(app.errors)).toEqual([]);
  });
});
