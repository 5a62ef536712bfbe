import { expect, test } from './support/fixtures';
import { useReferenceServer } from './support/reference-server';

const server = useReferenceServer();

test('IndexedDB survives a browser restart', async ({ profile }) => {
  const first = await profile.launch();
  const page = await first.newPage();
  await page.goto(`${server().url}/`);
  await page.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('e2e-profile-check', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('marks');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const transaction = database.transaction('marks', 'readwrite');
      transaction.objectStore('marks').put(12.5, 'A000005057');
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
    });
    database.close();
  });
  await profile.close();

  const second = await profile.launch();
  const reopened = await second.newPage();
  await reopened.goto(`${server().url}/`);
  const stored = await reopened.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('e2e-profile-check', 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return new Promise<unknown>((resolve, reject) => {
      const request = database
        .transaction('marks')
        .objectStore('marks')
        .get('A000005057');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  });

  expect(stored).toBe(12.5);
});
