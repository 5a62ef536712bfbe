import { expect, test } from './support/fixtures';
import { useReferenceServer } from './support/reference-server';

const server = useReferenceServer();

test('app loads from the reference server', async ({ app }) => {
  await app.open(server().url);

  await expect(app.root).not.toBeEmpty();
  // Errors may come after the first render, from requests the app starts.
  await app.page.waitForLoadState('networkidle');
  expect.soft(app.errors).toEqual([]);
  expect.soft(await app.cspViolations()).toEqual([]);
});

test('page is locked to its server', async ({ app }) => {
  await app.open(server().url);

  const config = await app.page
    .locator('#copydesk-config')
    .evaluate((element) => JSON.parse(element.textContent ?? 'null'));
  expect(config).toEqual({ serverUrl: server().url });
});
