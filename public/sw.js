// Rampart's service worker: keeps the app shell (index.html and the hashed files it links) in
// Cache Storage, so Rampart opens with no network once it has been loaded.
//
// - Page loads go to the network first and fall back to the cached index.html, which serves every
//   route (the router reads the path in the browser).
// - Other same-origin GETs are answered from the cache first; Trunk hashes their names, so a new
//   build never reuses an old file.
// - Each successful page load refreshes the cache from that index.html and drops files it no
//   longer references.

const CACHE = 'rampart-shell-v1';
const SHELL = '/index.html';

self.addEventListener('install', (event) => {
  event.waitUntil(
    fetch(SHELL, { cache: 'no-cache' })
      .then(refreshShell)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(pageLoad(event));
  } else {
    event.respondWith(cacheFirst(request));
  }
});

async function pageLoad(event) {
  try {
    const response = await fetch(event.request);
    const isShell = response.ok && response.headers.get('content-type')?.startsWith('text/html');
    if (isShell) event.waitUntil(refreshShell(response.clone()));
    return response;
  } catch (networkError) {
    const cached = await caches.match(SHELL);
    if (cached) return cached;
    throw networkError;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  return cached ?? fetch(request);
}

// Stores `shellResponse` as index.html, fetches the files it references that are not cached
// yet, and deletes cached files it no longer references.
async function refreshShell(shellResponse) {
  if (!shellResponse.ok) throw new Error(`cannot cache the app shell: HTTP ${shellResponse.status}`);
  const html = await shellResponse.clone().text();
  const cache = await caches.open(CACHE);
  const assets = referencedAssets(html);
  const cachedUrls = new Set((await cache.keys()).map((request) => request.url));
  const missing = assets.filter((path) => !cachedUrls.has(new URL(path, self.location.origin).href));
  await cache.addAll(missing);
  await cache.put(SHELL, shellResponse);
  const keep = new Set([SHELL, ...assets].map((path) => new URL(path, self.location.origin).href));
  for (const request of await cache.keys()) {
    if (!keep.has(request.url)) await cache.delete(request);
  }
}

// Same-origin absolute paths in `href`, `src` and `data-rampart-*` attributes of index.html.
function referencedAssets(html) {
  const paths = new Set();
  for (const match of html.matchAll(/(?:href|src|data-rampart-js|data-rampart-wasm)="(\/[^"/][^"]*)"/g)) {
    paths.add(match[1]);
  }
  return [...paths];
}
