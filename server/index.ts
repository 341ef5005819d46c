import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import express from 'express';
import compression from 'compression';
import morgan from 'morgan';
import type { ServerBuild } from '@remix-run/node';
import { installRouteCache } from './route-cache';
import { memoryStatic } from './static';
import { nonce, redactPath, sameOriginOnly, securityHeaders, trustProxySetting } from './security';
import { serverTiming } from './request-work';
import { formBodiesOnly, guardBuild } from './malformed';
import { visitorPageCache } from './visitor-cache';
import { acquireServerLock, DatabaseInUseError } from './db-lock';
import type * as Runtime from './runtime';

/**
 * The HTTP server. `npm run build` compiles this file into `build/server.js` (scripts/build-server.js),
 * started with plain `node`; `npm run dev` runs it from source with tsx. Everything from app/ and db/
 * comes through the Remix build (`runtime`, see server/runtime.ts), so there is one copy of each module.
 */

// Before anything loads @remix-run/router (the Remix packages below are imported after this line).
installRouteCache();
const { installGlobals, broadcastDevReady } = await import('@remix-run/node');
installGlobals({ nativeFetch: true });

// The compiled server sits next to the build it serves; from source, BUILD_DIR or build/.
const here = path.dirname(fileURLToPath(import.meta.url));
const BUILD_DIR = process.env.BUILD_DIR ? path.resolve(process.env.BUILD_DIR) : fs.existsSync(path.join(here, 'index.js')) ? here : path.resolve('build');
const BUILD_PATH = path.join(BUILD_DIR, 'index.js');
const VERSION_PATH = path.join(BUILD_DIR, 'version.txt');
// remix.config.js: the default build keeps its assets in public/build, a BUILD_DIR build inside itself.
const ASSETS_DIR = BUILD_DIR === path.resolve('build') ? path.resolve('public/build') : path.join(BUILD_DIR, 'public/build');
const SW_DIR = path.join(BUILD_DIR, 'sw');

type Build = ServerBuild & { entry: { module: { runtime: typeof Runtime } } };

async function importBuild(): Promise<Build> {
  const stamp = fs.existsSync(VERSION_PATH) ? fs.readFileSync(VERSION_PATH, 'utf8').trim() : Date.now();
  return guardBuild((await import(`${pathToFileURL(BUILD_PATH).href}?v=${stamp}`)) as Build) as Build;
}

// One server per SQLite database (server/db-lock.ts): refuse before touching anything, even before the
// build loads the app (its modules may open the database). The same default as app/env.server.ts.
try {
  acquireServerLock(path.resolve(process.env.DATABASE_PATH || './data/nomi.sqlite'));
} catch (error) {
  if (!(error instanceof DatabaseInUseError)) throw error;
  console.error(error.message);
  process.exit(1);
}

let build = await importBuild();
const { env, closeDb, dataGeneration, dbHealth, SESSION_COOKIE, runInRequestScope, migrateToLatest, startScheduler, registerJobs, handleUpgrade, attachCollab, runShutdownHooks, createRequestHandler } = build.entry.module.runtime;
const development = env.nodeEnv === 'development';

await migrateToLatest();
registerJobs();
attachCollab();

const app = express();
app.disable('x-powered-by');
app.set('trust proxy', trustProxySetting(env.trustProxy));

// `Server-Timing: app;dur=<ms>` (Express start → response headers), plus `work;dur=<ms>` (this request's
// own callbacks, without the wait behind others) when SERVER_TIMING_CPU=1 — set by `npm run bench` only,
// since the async hooks behind it slow every request. See server/request-work.ts.
// Only when SERVER_TIMING=1 (or SERVER_TIMING_CPU=1) asks: timings help strangers tell members apart.
if (env.serverTiming) app.use(serverTiming({ work: env.serverTimingCpu }));

