// Service worker: after one visit the site works offline. Written into dist/ as sw.js by the
// build (tools/csp.mjs fills in the file list and the version), never edited by hand.
//
// Hashed app files never change, so they are served from the cache. The page, the manifest,
// the articles and the models' weights (entities.bin, attribution.bin: data files fetched beside
// the wasm; their names carry no hash, so they are revalidated like the page) are asked of the network first (a teacher
// may have updated them) and served from the cache when there is no network. "First" means past the browser's HTTP cache too
// (`cache: 'no-cache'`: revalidated with the server every time): most static hosts send no
// Cache-Control, and the browser would otherwise answer from its cache by a heuristic for hours,
// so a teacher's corrected article would not reach students. Annotations live in local storage,
// which an update of this worker never touches.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `annotator-${VERSION}`;

self.addEventListener('install', (event) => {
  // Fetched afresh, not from the HTTP cache, so the offline copy is the server's current one.
  event.waitUntil(caches.open(CACHE)
    .then((c) => c.addAll(FILES.map((f) => new Request(f, { cache: 'reload' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) =>
    Promise.all(keys.filter((k) => k.startsWith('annotator-') && k !== CACHE).map((k) => caches.delete(k)))));
});

const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css|svg)$/;

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (HASHED.test(url.pathname)) {
    event.respondWith(caches.match(event.request).then((hit) => hit || fetch(event.request)));
    return;
  }
  event.respondWith(
    fetch(event.request, { cache: 'no-cache' })
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((c) => c.put(event.request, copy));
        }
        return response;
      })
      .catch(() => caches.match(event.request, { ignoreSearch: true })
        .then((hit) => hit || (event.request.mode === 'navigate' ? caches.match('./') : undefined))
        .then((hit) => hit || Response.error())),
  );
});
