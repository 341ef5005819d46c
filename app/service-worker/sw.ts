/**
 * The service worker (issue 12.2, "Offline for real"), bundled into `<build>/sw/sw.js` by
 * scripts/build-sw.js (esbuild, then workbox-build injects the precache list) and served at `/sw.js`
 * (root scope, no-cache: server/index.ts). Registered only by the bid editor page
 * (app/modules/collab/service-worker-client.ts); pages without JavaScript never load it.
 *
 * What it keeps:
 * - the app shell the bid editor needs: its fingerprinted JS and CSS under /build/ (precached at install,
 *   the list computed from the build's metafile), and any other /build/ file a page loaded (cache-first:
 *   a changed file has a new name);
 * - the bid draft pages this member opened (network-first, the kept copy only when the network fails),
 *   under the rules in app/modules/collab/offline-pages.ts. The draft itself comes from IndexedDB
 *   (local-copies.ts), so it opens, takes edits and merges when the connection returns.
 * Nothing else: other pages, Remix data requests and every POST go to the network as before.
 */
import { cleanupOutdatedCaches, PrecacheController, PrecacheRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { clientsClaim } from 'workbox-core';
import type { WorkboxPlugin } from 'workbox-core/types';
import { BID_PAGE_PATH, KEEP_PAGE_MESSAGE, keepable, OFFLINE_MEMBER_HEADER, OFFLINE_PAGES_CACHE } from '../modules/collab/offline-pages';

// The worker's global scope, typed here (the project's TypeScript lib is the DOM's, not the worker's).
interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface WorkerScope {
  __WB_MANIFEST: Array<PrecacheEntry | string>;
  location: Location;
  registration: ServiceWorkerRegistration;
  skipWaiting(): Promise<void>;
  addEventListener(type: 'message', listener: (event: ExtendableEventLike & { data: unknown; origin: string }) => void): void;
}
const sw = self as unknown as WorkerScope;

// A new version takes over at once: the bid page must work offline from its first visit.
void sw.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();

/**
 * Set once the member has signed out. This worker is unregistered then, but it still serves the pages
 * it controls until they are gone (the bid page being left, its last requests): without this, one of
 * them opened a cache again right after sign-out emptied them all.
 */
let retired = false;

// workbox-build replaces `self.__WB_MANIFEST` (spelt exactly so) with the precache list.
const precached = new PrecacheController();
precached.precache((self as unknown as WorkerScope).__WB_MANIFEST);
const precacheRoute = new PrecacheRoute(precached);
const matchPrecached = precacheRoute.match;
precacheRoute.match = (options) => !retired && matchPrecached(options);
registerRoute(precacheRoute);

registerRoute(
  ({ url }) => !retired && url.origin === sw.location.origin && url.pathname.startsWith('/build/'),
  new CacheFirst({ cacheName: 'nomi-build', plugins: [new ExpirationPlugin({ maxEntries: 150, maxAgeSeconds: 60 * 60 * 24 * 60 })] }),
);

/** Keeps only what keepable() allows, for one member at a time; forgets pages this member lost. */
const memberPages: WorkboxPlugin = {
  cacheWillUpdate: async ({ response }) => {
    if (retired || !keepable(response)) return null;
    // A different member's page arrives (a shared phone, the other session ended without signing out):
    // what was kept for anyone else goes first.
    const member = response.headers.get(OFFLINE_MEMBER_HEADER);
    const cache = await caches.open(OFFLINE_PAGES_CACHE);
    for (const request of await cache.keys()) {
      const kept = await cache.match(request);
      if (kept?.headers.get(OFFLINE_MEMBER_HEADER) !== member) await cache.delete(request);
    }
    return response;
  },
  // A page that passed cacheWillUpdate just before sign-out emptied the caches: not kept after all.
  cacheDidUpdate: async ({ cacheName }) => {
    if (retired) await caches.delete(cacheName);
  },
  fetchDidSucceed: async ({ request, response }) => {
    // Not found (access lost, bid gone), refused, or sent elsewhere (signed out): no longer kept.
    if (!retired && (response.status >= 400 || response.type === 'opaqueredirect' || response.redirected)) {
      const cache = await caches.open(OFFLINE_PAGES_CACHE);
      await cache.delete(request.url, { ignoreSearch: true, ignoreVary: true });
    }
    return response;
  },
};

const bidPages = new NetworkFirst({
  cacheName: OFFLINE_PAGES_CACHE,
  // One member's pages (memberPages); the Vary of a kept page must not hide it offline.
  matchOptions: { ignoreVary: true },
  plugins: [memberPages, new ExpirationPlugin({ maxEntries: 30, maxAgeSeconds: 60 * 60 * 24 * 30 })],
});

registerRoute(({ url, request }) => !retired && url.origin === sw.location.origin && !url.search && request.mode === 'navigate' && BID_PAGE_PATH.test(url.pathname), bidPages);

// Sign-out (a plain form POST, with or without JavaScript on the page): once the server has ended the
// session, nothing kept for this member stays. The response's Clear-Site-Data says the same; this does
// not depend on the browser honouring it.
registerRoute(
  ({ url }) => url.origin === sw.location.origin && url.pathname === '/logout',
  async ({ request }) => {
    const response = await fetch(request);
    if (response.status < 400 || response.type === 'opaqueredirect') {
      retired = true;
      for (const name of await caches.keys()) await caches.delete(name);
      await sw.registration.unregister();
    }
    return response;
  },
  'POST',
);

// The bid page that registered this worker was loaded before the worker controlled it: the page asks
// for itself to be kept (fetched again, through the same rules as a navigation).
sw.addEventListener('message', (event) => {
  const data = event.data as { type?: string; url?: string } | null;
  if (retired || data?.type !== KEEP_PAGE_MESSAGE || typeof data.url !== 'string') return;
  let url: URL;
  try {
    url = new URL(data.url, sw.location.href);
  } catch {
    return;
  }
  if (url.origin !== sw.location.origin || url.search || !BID_PAGE_PATH.test(url.pathname)) return;
  const request = new Request(url.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
  event.waitUntil(bidPages.handle({ event, request } as unknown as Parameters<typeof bidPages.handle>[0]).catch(() => undefined));
});
