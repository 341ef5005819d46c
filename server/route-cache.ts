import module from 'node:module';

/**
 * Route matching without recompiling the route table on every request.
 *
 * `@remix-run/router` 1.x (under Remix's request handler) flattens and ranks every route pattern and
 * compiles a RegExp for each pattern it tries, twice per request (once in Remix's own match, once in
 * the static handler): a fifth of all CPU time in the `/members` profile of issue 17. Both results
 * depend only on the route table, which is built once per server build, so this caches them:
 * - the ranked branches per route array (WeakMap: a new build's routes get their own entry);
 * - each compiled pattern per (pattern, caseSensitive, end) — keys are route patterns, never URLs.
 *
 * The router's own code is used; the load hook only wraps two of its functions as its CommonJS file
 * is loaded (the copy the server handler requires). When the router's source changes (an upgrade) and
 * an anchor is missing, nothing is changed and a warning says so: slower, never wrong.
 * `server/route-cache.test.ts` checks the anchors against the installed version and that matching
 * gives the same answers.
 */
const FLATTEN = 'let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);';
const COMPILE = 'function compilePath(path, caseSensitive, end) {';

const CACHES = `
var __nomiBranches = new WeakMap();
function __nomiRankedBranches(routes) {
  var branches = __nomiBranches.get(routes);
  if (!branches) {
    branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    __nomiBranches.set(routes, branches);
  }
  return branches;
}
var __nomiPatterns = new Map();
function compilePath(path, caseSensitive, end) {
  var key = path + "\\u0000" + (caseSensitive === true) + "\\u0000" + (end !== false);
  var hit = __nomiPatterns.get(key);
  if (hit) return hit;
  if (__nomiPatterns.size > 5000) __nomiPatterns.clear();
  hit = __nomiCompilePath(path, caseSensitive, end);
  __nomiPatterns.set(key, hit);
  return hit;
}
`;

/** The router's CommonJS source with the two caches, or null when it no longer has the anchors. */
export function withRouteCaches(source: string): string | null {
  if (!source.includes(FLATTEN) || !source.includes(COMPILE)) return null;
  return (
    source.replace(FLATTEN, 'let branches = __nomiRankedBranches(routes);').replace(COMPILE, 'function __nomiCompilePath(path, caseSensitive, end) {') +
    CACHES
  );
}

const ROUTER = /\/@remix-run\/router\/dist\/router\.cjs\.js$/;

/** Installs the load hook; call before anything requires `@remix-run/server-runtime`. */
export function installRouteCache() {
  if (typeof module.registerHooks !== 'function') return;
  module.registerHooks({
    load(url, context, nextLoad) {
      const result = nextLoad(url, context);
      if (!ROUTER.test(url) || result.source == null) return result;
      const patched = withRouteCaches(String(result.source));
      if (!patched) {
        console.warn('route cache: @remix-run/router changed shape; matching runs uncached');
        return result;
      }
      return { ...result, source: patched };
    },
  });
}
