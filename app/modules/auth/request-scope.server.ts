import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one HTTP request has already worked out, for the rest of that request only. Remix gives each
 * loader its own copy of the Request (it strips `?index` and `?_data` into a new one), so a memo keyed
 * by the Request never reached from the root loader to the page's loader; the server runs every
 * request inside a scope instead (server/index.ts). Outside a scope (tests, jobs) nothing is kept.
 *
 * Kept on globalThis like the other holders: `remix dev` re-imports the app into the same process, and
 * the server must keep opening scopes the app can see.
 */
const holder = globalThis as unknown as { __nomiRequestScope?: AsyncLocalStorage<Map<string, unknown>> };
const storage = (holder.__nomiRequestScope ??= new AsyncLocalStorage<Map<string, unknown>>());

export function runInRequestScope<T>(fn: () => T): T {
  return storage.run(new Map(), fn);
}

/** The value kept under `key` in this request's scope, made by `make` the first time; no scope: `make()`. */
export function perRequestMemo<T>(key: string, make: () => T): T {
  const scope = storage.getStore();
  if (!scope) return make();
  if (scope.has(key)) return scope.get(key) as T;
  const value = make();
  scope.set(key, value);
  return value;
}
