import module from 'node:module';

/**
 * Route matching without recompiling the route table on every request.
 *
 * `@remix-run/router` 1.x (under Remix's request handler) flattens and ranks every route pattern and
 * compiles a RegExp for each pattern it tries, twice per request (once in Remix's own match, once in
 * the static handler): a fifth of all CPU time in the `/members` profile of issue 17. Both results
 * depend only on the route table, which is built once per server build, so this caches them:
 * - the ranked branches per route array (WeakMap: a new build's routes get their own entry);
 * - each compiled pattern per (pattern, caseSensitive, end) — keys are route patterns, never URLs;
 * - the matches per pathname (an LRU of 2,000 per route table; pathnames up to 512 characters, since a
 *   stranger chooses them). Even with both caches above, finding
 *   the match walked every ranked branch in order (`/` is tried last: the index route ranks lowest),
 *   three times per request, a sixth of a page's CPU. The result depends only on the table's shape
 *   (route ids, paths, index and case flags, nesting) and the pathname, so it is kept by shape, with
 *   route ids; each call answers with the route objects of the array it was given (Remix's document
 *   render builds a fresh copy of the table for every request). Tables whose routes lack unique ids,
 *   and partial matching (lazy route discovery), go to the router uncached.
 *
 * The router's own code is used; the load hook only wraps two of its functions as its CommonJS file
 * is compiled (the copy the server handler requires). When the router's source changes (an upgrade) and
 * an anchor is missing, nothing is changed and a warning says so: slower, never wrong.
 * `server/route-cache.test.ts` checks the anchors against the installed version and that matching
 * gives the same answers.
 */
const FLATTEN = 'let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);';
const COMPILE = 'function compilePath(path, caseSensitive, end) {';
const MATCH = 'function matchRoutesImpl(routes, locationArg, basename, allowPartial) {';

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
var __nomiTablesByRoutes = new WeakMap();
var __nomiTablesByShape = new Map();
function __nomiShape(routes, ids, out) {
  for (var i = 0; i < routes.length; i++) {
    var r = routes[i];
    if (typeof r.id !== "string" || ids.has(r.id)) return false;
    ids.set(r.id, r);
    out.push(r.id, "\u0001", r.path == null ? "\u0002" : r.path, "\u0001", r.index ? "i" : "", r.caseSensitive ? "c" : "");
    if (r.children && r.children.length) {
      out.push("(");
      if (!__nomiShape(r.children, ids, out)) return false;
      out.push(")");
    }
    out.push(";");
  }
  return true;
}
function __nomiTable(routes) {
  var known = __nomiTablesByRoutes.get(routes);
  if (known !== undefined) return known;
  var ids = new Map(), out = [];
  var entry = null;
  if (__nomiShape(routes, ids, out)) {
    var shape = out.join("");
    var results = __nomiTablesByShape.get(shape);
    if (!results) {
      if (__nomiTablesByShape.size > 20) __nomiTablesByShape.clear();
      results = new Map();
      __nomiTablesByShape.set(shape, results);
    }
    entry = { ids: ids, results: results };
  }
  __nomiTablesByRoutes.set(routes, entry);
  return entry;
}
function matchRoutesImpl(routes, locationArg, basename, allowPartial) {
  var table = allowPartial ? null : __nomiTable(routes);
  if (!table) return __nomiMatchRoutesImpl(routes, locationArg, basename, allowPartial);
  var location = typeof locationArg === "string" ? parsePath(locationArg) : locationArg;
  var key = (basename || "/") + "\u0000" + (location.pathname || "/");
  // A stranger chooses the address (up to 16 KB): a kept answer holds it several times over (key,
  // pathnames, decoded params). Our own addresses are far shorter; long ones are matched, not kept.
  if (key.length > 512) return __nomiMatchRoutesImpl(routes, locationArg, basename, allowPartial);
  var found = table.results.get(key);
  if (found === undefined) {
    var matches = __nomiMatchRoutesImpl(routes, locationArg, basename, allowPartial);
    found = matches && matches.map(function (m) { return { id: m.route.id, params: Object.assign({}, m.params), pathname: m.pathname, pathnameBase: m.pathnameBase }; });
    if (table.results.size >= 2000) table.results.delete(table.results.keys().next().value);
    table.results.set(key, found);
  }
  if (found === null) return null;
  var params = Object.assign({}, found[found.length - 1].params);
  return found.map(function (m) { return { params: params, pathname: m.pathname, pathnameBase: m.pathnameBase, route: table.ids.get(m.id) }; });
}
`;

/** The router's CommonJS source with the two caches, or null when it no longer has the anchors. */
export function withRouteCaches(source: string): string | null {
  if (!source.includes(FLATTEN) || !source.includes(COMPILE) || !source.includes(MATCH)) return null;
  return (
    source
      .replace(FLATTEN, 'let branches = __nomiRankedBranches(routes);')
      .replace(COMPILE, 'function __nomiCompilePath(path, caseSensitive, end) {')
      .replace(MATCH, 'function __nomiMatchRoutesImpl(routes, locationArg, basename, allowPartial) {') + CACHES
  );
}

const ROUTER = /\/@remix-run\/router\/dist\/router\.cjs\.js$/;

/** Installs the load hook; call before anything requires `@remix-run/server-runtime`. */
export function installRouteCache() {
  // The router is a CommonJS file that server-runtime require()s, so its source passes through
  // Module.prototype._compile on every Node version package.json allows (>=20.17). module.registerHooks
  // (Node 22.15+ only) left Node 20 uncached without a word, and under tsx (`npm run dev`) tsx's own
  // loader bypassed it even on Node 24.
  const Module = module.Module as unknown as { prototype: { _compile: (content: string, filename: string, ...rest: unknown[]) => unknown } };
  const compile = Module.prototype._compile;
  if ((compile as { __nomiRouteCache?: true }).__nomiRouteCache) return;
  let warned = false;
  const patchedCompile = function (this: unknown, content: string, filename: string, ...rest: unknown[]) {
    if (typeof content === 'string' && ROUTER.test(filename.replaceAll('\\', '/')) && !content.includes('__nomiRankedBranches')) {
      const patched = withRouteCaches(content);
      if (patched) content = patched;
      else if (!warned) {
        warned = true;
        console.warn('route cache: @remix-run/router changed shape; matching runs uncached');
      }
    }
    return compile.call(this, content, filename, ...rest);
  };
  (patchedCompile as { __nomiRouteCache?: true }).__nomiRouteCache = true;
  Module.prototype._compile = patchedCompile;
}
