import AxeBuilder from '@axe-core/playwright';

import { expect, test } from './support/fixtures';
import { useReferenceServer } from './support/reference-server';
import { openDownloadedCopy } from './models/downloaded-copy';
import { readStoreRows, Workspace } from './models/workspace';
import type { Page } from '@playwright/test';

const server = useReferenceServer({ copiesPerBatch: 3 });

/** Signs in, downloads Lot 1 and opens its first copy. */
async function openFirstCopy(page: Page, url: string): Promise<Workspace> {
  await openDownloadedCopy(page, url, 'A000000001');
  const workspace = new Workspace(page);
  await expect(workspace.points('Introduction')).toBeEditable();
  return workspace;
}

interface OutboxEntry {
  copyId: string;
  idempotencyKey: string;
}

interface GradeEntry {
  copyId: string;
  summary?: { status: string; markedCount: number; flags: string[] };
}

test.describe('an examiner marking from the keyboard', () => {
  test('marks a copy completely with keys only', async ({ app, page }) => {
    const workspace = await openFirstCopy(page, server().url);

    // Alt+G puts the focus in the first points field.
    await page.keyboard.press('Alt+g');
    await expect(workspace.points('Introduction')).toBeFocused();
    await page.keyboard.type('3,5');
    await page.keyboard.press('Enter');
    await expect(workspace.points('Développement')).toBeFocused();
    // + and - move by the question's step of 0.25 from an empty field: 0,
    // then up three steps and down one.
    for (const key of ['+', '+', '+', '+', '-']) {
      await page.keyboard.press(key);
    }
    await expect(workspace.points('Développement')).toHaveValue('0,5');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('9.75');
    await page.keyboard.press('Tab');
    await page.keyboard.type('4');
    await expect(workspace.total).toHaveText('Total : 17,25 / 20');

    // A mark above the maximum is explained and not stored.
    await page.keyboard.press('Backspace');
    await page.keyboard.type('5');
    await expect(
      workspace.panel.getByText(/^5 dépasse le maximum/),
    ).toBeVisible();
    await expect(workspace.total).toHaveText('Total : 13,25 / 20');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('3');
    await expect(workspace.total).toHaveText('Total : 16,25 / 20');

    // Enter on the last question goes on to the comment, then a flag with
    // the space bar.
    await page.keyboard.press('Enter');
    await expect(workspace.comment).toBeFocused();
    await page.keyboard.type('Bonne copie, conclusion un peu rapide.');
    await workspace.flag('Illisible').focus();
    await page.keyboard.press('Space');
    await expect(workspace.flag('Illisible')).toBeChecked();

    // Ctrl+Enter makes the grade final; the focus stays where it was.
    await page.keyboard.press('Control+Enter');
    await expect(workspace.reopen).toBeVisible();
    await expect(workspace.flag('Illisible')).toBeFocused();
    await expect(workspace.points('Introduction')).toHaveAttribute(
      'readonly',
      '',
    );
    await workspace.waitUntilSaved();
    await expect(workspace.listEntry('A000000001')).toContainText('Finale');
    await expect(workspace.listEntry('A000000001')).toContainText('16,25');

    // One pending push for the copy, and no mark in clear in the store.
    const outbox = (await readStoreRows(page, 'outbox')) as OutboxEntry[];
    expect(outbox).toHaveLength(1);
    const grades = (await readStoreRows(page, 'grades')) as GradeEntry[];
    expect(grades).toHaveLength(1);
    expect(grades[0]?.summary).toMatchObject({
      status: 'final',
      markedCount: 3,
      flags: ['illegible'],
    });
    expect(JSON.stringify(grades)).not.toContain('9.75');

    // Alt+N goes on to the next copy still to mark.
    await page.keyboard.press('Alt+n');
    await expect(workspace.heading('A000000002')).toBeVisible();
    await expect(workspace.total).toHaveText('Total : 0 / 20');
    await expect(workspace.points('Introduction')).toBeFocused();
    await page.keyboard.press('Alt+ArrowRight');
    await expect(workspace.heading('A000000003')).toBeVisible();
    await expect(workspace.points('Introduction')).toBeFocused();
    expect(app.errors).toEqual([]);
  });

  test('refuses a final grade with a question left', async ({ page }) => {
    const workspace = await openFirstCopy(page, server().url);

    await workspace.points('Introduction').fill('2');
    await page.keyboard.press('Control+Enter');

    await expect(
      workspace.panel.getByText(
        'Pour passer la note en finale, notez d’abord : Développement, Conclusion.',
      ),
    ).toBeVisible();
    await expect(workspace.markFinal).toBeVisible();
    await expect(workspace.listEntry('A000000001')).toContainText('Brouillon');
  });

  test('refuses a final grade while a field is invalid', async ({ page }) => {
    const workspace = await openFirstCopy(page, server().url);
    await workspace.points('Introduction').fill('4');
    await workspace.points('Conclusion').fill('2');
    // Typed a key at a time, 4,55 stores 4,5 on the way before it turns
    // invalid: a final grade must not take that 4,5.
    await workspace.points('Développement').pressSequentially('4,55');
    await expect(workspace.total).toHaveText('Total : 10,5 / 20');

    await page.keyboard.press('Control+Enter');

    await expect(
      workspace.panel.getByText(
        'Corrigez d’abord les notes signalées en rouge (Développement) : la note finale reprend ce qui est affiché.',
      ),
    ).toBeVisible();
    await expect(workspace.markFinal).toBeVisible();

    // + steps from the number shown, up to the next step of 0.25.
    await page.keyboard.press('+');
    await expect(workspace.points('Développement')).toHaveValue('4,75');
    // The final button gives way to the reopen button, which takes the
    // focus rather than leaving it on the page.
    await workspace.markFinal.focus();
    await page.keyboard.press('Enter');
    await expect(workspace.reopen).toBeFocused();
    await expect(workspace.total).toHaveText('Total : 10,75 / 20');
  });

  test('finds an edit intact after a reload', async ({ page }) => {
    const workspace = await openFirstCopy(page, server().url);

    // The focus stays in the comment: the reload comes mid-edit, as soon as
    // the app shows the last key stored, before any blur or Tab.
    await workspace.points('Introduction').fill('1,5');
    await workspace.comment.fill('Introduction à reprendre');
    await workspace.waitUntilSaved();
    await expect(workspace.comment).toBeFocused();
    await page.reload();

    await expect(workspace.points('Introduction')).toHaveValue('1,5');
    await expect(workspace.comment).toHaveValue('Introduction à reprendre');
    await expect(workspace.total).toHaveText('Total : 1,5 / 20');
  });

  test('compares two copies side by side', async ({ app, page }) => {
    const workspace = await openFirstCopy(page, server().url);
    await workspace.points('Introduction').fill('3');
    await workspace.points('Développement').fill('10,5');
    await workspace.waitUntilSaved();

    await page.getByRole('button', { name: /Comparer avec/ }).click();
    await page
      .locator('.react-aria-Popover')
      .getByRole('option', { name: 'A000000002' })
      .click();

    await expect(
      page.getByRole('heading', {
        level: 1,
        name: 'Comparer A000000001 et A000000002',
      }),
    ).toBeVisible();
    const first = page.locator('.compare-side').nth(0);
    const second = page.locator('.compare-side').nth(1);
    await expect(
      first.getByRole('heading', { level: 2, name: 'Copie A000000001' }),
    ).toBeVisible();
    await expect(first.locator('.compare-total')).toContainText('13,5 / 20');
    await expect(
      second.getByRole('heading', { level: 2, name: 'Copie A000000002' }),
    ).toBeVisible();
    await expect(second.locator('.compare-total')).toContainText('0 / 20');

    await page
      .getByRole('link', { name: 'Retour à la copie A000000001' })
      .click();
    await expect(workspace.heading('A000000001')).toBeVisible();
    expect(app.errors).toEqual([]);
  });

  test('has no serious accessibility violation', async ({ page }) => {
    const workspace = await openFirstCopy(page, server().url);
    await workspace.points('Introduction').fill('9');
    await expect(workspace.panel.getByText(/^9 dépasse/)).toBeVisible();

    // React Aria's live announcer keeps each announcement for 7 s. The one
    // made when the pending sign-in button finished points to that button,
    // which left with the sign-in screen, so it is not the workspace's.
    const results = await new AxeBuilder({ page })
      .exclude('[data-live-announcer]')
      .analyze();
    const serious = results.violations
      .filter((violation) =>
        ['serious', 'critical'].includes(violation.impact ?? ''),
      )
      .map(
        (violation) =>
          `${violation.id}: ${violation.help} (${violation.nodes
            .map((node) => node.target.join(' '))
            .join(', ')})`,
      );

    expect(serious).toEqual([]);
  });
});
