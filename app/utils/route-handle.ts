/**
 * What a route module may say about itself through Remix's `handle` export.
 *
 * `hydrate: true` — the page needs JavaScript (a live widget: the bid editor, live tallies, the voice
 * recorder…). The root renders Remix's `<Scripts />` only when a matched route (the page or any of
 * its parents) says so; every other page is plain HTML and forms, and ships no JavaScript at all
 * (docs/CONVENTIONS.md, "Pages without JavaScript"; issue 17).
 */
export interface RouteHandle {
  hydrate?: boolean;
  /**
   * `visitorCache: true` — for a signed-out visitor this page depends only on its URL, language, cookies
   * and the database, so the server may keep it rendered (server/visitor-cache.ts; issue 17). Only for
   * pages that ship no script and hold nothing made per response (form tokens, times "x minutes ago").
   */
  visitorCache?: boolean;
}

export function visitorCacheable(matches: { handle?: unknown }[]): boolean {
  const page = matches.at(-1);
  return !!page && (page.handle as RouteHandle | undefined)?.visitorCache === true && !needsHydration(matches);
}

export function needsHydration(matches: { handle?: unknown }[]): boolean {
  return matches.some((m) => (m.handle as RouteHandle | undefined)?.hydrate === true);
}
