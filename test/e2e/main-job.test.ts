import type { BrowserContext, Page } from '@playwright/test';

import { expect, test } from './support/fixtures';
import { AppPage } from './support/app-page';
import { useReferenceServer } from './support/reference-server';
import { ApiClient } from '../support/test-server';
import type { SampleCopySummary } from '../../server/sample';
import type { Grade } from '../../shared/api/schemas';
import { AnnotationTools, boxOnPage } from './models/annotation-tools';
import { BatchScreen } from './models/batch-screen';
import { BatchesScreen } from './models/batches-screen';
import { CopyScreen } from './models/copy-screen';
import { readDecryptedGrades } from './models/local-grades';
import { SignInScreen } from './models/sign-in-screen';
import { StatusBar } from './models/status-bar';
import { readStoreRows, Workspace } from './models/workspace';

// The demo's kind of sitting: one examiner and the supervisor, three
// scanned-looking copies of three pages each at 150 dpi. The second copy
// of the examiner's batch has a blank last page, the third an upside-down
// second page.
const server = useReferenceServer({
  sample: { graderCount: 1, copiesPerBatch: 3, pagesPerCopy: 3, dpi: 150 },
});

const GRADER = 'amartin';

/** What the examiner enters for one copy, and what the screen then shows. */
interface Marking {
  /** Points typed in each question's field, by question label. */
  points: Record<string, string>;
  /** The same points by question id, as the API returns them. */
  marks: Record<string, number>;
  total: string;
  comment: string;
  /** The flag ticked, by its label and its API value. */
  flag: { label: string; value: string } | null;
  note: string;
}

// Question ids and labels of the sample marking scheme (`DEMO_SCHEME`).
const MARKINGS: Marking[] = [
  {
    points: {
      'Introduction et problématique': '2,5',
      'Première partie': '3,75',
      'Deuxième partie': '4',
      'Troisième partie': '3,5',
      'Conclusion et expression': '2',
    },
    marks: { q1: 2.5, q2: 3.75, q3: 4, q4: 3.5, q5: 2 },
    total: '15,75',
    comment: 'Problématique claire, bonne progression.',
    flag: null,
    note: 'Bien posé',
  },
  {
    points: {
      'Introduction et problématique': '1',
      'Première partie': '2,25',
      'Deuxième partie': '1,5',
      'Troisième partie': '2',
      'Conclusion et expression': '1,5',
    },
    marks: { q1: 1, q2: 2.25, q3: 1.5, q4: 2, q5: 1.5 },
    total: '8,25',
    comment: 'Copie inachevée : la dernière page est blanche.',
    flag: { label: 'Page blanche', value: 'blank-page' },
    note: 'Exemple à développer',
  },
  {
    points: {
      'Introduction et problématique': '3',
      'Première partie': '5',
      'Deuxième partie': '4,75',
      'Troisième partie': '4',
      'Conclusion et expression': '2,5',
    },
    marks: { q1: 3, q2: 5, q3: 4.75, q4: 4, q5: 2.5 },
    total: '19,25',
    comment: 'Excellente copie, références précises.',
    flag: null,
    note: 'Très juste',
  },
];

const FLAG_LABELS = [
  'Page blanche',
  'Page manquante',
  'Illisible',
  'Suspicion de fraude',
  'Mauvais sujet',
  'Autre',
];

// Where the annotations go, as fractions of the shown page.
const STROKE = [
  { x: 0.2, y: 0.45 },
  { x: 0.3, y: 0.47 },
  { x: 0.4, y: 0.45 },
  { x: 0.5, y: 0.47 },
];
const NOTE_AT = { x: 0.55, y: 0.6 };
const TICK_AT = { x: 0.7, y: 0.5 };

