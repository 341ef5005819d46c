import { KEEP_PAGE_MESSAGE } from './offline-pages';

let registered = false;

/**
 * Registers the service worker (app/service-worker/sw.ts) from the bid editor page only — the one page
 * that must open offline. Pages without JavaScript never register it. Once per page load; failures
 * (no service worker support, private mode, a development build without /sw.js) leave the page as it
 * was: online editing and the IndexedDB copy do not depend on it.
 */
export function registerOfflineWorker(): void {
  if (registered || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  registered = true;
  // Loaded before any worker controlled it (the first visit): this page went straight to the network
  // and was not kept. Once the worker is active, ask it to keep this page too.
  const keepThisPage = !navigator.serviceWorker.controller;
  // Loaded only here (the browser; the server build would trip over this CommonJS-in-Node package).
  import('workbox-window')
    .then(({ Workbox }) => new Workbox('/sw.js', { scope: '/' }).register())
    .then(async () => {
      if (!keepThisPage) return;
      const registration = await navigator.serviceWorker.ready;
      registration.active?.postMessage({ type: KEEP_PAGE_MESSAGE, url: window.location.pathname });
    })
    .catch(() => undefined);
}
