// Offline use: the app's own files, kept from the last visit with the network on.
//
// Network first: while online every file comes fresh from the server (so a new release is what
// runs, whole, the moment it is published) and the copy is kept; offline, the kept copies serve.
// Only this app's files pass through here: the scope is the app's folder, and nothing else is
// ever fetched.
const CACHE = "shipcheck-v2";
const FILES = [
  "./",
  "index.html",
  "shipcheck.js",
  "shipcheck_bg.wasm",
  "shipcheck-worker.js",
  "shipcheck-worker_bg.wasm",
  "shipcheck-worker_loader.js",
  "shipcheck.css",
  "boot.js",
  "public/favicon.svg",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET" || !event.request.url.startsWith(self.registration.scope)) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(event.request, copy)));
        }
        return response;
      })
      .catch(() => caches.match(event.request, { ignoreSearch: true }).then((kept) => kept ?? Response.error())),
  );
});
