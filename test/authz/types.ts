/**
 * The format of an authorization-matrix entry (one file per area in ./entries/, merged in ./entries/index.ts).
 *
 *   export default [
 *     {
 *       route: 'routes/members.$id',              // the route id from the Remix manifest (file name without extension)
 *       cases: [
 *         {
 *           name: 'a public profile',
 *           path: (w) => `/members/${w.people.amina}`,
 *           right: 'amina',                       // the member the thing belongs to (default 'amina')
 *           get: { visitor: 200, outsider: 200, right: 200, steward: 200 },
 *           post: [{ name: 'block', body: (w) => ({ intent: 'block' }), expect: { visitor: 'login', outsider: 200 } }],
 *         },
 *       ],
 *     },
 *   ] satisfies Entry[];
 *
 * `get` is asked as a page and, when the route has a loader and a component, as `?_data=<route id>` too;
 * a resource route (no component) is asked as it is. Statuses: a number, or 'login' for the redirect to
 * sign-in (`getData` overrides `get` for the JSON request). Leave a role out to not assert its status (its body is still checked for canaries).
 * `post` sends a hand-made form (application/x-www-form-urlencoded, same origin) as each role listed in
 * `expect`; a refusal must also leave the database unchanged.
 *
 * Whatever the entries say, every response body is checked against every canary of ./world.ts, and every
 * route with an action gets an empty POST from a visitor that must not write anything. A route in the
 * manifest without an entry fails the test: add one when you add a route.
 */
import type { PersonKey, World } from './world';

export type Who = 'visitor' | 'outsider' | 'right' | 'steward';
export type Expect = number | 'login';

export interface PostCase {
  name: string;
  body: (w: World) => Record<string, string>;
  expect: Partial<Record<Who, Expect>>;
}

/**
 * A leak found by the matrix in an area whose owner has not fixed it yet. It is listed instead of failing
 * the suite, and the test fails once it no longer happens, so the list only shrinks.
 */
export interface KnownLeak {
  who: Who;
  what: string;
  why: string;
}

export interface Case {
  name?: string;
  knownLeaks?: KnownLeak[];
  path: (w: World) => string;
  right?: PersonKey;
  get?: Partial<Record<Who, Expect>>;
  /** When `?_data=` answers differently from the page (a layout whose index redirects). */
  getData?: Partial<Record<Who, Expect>>;
  post?: PostCase[];
}

export interface Entry {
  route: string;
  cases: Case[];
  /** The action is for visitors (sign-in, join, setup…): skip the "visitor POST writes nothing" sweep. */
  publicAction?: boolean;
}