// Polled by monitors every few seconds: two fixed answers written as they are (no content negotiation,
// ETag or serialisation per call; res.json spent more time on those than on asking the database).
const HEALTHY = JSON.stringify({ status: 'ok', database: 'ok' });
const UNHEALTHY = JSON.stringify({ status: 'error', database: 'unavailable' });
app.get('/healthz', (_req, res) => {
  const ok = dbHealth().ok;
  const body = ok ? HEALTHY : UNHEALTHY;
  res.writeHead(ok ? 200 : 503, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  res.end(body);
});

app.use(nonce);
app.use(securityHeaders({ https: env.publicUrl.startsWith('https:'), development }));
app.use(compression());
morgan.token('safe-url', (req) => redactPath((req as express.Request).originalUrl ?? '/'));
if (env.logLevel !== 'silent') {
  app.use(
    morgan(
      (tokens, req, res) =>
        JSON.stringify({
          time: new Date().toISOString(),
          level: 'info',
          msg: 'request',
          method: tokens.method!(req, res),
          path: tokens['safe-url']!(req, res),
          status: Number(tokens.status!(req, res)),
          ms: Number(tokens['response-time']!(req, res)),
        }),
      { skip: (req) => req.originalUrl.startsWith('/build/') || req.path === '/healthz' },
    ),
  );
}

if (development) {
  app.use('/build', express.static(ASSETS_DIR, { immutable: true, maxAge: '1y' }));
  app.use(express.static('public', { maxAge: '1h', index: false }));
} else {
  // Fingerprinted file names: a changed file gets a new name, so browsers may keep these for a year.
  app.use('/build', memoryStatic(ASSETS_DIR, { cacheControl: 'public, max-age=31536000, immutable' }));
  app.use(memoryStatic('public', { cacheControl: 'public, max-age=3600', exclude: ['build'] }));
}
// The service worker (scripts/build-sw.js → <build>/sw/sw.js) at /sw.js, so its scope is the whole site.
// no-cache: the browser asks every time whether a new version is out (304 when not).
if (development) app.use(express.static(SW_DIR, { cacheControl: false, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'), index: false }));
else app.use(memoryStatic(SW_DIR, { cacheControl: 'no-cache' }));
// Rate limits key on the client address; overwrite whatever the client sent under this name.
app.use((req, _res, next) => {
  req.headers['x-nomi-client-ip'] = req.ip ?? 'unknown';
  next();
});
app.use(sameOriginOnly(new URL(env.publicUrl).origin));
app.use(formBodiesOnly);

// Public pages for signed-out visitors, kept rendered while the database is unchanged (issue 17).
app.use(visitorPageCache({ maxBytes: development ? 0 : env.visitorCacheBytes, ttlMs: 30_000, sessionCookie: SESSION_COOKIE, generation: dataGeneration }));

// Each request's memo (app/modules/auth/request-scope.server.ts): one session lookup per page.
app.use((_req, _res, next) => runInRequestScope(next));

app.all(
  '*',
  development
    ? (req, res, next) => createRequestHandler({ build, mode: 'development', getLoadContext: (_q, r) => ({ cspNonce: r.locals.cspNonce as string }) })(req, res, next)
    : createRequestHandler({ build, mode: env.nodeEnv, getLoadContext: (_q, r) => ({ cspNonce: r.locals.cspNonce as string }) }),
);

const server = http.createServer(app);
server.on('upgrade', handleUpgrade);
const stopScheduler = startScheduler(env.schedulerIntervalMs);

server.listen(env.port, () => {
  console.log(`NOMI Workspace listening on http://localhost:${env.port} (database: ${env.databasePath})`);
  if (development) void broadcastDevReady(build);
});

if (development) {
  // `remix dev` empties the assets folder (public/build) as each build starts, islands included: build
  // them again once it has finished (now, and after every rebuild), which also picks up their changes.
  const buildIslands = () => spawnSync(process.execPath, ['scripts/build-islands.js'], { stdio: 'inherit' });
  buildIslands();
  // `remix dev --manual`: keep this process (and its websockets) alive; swap in each new build.
  fs.watchFile(VERSION_PATH, { interval: 300 }, async () => {
    buildIslands();
    build = await importBuild();
    await broadcastDevReady(build);
  });
}

let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`${signal} received: finishing requests and closing.`);
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  server.close();
  server.closeIdleConnections();
  await runShutdownHooks();
  await stopScheduler();
  await new Promise<void>((resolve) => {
    server.on('close', () => resolve());
    if (!server.listening) resolve();
  });
  await closeDb();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
