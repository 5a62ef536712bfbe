/**
 * The service worker of the web build. It keeps the app's own files (the
 * page, scripts, styles, pdf.js worker) in Cache Storage, so the web client
 * starts with no network, as the desktop app does, and shows what the local
 * store holds. It never caches or serves API requests: those always go to
 * the network, and their failure is what the app counts as offline.
 *
 * The build prepends `self.__COPYDESK_PRECACHE__`, the list of the build's
 * files, and the version that names the cache.
 */

interface Precache {
  version: string;
  files: string[];
}

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}

interface ServiceWorkerScope {
  __COPYDESK_PRECACHE__?: Precache;
  location: Location;
  registration: { scope: string };
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(
    type: 'install' | 'activate',
    listener: (event: ExtendableEvent) => void,
  ): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

const worker = self as unknown as ServiceWorkerScope;
const precache: Precache = worker.__COPYDESK_PRECACHE__ ?? {
  version: 'unbuilt',
  files: [],
};
const CACHE_PREFIX = 'copydesk-app-';
const CACHE_NAME = `${CACHE_PREFIX}${precache.version}`;
const scope = new URL(worker.registration.scope);
/** The page itself, cached under the scope's URL. */
const PAGE_URL = scope.href;
const FILE_URLS = new Set(
  precache.files.map((file) => new URL(file, scope).href),
);

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE_NAME)
      .then((cache) => cache.addAll([PAGE_URL, ...FILE_URLS]))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter(
              (name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME,
            )
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') {
    return;
  }

  if (request.mode === 'navigate') {
    event.respondWith(pageFromNetworkOrCache(request));
    return;
  }

  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  if (FILE_URLS.has(url.href)) {
    event.respondWith(fileFromCacheOrNetwork(request));
  }
});

/**
 * Loads the page from the server when it responds, so a new build and the
 * server's configuration take effect at once, and from the cache otherwise.
 */
async function pageFromNetworkOrCache(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok && new URL(request.url).pathname === scope.pathname) {
      const cache = await caches.open(CACHE_NAME);
      await cache.put(PAGE_URL, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(PAGE_URL, { ignoreVary: true });
    if (cached === undefined) {
      throw error;
    }
    return cached;
  }
}

/** Serves a file of the build from the cache; its name changes with its content. */
async function fileFromCacheOrNetwork(request: Request): Promise<Response> {
  // The server varies its responses on `Origin` (CORS), and module scripts
  // are requested with one while `cache.addAll` sent none.
  const cached = await caches.match(request, {
    ignoreSearch: true,
    ignoreVary: true,
  });
  return cached ?? fetch(request);
}
