/**
 * Runs the Remix app in-process for the authorization matrix: the route manifest comes from the same
 * `flatRoutes()` that `remix build` uses, each route module is imported through vitest (so the test needs
 * no build and shares the test file's database), and requests go through Remix's own request handler —
 * loaders, actions, document rendering, `?_data=` JSON and resource routes exactly as in production, minus
 * the Express middleware (security headers, same-origin check), which `server/security.test.ts` covers.
 */
import path from 'node:path';
import { createRequestHandler, type ServerBuild } from '@remix-run/node';
// Remix's own manifest builder (what `remix build` calls for app/routes); not part of its public API.
import { flatRoutes } from '@remix-run/dev/dist/config/flat-routes.js';
import remixConfig from '../../remix.config.js';

export interface ManifestRoute {
  id: string;
  file: string;
  path?: string;
  index?: boolean;
  parentId?: string;
}

/** Every route module of the app, as the Remix compiler sees it (root excluded). */
export function routeManifest(): ManifestRoute[] {
  const routes = flatRoutes(path.resolve('app'), remixConfig.ignoredRouteFiles ?? []) as Record<string, ManifestRoute>;
  return Object.values(routes).sort((a, b) => a.id.localeCompare(b.id));
}

type RouteModule = Record<string, unknown>;

export async function loadBuild(): Promise<ServerBuild> {
  const manifest = routeManifest();
  const modules: Record<string, RouteModule> = {};
  const load = (file: string) => import(/* @vite-ignore */ path.resolve('app', file)) as Promise<RouteModule>;
  modules.root = await load('root.tsx');
  for (const r of manifest) modules[r.id] = await load(r.file);
  const all = [{ id: 'root', file: 'root.tsx', path: '', parentId: undefined, index: undefined }, ...manifest];
  const routes: ServerBuild['routes'] = {};
  const assetRoutes: ServerBuild['assets']['routes'] = {};
  for (const r of all) {
    const module = modules[r.id]!;
    routes[r.id] = { id: r.id, parentId: r.parentId, path: r.path, index: r.index, caseSensitive: undefined, module: module as never };
    assetRoutes[r.id] = {
      id: r.id,
      parentId: r.parentId,
      path: r.path,
      index: r.index,
      caseSensitive: undefined,
      module: `/build/${r.id}.js`,
      imports: [],
      hasAction: typeof module.action === 'function',
      hasLoader: typeof module.loader === 'function',
      hasClientAction: typeof module.clientAction === 'function',
      hasClientLoader: typeof module.clientLoader === 'function',
      hasErrorBoundary: typeof module.ErrorBoundary === 'function',
    };
  }
  const entry = await load('entry.server.tsx');
  // Keep what a 500 was about, for the failure message (production mode sends an empty body).
  const handleError = (error: unknown, args: unknown) => {
    serverErrors.push(error instanceof Error ? `${error.message} ${error.stack?.split('\n')[1]?.trim() ?? ''}` : String(error));
    (entry.handleError as ((e: unknown, a: unknown) => void) | undefined)?.(error, args);
  };
  return {
    mode: 'production',
    entry: { module: { ...entry, handleError } as never },
    routes,
    assets: { version: 'authz', url: '/build/manifest-authz.js', entry: { module: '/build/entry.client.js', imports: [] }, routes: assetRoutes },
    publicPath: '/build/',
    assetsBuildDirectory: 'public/build',
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true } as never,
    isSpaMode: false,
    basename: undefined,
  } as ServerBuild;
}

export const serverErrors: string[] = [];

export type Handler = (request: Request) => Promise<Response>;

export async function makeHandler(): Promise<Handler> {
  const build = await loadBuild();
  const handle = createRequestHandler(build, 'production');
  return (request) => handle(request, { cspNonce: 'authz-test-nonce' });
}
