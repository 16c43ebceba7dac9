/*
 * The web client's service worker: the app opens without a connection after one visit.
 *  - /assets/* (content-hashed names: a name never changes content): cache first. The build lists
 *    the shell and the pages a cadre needs offline (PRECACHE); any other chunk is kept when first
 *    loaded. Chunks of older builds are dropped when a new worker takes over.
 *  - page navigations: the network first, the cached index.html when there is none (every app
 *    path serves the same index.html).
 *  - everything else (GraphQL POSTs, files, dossiers, exports, health) is never touched: no
 *    personal data ever lands in Cache Storage. Drafts live in IndexedDB, written by the page.
 * client/pwa/plugin.ts writes the build's lists in place of the markers below.
 */
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const BUILD_FILES = new Set(__BUILD_FILES__);
const SHELL = `shell-${VERSION}`;
const ASSETS = 'assets';
const NOT_APP = /^\/(graphql|graphiql|files|dossiers|exports|healthz|readyz|sw\.js)(\/|$)/;
/** On a weak signal a navigation waits this long for the network before the cached shell is used. */
const NAVIGATION_TIMEOUT_MS = 6000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SHELL);
      await shell.add(new Request('/index.html', { cache: 'reload' }));
      const assets = await caches.open(ASSETS);
      // Files kept from an earlier build (same hashed name) are not fetched again.
      const missing = [];
      for (const url of PRECACHE) if (!(await assets.match(url))) missing.push(url);
      await Promise.all(missing.map((url) => assets.add(new Request(url, { cache: 'reload' }))));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== SHELL && name !== ASSETS) await caches.delete(name);
      const assets = await caches.open(ASSETS);
      for (const req of await assets.keys()) if (!BUILD_FILES.has(new URL(req.url).pathname)) await assets.delete(req);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (BUILD_FILES.has(url.pathname)) return event.respondWith(cacheFirst(req));
  if (req.mode === 'navigate' && !NOT_APP.test(url.pathname)) return event.respondWith(networkFirst(req));
});

async function cacheFirst(req) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(req, { ignoreSearch: true });
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok && res.type === 'basic') await cache.put(req, res.clone());
  return res;
}

async function networkFirst(req) {
  const cached = () => caches.open(SHELL).then((c) => c.match('/index.html'));
  const network = fetch(req);
  network.catch(() => undefined); // a late failure after the timeout is not an error
  const timeout = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS, null));
  try {
    const res = await Promise.race([network, timeout]);
    if (res) return res;
    return (await cached()) ?? (await network);
  } catch (err) {
    const hit = await cached();
    if (hit) return hit;
    throw err;
  }
}
