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
}

export function needsHydration(matches: { handle?: unknown }[]): boolean {
  return matches.some((m) => (m.handle as RouteHandle | undefined)?.hydrate === true);
}