/** Starts the browser on the profile, offline when `offline` is set. */
async function openApp(
  context: BrowserContext,
  offline: boolean,
): Promise<{ page: Page; app: AppPage }> {
  if (offline) {
    await context.setOffline(true);
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const app = new AppPage(page);
  await app.open(server().url);
  return { page, app };
}

/** Returns the examiner's copies in the order of the copy list (by code). */
function examinerCopies(): SampleCopySummary[] {
  const sample = server().sample;
  if (sample === null) {
    throw new Error('The server was started without the sample sitting');
  }
  return sample.copies
    .filter((copy) => copy.grader === GRADER)
    .sort((a, b) => a.anonymousCode.localeCompare(b.anonymousCode));
}

function examinerPassword(): string {
  const account = server().sample?.sitting.graders.find(
    (grader) => grader.username === GRADER,
  );
  if (account === undefined) {
    throw new Error(`The sample sitting has no account ${GRADER}`);
  }
  return account.password;
}

/** Signs the examiner in through the API, as a second device would. */
async function signInToApi(): Promise<{ client: ApiClient; graderId: string }> {
  const client = new ApiClient(server().url);
  const login = await client.request<{
    accessToken: string;
    grader: { id: string };
  }>('POST', '/api/v1/auth/login', {
    body: {
      username: GRADER,
      password: examinerPassword(),
      deviceName: 'end-to-end check',
    },
  });
  expect(login.status).toBe(200);
  client.accessToken = login.body.accessToken;
  return { client, graderId: login.body.grader.id };
}

/**
 * Marks the copy on screen: a pen stroke and a note on page 1, a tick on
 * page 2, every question's points, the comment and the flag, then makes
 * the grade final.
 */
async function markCopy(
  page: Page,
  copy: SampleCopySummary,
  marking: Marking,
): Promise<void> {
  const workspace = new Workspace(page);
  const viewer = new CopyScreen(page);
  const tools = new AnnotationTools(page);
  await expect(workspace.heading(copy.anonymousCode)).toBeVisible();
  await expect(viewer.pageStatus).toHaveText(`Page 1 sur ${copy.pageCount}`);
  // The scan shows handwriting, not an empty canvas.
  await expect.poll(() => viewer.inkPixels()).toBeGreaterThan(1000);

  await tools.drawStroke(1, STROKE);
  await expect(tools.annotation(1, 'Trait, page 1')).toHaveCount(1);
  await tools.writeNote(1, NOTE_AT, marking.note);
  await expect(
    tools.annotation(1, `Note « ${marking.note} », page 1`),
  ).toHaveCount(1);
  await viewer.next.click();
  await expect(viewer.pageStatus).toHaveText(`Page 2 sur ${copy.pageCount}`);
  await tools.placeTick(2, TICK_AT);
  await expect(tools.annotation(2, 'Coche, page 2')).toHaveCount(1);

  for (const [label, points] of Object.entries(marking.points)) {
    await workspace.points(label).fill(points);
  }
  await expect(workspace.total).toHaveText(`Total : ${marking.total} / 20`);
  await workspace.comment.fill(marking.comment);
  if (marking.flag !== null) {
    await workspace.flag(marking.flag.label).focus();
    await page.keyboard.press('Space');
    await expect(workspace.flag(marking.flag.label)).toBeChecked();
  }
  await workspace.markFinal.click();
  await expect(workspace.reopen).toBeVisible();
  await workspace.waitUntilSaved();
  await expect(workspace.listEntry(copy.anonymousCode)).toContainText('Finale');
}

/** Checks that the copy on screen shows everything `markCopy` entered. */
async function expectMarked(
  page: Page,
  copy: SampleCopySummary,
  marking: Marking,
): Promise<void> {
  const workspace = new Workspace(page);
  const viewer = new CopyScreen(page);
  const tools = new AnnotationTools(page);
  await expect(workspace.heading(copy.anonymousCode)).toBeVisible();

  for (const [label, points] of Object.entries(marking.points)) {
    await expect(workspace.points(label)).toHaveValue(points);
  }
  await expect(workspace.total).toHaveText(`Total : ${marking.total} / 20`);
  await expect(workspace.comment).toHaveValue(marking.comment);
  for (const flag of FLAG_LABELS) {
    if (flag === marking.flag?.label) {
      await expect(workspace.flag(flag)).toBeChecked();
    } else {
      await expect(workspace.flag(flag)).not.toBeChecked();
    }
  }
  await expect(workspace.reopen).toBeVisible();
  await expect(workspace.listEntry(copy.anonymousCode)).toContainText('Finale');
  await expect(workspace.listEntry(copy.anonymousCode)).toContainText(
    marking.total,
  );

  // The annotations are drawn where they were made, over a drawn scan.
  await expect.poll(() => viewer.inkPixels()).toBeGreaterThan(1000);
  const stroke = tools.annotation(1, 'Trait, page 1');
  await expect(stroke).toBeVisible();
  const strokeBox = await boxOnPage(tools.layer(1), stroke);
  expect(strokeBox.left).toBeCloseTo(STROKE[0]!.x, 1);
  expect(strokeBox.right).toBeCloseTo(STROKE[3]!.x, 1);
  const note = tools.annotation(1, `Note « ${marking.note} », page 1`);
  await expect(note).toBeVisible();
  const noteBox = await boxOnPage(tools.layer(1), note);
  expect(noteBox.left).toBeCloseTo(NOTE_AT.x, 1);
  expect(noteBox.top).toBeCloseTo(NOTE_AT.y, 1);

  await viewer.next.click();
  await expect(viewer.pageStatus).toHaveText(`Page 2 sur ${copy.pageCount}`);
  const tick = tools.annotation(2, 'Coche, page 2');
  await expect(tick).toBeVisible();
  const tickBox = await boxOnPage(tools.layer(2), tick);
  expect((tickBox.left + tickBox.right) / 2).toBeCloseTo(TICK_AT.x, 1);
  expect((tickBox.top + tickBox.bottom) / 2).toBeCloseTo(TICK_AT.y, 1);
}

/** Checks that the page's only errors are requests that found no network. */
function expectOnlyOfflineErrors(app: AppPage): void {
  for (const error of app.errors) {
    expect(error).toContain('net::ERR_INTERNET_DISCONNECTED');
  }
}

test.describe('an examiner doing the whole job', () => {
  test('marks a batch offline and syncs it back', async ({ profile }) => {
    test.setTimeout(300_000);
    const copies = examinerCopies();
    expect(copies).toHaveLength(MARKINGS.length);

    // At home, online: sign in and download the batch.
    let context = await profile.launch();
    let { page, app } = await openApp(context, false);
    await new SignInScreen(page).signIn(GRADER, examinerPassword());
    let batches = new BatchesScreen(page);
    await expect(batches.connection).toHaveAttribute(
      'data-connection',
      'online',
    );
    await expect(batches.card('Lot 1')).toContainText('3 copies');
    await batches.downloadButton('Lot 1').click();
    await expect(batches.card('Lot 1')).toContainText('Disponible hors ligne', {
      timeout: 60_000,
    });
    await expect
      .poll(() =>
        page.evaluate(
          async () =>
            (await navigator.serviceWorker.getRegistration())?.active?.state,
        ),
      )
      .toBe('activated');
    expect(app.errors).toEqual([]);

    // On the train: no network. Mark the three copies and make them final.
    await context.setOffline(true);
    await expect(batches.connection).toHaveAttribute(
      'data-connection',
      'offline',
    );
    await batches.openBatch('Lot 1');
    await new BatchScreen(page).openCopy(copies[0]!.anonymousCode);
    const workspace = new Workspace(page);
    for (const [index, copy] of copies.entries()) {
      if (index > 0) {
        await workspace.listEntry(copy.anonymousCode).click();
      }
      await markCopy(page, copy, MARKINGS[index]!);
    }

    const outbox = (await readStoreRows(page, 'outbox')) as unknown[];
    expect(outbox).toHaveLength(copies.length);
    const entered = await readDecryptedGrades(page);
    expect(entered).toHaveLength(copies.length);
    for (const grade of entered) {
      expect(grade.baseVersion).toBeNull();
      expect(grade.status).toBe('final');
    }
    expectOnlyOfflineErrors(app);
    expect(await app.cspViolations()).toEqual([]);

    // The browser closes and starts again, still offline.
    await profile.close();
    context = await profile.launch();
    ({ page, app } = await openApp(context, true));
    batches = new BatchesScreen(page);
    await expect(batches.heading).toBeVisible();
    await expect(batches.connection).toHaveAttribute(
      'data-connection',
      'offline',
    );
    await batches.openBatch('Lot 1');
    await new BatchScreen(page).openCopy(copies[0]!.anonymousCode);
    for (const [index, copy] of copies.entries()) {
      if (index > 0) {
        await new Workspace(page).listEntry(copy.anonymousCode).click();
      }
      await expectMarked(page, copy, MARKINGS[index]!);
    }
    expectOnlyOfflineErrors(app);
    expect(await app.cspViolations()).toEqual([]);

    // Back online. The browser build keeps its refresh token in memory
    // only, so after the restart the examiner signs in again before the
    // app sends anything, and every pending grade waits in the outbox.
    const statusBar = new StatusBar(page);
    await expect(statusBar.pending).toHaveAttribute(
      'data-pending',
      String(copies.length),
    );
    await context.setOffline(false);
    await expect(statusBar.connection).toHaveAttribute(
      'data-connection',
      'sign-in-required',
      { timeout: 30_000 },
    );
    expect(await readStoreRows(page, 'outbox')).toHaveLength(copies.length);
    await page.getByRole('button', { name: 'Se reconnecter' }).click();
    const signIn = new SignInScreen(page);
    await expect(
      page.getByRole('status').filter({
        hasText: 'Reconnectez-vous pour synchroniser.',
      }),
    ).toBeVisible();
    await signIn.signIn(GRADER, examinerPassword());

    // Signed in again, the app syncs by itself.
    await expect(statusBar.connection).toHaveAttribute(
      'data-connection',
      'online',
      { timeout: 30_000 },
    );
    await statusBar.syncNow.click();
    await expect
      .poll(async () => (await readStoreRows(page, 'outbox')).length, {
        timeout: 60_000,
      })
      .toBe(0);
    await expect(statusBar.pending).toHaveText(
      'Aucune modification en attente',
    );
    await expect(statusBar.problems).toHaveCount(0);
    const synced = await readDecryptedGrades(page);
    expect(synced).toHaveLength(copies.length);

    // The server stores exactly what was entered, written once.
    const { client, graderId } = await signInToApi();
    const batchId = server().sitting.batches.find(
      (batch) => batch.grader === GRADER,
    )?.id;
    const batch = await client.request<{
      copies: { id: string; anonymousCode: string }[];
    }>('GET', `/api/v1/batches/${batchId}`);
    expect(batch.status).toBe(200);

    for (const [index, copy] of copies.entries()) {
      const marking = MARKINGS[index]!;
      const copyId = batch.body.copies.find(
        (entry) => entry.anonymousCode === copy.anonymousCode,
      )?.id;
      expect(copyId).toBeDefined();
      const response = await client.request<Grade>(
        'GET',
        `/api/v1/copies/${copyId}/grade`,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('"1"');
      const grade = response.body;
      expect(grade.version).toBe(1);
      expect(grade.updatedBy).toBe(graderId);
      expect(grade.status).toBe('final');
      expect(grade.marks).toEqual(marking.marks);
      expect(grade.comment).toBe(marking.comment);
      expect(grade.flags).toEqual(
        marking.flag === null ? [] : [marking.flag.value],
      );

      const kinds = grade.annotations
        .map((annotation) => `${annotation.kind} on page ${annotation.page}`)
        .sort();
      expect(kinds).toEqual([
        'pen on page 1',
        'text on page 1',
        'tick on page 2',
      ]);
      expect(
        grade.annotations.find((annotation) => annotation.kind === 'text')
          ?.text,
      ).toBe(marking.note);

      // The geometry and every other field are the local store's, as sent.
      const local = synced.find((entry) => entry.copyId === copyId);
      expect(local?.baseVersion).toBe(1);
      expect(grade.annotations).toEqual(local?.annotations);
      expect(grade.marks).toEqual(local?.marks);
      expect(grade.comment).toBe(local?.comment);
      expect(grade.flags).toEqual(local?.flags);
    }

    // Online, the copy list still shows every grade final with its total.
    const listed = new Workspace(page);
    for (const [index, copy] of copies.entries()) {
      await expect(listed.listEntry(copy.anonymousCode)).toContainText(
        'Finale',
      );
      await expect(listed.listEntry(copy.anonymousCode)).toContainText(
        MARKINGS[index]!.total,
      );
    }
    await new CopyScreen(page).backToBatch();
    await new BatchScreen(page).backToBatches();
    await expect(batches.card('Lot 1')).toContainText(
      'Toutes les notes sont envoyées',
    );
    expectOnlyOfflineErrors(app);
    expect(await app.cspViolations()).toEqual([]);
  });
});
