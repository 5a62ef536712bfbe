import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { closeBatch, withdrawCopy } from '../../server/admin/copy-admin';
import { recordChanges } from '../../server/changes/feed';
import { QUESTIONS } from '../support/fixture-sitting';
import { expect, test } from './support/fixtures';
import { useReferenceServer } from './support/reference-server';
import { openDownloadedCopy } from './models/downloaded-copy';
import {
  ConflictResolver,
  copyIdOf,
  CopySyncPanel,
  unexpectedErrors,
} from './models/grade-conflict';
import { Supervisor } from './models/supervisor';
import { readStoreRows, Workspace } from './models/workspace';
import { BatchesScreen } from './models/batches-screen';

// Each test marks its own copy of Lot 1, because the server is shared by
// the whole file. The last one closes Lot 1.
const server = useReferenceServer({ copiesPerBatch: 5 });

// A push waits 1.5 s for more typing, then a sync run goes out.
const SYNC_TIMEOUT = 20_000;

/**
 * Replaces the questions of the sitting's scheme on the server and records
 * a `scheme-updated` change for A. Martin, as an exam office's correction
 * would.
 */
async function correctScheme(
  questions: { id: string; label: string; maxPoints: number; step: number }[],
): Promise<void> {
  const { handle, sitting } = server();
  const grader = sitting.graders.find((item) => item.username === 'amartin');
  if (grader === undefined) {
    throw new Error('The fixture sitting has no grader amartin');
  }
  await handle.db.transaction().execute(async (trx) => {
    const scheme = await trx
      .selectFrom('schemes')
      .selectAll()
      .where('id', '=', sitting.schemeId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('schemes')
      .set({
        version: scheme.version + 1,
        questions: JSON.stringify(questions),
      })
      .where('id', '=', scheme.id)
      .execute();
    await recordChanges(trx, handle.dialect, [
      { graderId: grader.id, kind: 'scheme-updated', schemeId: scheme.id },
    ]);
  });
}

/** Returns the status bar's connection state. */
function connection(page: Page) {
  return new BatchesScreen(page).connection;
}

test.describe('an examiner whose grade changed on the server', () => {
  test('chooses between versions per question', async ({ app, page }) => {
    test.setTimeout(90_000);
    await openDownloadedCopy(page, server().url, 'A000000001');
    const workspace = new Workspace(page);
    const sync = new CopySyncPanel(workspace.panel);

    // Marked online: the grade reaches the server.
    await workspace.points('Introduction').fill('3');
    await workspace.points('Développement').fill('8');
    await workspace.points('Conclusion').fill('2');
    await workspace.waitUntilSaved();
    await expect(sync.syncLine).toHaveText('Envoyée au serveur.', {
      timeout: SYNC_TIMEOUT,
    });
    const copyId = await copyIdOf(page, 'A000000001');
    const chef = await Supervisor.signIn(server());
    const first = await chef.readGrade(copyId);
    expect(first.marks).toEqual({ q1: 3, q2: 8, q3: 2 });

    // On the train, the examiner changes two marks and the comment.
    await page.context().setOffline(true);
    await workspace.points('Introduction').fill('3,5');
    await workspace.points('Développement').fill('9');
    await workspace.comment.fill('Bonne analyse');
    await workspace.waitUntilSaved();
    await expect(sync.syncLine).toHaveText(/^Pas encore envoyée/);
    await expect(workspace.listEntry('A000000001')).toContainText(
      'Non envoyée',
    );

    // Meanwhile the chief examiner corrects the same grade.
    await chef.writeGrade(copyId, first.version, {
      ...first,
      marks: { q1: 2, q2: 10, q3: 2 },
      comment: 'Revu par le chef de jury',
    });

    // Back online: the push meets the chief examiner's version.
    await page.context().setOffline(false);
    const resolver = new ConflictResolver(page);
    await expect(resolver.heading).toBeVisible({ timeout: SYNC_TIMEOUT });
    await expect(workspace.panel).toHaveCount(0);
    await expect(
      page.getByRole('textbox', { name: /^Introduction/ }),
    ).toHaveCount(0);
    await expect(resolver.region).toContainText(
      'Version du serveur : écrite par un autre compte (chef de jury ou centre d’examen)',
    );
    await expect(workspace.listEntry('A000000001')).toContainText('Conflit');

    // Question by question, with the difference.
    await expect(
      resolver.option('Introduction', 'server'),
    ).toHaveAccessibleName('Serveur : 2');
    await expect(resolver.option('Introduction', 'local')).toHaveAccessibleName(
      'Vous : 3,5',
    );
    await expect(resolver.question('Introduction')).toContainText('+1,5');
    await expect(resolver.question('Développement')).toContainText('−1');
    await expect(resolver.question('Conclusion')).toContainText('Identique');
    await expect(
      resolver.option('Appréciation', 'server'),
    ).toHaveAccessibleName('Serveur : Revu par le chef de jury');
    await expect(resolver.confirm).toBeDisabled();
    const audit = await new AxeBuilder({ page })
      .include('.conflict-resolver')
      .analyze();
    expect(
      audit.violations
        .filter((violation) =>
          ['serious', 'critical'].includes(violation.impact ?? ''),
        )
        .map((violation) => `${violation.id}: ${violation.help}`),
    ).toEqual([]);

    // Keeps everything of their own but the development, taken from the
    // server with the keyboard.
    await resolver.takeAllLocal.click();
    await resolver.option('Développement', 'local').focus();
    await page.keyboard.press('ArrowLeft');
    await expect(resolver.option('Développement', 'server')).toBeChecked();
    await expect(resolver.option('Introduction', 'local')).toBeChecked();
    await expect(resolver.total).toHaveText('Total retenu : 15,5 / 20');
    await resolver.confirm.click();

    // The marking panel comes back with the chosen grade, which is sent.
    await expect(workspace.points('Introduction')).toHaveValue('3,5');
    await expect(workspace.points('Développement')).toHaveValue('10');
    await expect(workspace.points('Conclusion')).toHaveValue('2');
    await expect(workspace.comment).toHaveValue('Bonne analyse');
    await expect(sync.syncLine).toHaveText('Envoyée au serveur.', {
      timeout: SYNC_TIMEOUT,
    });
    await expect(workspace.listEntry('A000000001')).not.toContainText(
      'Conflit',
    );

    const stored = await chef.readGrade(copyId);
    expect(stored.marks).toEqual({ q1: 3.5, q2: 10, q3: 2 });
    expect(stored.comment).toBe('Bonne analyse');
    expect(stored.version).toBe(first.version + 2);
    expect(stored.updatedBy).toBe(first.updatedBy);
    expect(unexpectedErrors(app.errors, [412])).toEqual([]);
  });

  test('shows a supervisor change it received', async ({ app, page }) => {
    test.setTimeout(60_000);
    await openDownloadedCopy(page, server().url, 'A000000002');
    const workspace = new Workspace(page);
    const sync = new CopySyncPanel(workspace.panel);
    await workspace.points('Introduction').fill('1');
    await workspace.waitUntilSaved();
    await expect(sync.syncLine).toHaveText('Envoyée au serveur.', {
      timeout: SYNC_TIMEOUT,
    });

    const copyId = await copyIdOf(page, 'A000000002');
    const chef = await Supervisor.signIn(server());
    const sent = await chef.readGrade(copyId);
    await chef.writeGrade(copyId, sent.version, {
      ...sent,
      marks: { q1: 4, q2: 11 },
      comment: 'Note revue en commission',
    });

    // The connection drops and comes back, which starts a sync while the
    // copy is open.
    await page.context().setOffline(true);
    await expect(connection(page)).toHaveAttribute(
      'data-connection',
      'offline',
    );
    await page.context().setOffline(false);
    await expect(workspace.points('Introduction')).toHaveValue('4', {
      timeout: SYNC_TIMEOUT,
    });
    await expect(workspace.points('Développement')).toHaveValue('11');
    await expect(workspace.comment).toHaveValue('Note revue en commission');
    await expect(sync.serverChange).toContainText(
      'par un autre compte (chef de jury ou centre d’examen)',
    );
    await expect(workspace.listEntry('A000000002')).toContainText(
      'Modifiée sur le serveur',
    );
    await workspace.filter('À vérifier').click();
    await expect(workspace.listEntry('A000000002')).toBeVisible();
    await expect(workspace.listEntry('A000000001')).toHaveCount(0);

    // Nothing goes back to the server for a grade taken from it.
    expect(await readStoreRows(page, 'outbox')).toEqual([]);

    await sync.dismiss.click();
    await expect(sync.serverChange).toHaveCount(0);
    await expect(workspace.listEntry('A000000002')).toHaveCount(0);
    expect((await chef.readGrade(copyId)).version).toBe(sent.version + 1);
    expect(unexpectedErrors(app.errors, [])).toEqual([]);
  });
});

test.describe('an examiner whose marking scheme was corrected', () => {
  test('sees the marks to check again', async ({ app, page }) => {
    test.setTimeout(60_000);
    await openDownloadedCopy(page, server().url, 'A000000005');
    const workspace = new Workspace(page);
    const sync = new CopySyncPanel(workspace.panel);
    await workspace.points('Développement').fill('9,75');
    await workspace.waitUntilSaved();
    await expect(sync.syncLine).toHaveText('Envoyée au serveur.', {
      timeout: SYNC_TIMEOUT,
    });

    // The exam office corrects the scheme: the development now goes by
    // half points, which 9,75 is not.
    await correctScheme(
      QUESTIONS.map((question) =>
        question.id === 'q2' ? { ...question, step: 0.5 } : question,
      ),
    );
    await page.context().setOffline(true);
    await expect(connection(page)).toHaveAttribute(
      'data-connection',
      'offline',
    );
    await page.context().setOffline(false);

    const notice = workspace.panel.getByText(
      'Le barème a été corrigé et la note enregistrée ne le respecte plus pour Développement. Corrigez ces questions.',
    );
    await expect(notice).toBeVisible({ timeout: SYNC_TIMEOUT });
    await expect(workspace.listEntry('A000000005')).toContainText(
      'Barème à revoir',
    );

    await workspace.points('Développement').fill('10');
    await expect(notice).toHaveCount(0);
    await expect(workspace.listEntry('A000000005')).not.toContainText(
      'Barème à revoir',
    );
    expect(unexpectedErrors(app.errors, [])).toEqual([]);
  });
});

test.describe('an examiner whose grade the server rejected', () => {
  test('keeps the grade of a withdrawn copy', async ({ app, page }) => {
    test.setTimeout(60_000);
    await openDownloadedCopy(page, server().url, 'A000000003');
    const workspace = new Workspace(page);
    const sync = new CopySyncPanel(workspace.panel);

    await page.context().setOffline(true);
    await workspace.points('Introduction').fill('2,5');
    await workspace.waitUntilSaved();
    await expect(sync.syncLine).toHaveText(/^Pas encore envoyée/);

    // The exam office withdraws the copy before the grade is sent.
    await withdrawCopy(server().handle, { copy: 'A000000003' });
    await page.context().setOffline(false);

    await expect(sync.refusal).toHaveText(
      'Copie retirée de votre lot : votre note est conservée sur cet ordinateur mais ne peut plus être envoyée.',
      { timeout: SYNC_TIMEOUT },
    );
    await expect(workspace.points('Introduction')).toHaveValue('2,5');
    await expect(workspace.points('Introduction')).toHaveAttribute(
      'readonly',
      '',
    );
    await expect(workspace.listEntry('A000000003')).toContainText('Retirée');
    await expect(workspace.listEntry('A000000003')).toContainText('Refusée');
    await expect(
      workspace.panel.getByRole('button', { name: 'Renvoyer la note' }),
    ).toHaveCount(0);

    // Still there after a reload of the app, before any new sign-in.
    await page.reload();
    await expect(workspace.points('Introduction')).toHaveValue('2,5');
    await expect(sync.refusal).toContainText('Copie retirée de votre lot');
    expect(unexpectedErrors(app.errors, [])).toEqual([]);
  });

  test('retries a grade after a closed batch', async ({ app, page }) => {
    test.setTimeout(60_000);
    await openDownloadedCopy(page, server().url, 'A000000004');
    const workspace = new Workspace(page);
    const sync = new CopySyncPanel(workspace.panel);
    const copyId = await copyIdOf(page, 'A000000004');
    const lot = server().sitting.batches.find(
      (batch) => batch.title === 'Lot 1',
    );
    if (lot === undefined) {
      throw new Error('The fixture sitting has no Lot 1');
    }

    await page.context().setOffline(true);
    await workspace.points('Introduction').fill('3');
    await workspace.waitUntilSaved();

    // The exam office closes the batch before the grade is sent.
    await closeBatch(server().handle, lot.id);
    await page.context().setOffline(false);

    await expect(sync.refusal).toHaveText(
      /^Le serveur n’accepte plus cette note : le lot est remis, clos ou sa date limite est passée\./,
      { timeout: SYNC_TIMEOUT },
    );
    await expect(workspace.listEntry('A000000004')).toContainText('Refusée');
    await expect(workspace.points('Introduction')).toHaveValue('3');

    // The exam office reopens it, and the examiner sends the grade again.
    await server()
      .handle.db.updateTable('batches')
      .set({ status: 'open' })
      .where('id', '=', lot.id)
      .execute();
    await workspace.panel
      .getByRole('button', { name: 'Renvoyer la note' })
      .click();

    await expect(sync.refusal).toHaveCount(0, { timeout: SYNC_TIMEOUT });
    await expect(sync.syncLine).toHaveText('Envoyée au serveur.', {
      timeout: SYNC_TIMEOUT,
    });
    const chef = await Supervisor.signIn(server());
    expect((await chef.readGrade(copyId)).marks).toEqual({ q1: 3 });
    expect(unexpectedErrors(app.errors, [423])).toEqual([]);
  });
});
