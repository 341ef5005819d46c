/**
 * Bid pages kept by the service worker for offline use (issue 12.2), shared by the worker
 * (app/service-worker/sw.ts) and the page. Browser only; no imports, so the worker bundle stays small.
 *
 * What is kept, and for whom: only the bid pages this member opened on this device, and only when the
 * server says so with `X-Offline-Copy: <member id>` (the bid draft page, signed in, allowed to read it)
 * and `Cache-Control: private` (this browser only) without `no-store`. A page kept for another member is
 * dropped as soon as a different member's page arrives; sign-out drops everything (the worker sees the
 * POST /logout go through, and the response also says `Clear-Site-Data: "storage"`); losing access
 * drops that bid's page (a 404 on revalidation, or the editor's "access removed").
 */
export const OFFLINE_PAGES_CACHE = 'nomi-bid-pages';
export const OFFLINE_MEMBER_HEADER = 'X-Offline-Copy';
export const OFFLINE_DOCUMENT_HEADER = 'X-Offline-Document';
/** The bid draft page (no query: `?_data=` requests are Remix's, never kept). */
export const BID_PAGE_PATH = /^\/bids\/[A-Za-z0-9_-]+\/?$/;

/** The page asks the worker to keep the page it is showing (its load was not yet under the worker). */
export const KEEP_PAGE_MESSAGE = 'nomi:keep-page';

export function keepable(response: Response): boolean {
  const cacheControl = (response.headers.get('Cache-Control') ?? '').toLowerCase();
  // 'basic': our own origin's answer as the worker sees it ('default' is the same outside a browser).
  return response.status === 200 && (response.type === 'basic' || response.type === 'default') && !response.redirected && Boolean(response.headers.get(OFFLINE_MEMBER_HEADER)) && /\bprivate\b/.test(cacheControl) && !/\bno-store\b/.test(cacheControl);
}

/**
 * Drops kept pages: those of one document (lost access), or those not kept for this member (another
 * member's, on a shared phone). Safe to call anywhere; does nothing without Cache Storage.
 */
export async function forgetOfflinePages(match: { documentId?: string; exceptMember?: string }): Promise<void> {
  if (typeof caches === 'undefined') return;
  try {
    if (!(await caches.has(OFFLINE_PAGES_CACHE))) return;
    const cache = await caches.open(OFFLINE_PAGES_CACHE);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      const member = response?.headers.get(OFFLINE_MEMBER_HEADER);
      const document = response?.headers.get(OFFLINE_DOCUMENT_HEADER);
      if ((match.documentId && document === match.documentId) || (match.exceptMember && member !== match.exceptMember)) await cache.delete(request);
    }
  } catch {
    // Storage refused (private mode, quota): nothing is kept then either.
  }
}
