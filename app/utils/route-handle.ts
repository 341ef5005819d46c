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
  /**
   * Widgets brought to life by a small script of their own on a page that does not hydrate
   * (app/islands): `islands: ['voice-recorder']` on /join ships the recorder without the app client.
   */
  islands?: string[];
}

/** The islands the matched routes ask for (none when the page hydrates: the app client runs them). */
export function islandsOf(matches: { handle?: unknown }[]): string[] {
  if (needsHydration(matches)) return [];
  return [...new Set(matches.flatMap((m) => (m.handle as RouteHandle | undefined)?.islands ?? []))];
}

export function visitorCacheable(matches: { handle?: unknown }[]): boolean {
  const page = matches.at(-1);
  return !!page && (page.handle as RouteHandle | undefined)?.visitorCache === true && !needsHydration(matches);
}

export function needsHydration(matches: { handle?: unknown }[]): boolean {
  return matches.some((m) => (m.handle as RouteHandle | undefined)?.hydrate === true);
}
