import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import express from 'express';
import compression from 'compression';
import morgan from 'morgan';
import { createRequestHandler } from '@remix-run/express';
import { broadcastDevReady, installGlobals, type ServerBuild } from '@remix-run/node';
import { env } from '../app/env.server';
import { closeDb, dbHealth } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { startScheduler } from '../app/modules/jobs/scheduler.server';
import { registerJobs } from '../app/modules/jobs/registry.server';
import { nonce, redactPath, sameOriginOnly, securityHeaders, trustProxySetting } from './security';
import { handleUpgrade } from './upgrade';
import { attachCollab } from './collab';
import { runShutdownHooks } from './shutdown';
import { serverTiming } from './request-work';
import { formBodiesOnly, guardBuild } from './malformed';
import { acquireServerLock, DatabaseInUseError } from './db-lock';

installGlobals({ nativeFetch: true });

const BUILD_DIR = process.env.BUILD_DIR ? path.resolve(process.env.BUILD_DIR) : null;
const BUILD_PATH = BUILD_DIR ? path.join(BUILD_DIR, 'index.js') : path.resolve('build/index.js');
const VERSION_PATH = BUILD_DIR ? path.join(BUILD_DIR, 'version.txt') : path.resolve('build/version.txt');
const ASSETS_DIR = BUILD_DIR ? path.join(BUILD_DIR, 'public/build') : path.resolve('public/build');
const development = env.nodeEnv === 'development';

async function importBuild(): Promise<ServerBuild> {
  const stamp = fs.existsSync(VERSION_PATH) ? fs.readFileSync(VERSION_PATH, 'utf8').trim() : Date.now();
  return guardBuild((await import(`${pathToFileURL(BUILD_PATH).href}?v=${stamp}`)) as ServerBuild);
}

// One server per SQLite database (server/db-lock.ts): refuse before touching anything.
try {
  acquireServerLock(env.databasePath);
} catch (error) {
  if (!(error instanceof DatabaseInUseError)) throw error;
  console.error(error.message);
  process.exit(1);
}
await migrateToLatest();
registerJobs();
attachCollab();

let build = await importBuild();
const app = express();
app.disable('x-powered-by');
app.set('trust proxy', trustProxySetting(env.trustProxy));

// `Server-Timing: app;dur=<ms>` (Express start → response headers), plus `work;dur=<ms>` (this request's
// own callbacks, without the wait behind others) when SERVER_TIMING_CPU=1 — set by `npm run bench` only,
// since the async hooks behind it slow every request. See server/request-work.ts.
// Only when SERVER_TIMING=1 (or SERVER_TIMING_CPU=1) asks: timings help strangers tell members apart.
if (env.serverTiming) app.use(serverTiming({ work: env.serverTimingCpu }));

app.get('/healthz', (_req, res) => {
  const database = dbHealth();
  res.status(database.ok ? 200 : 503).json({ status: database.ok ? 'ok' : 'error', database: database.ok ? 'ok' : 'unavailable' });
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
      { skip: (req) => req.path.startsWith('/build/') || req.path === '/healthz' },
    ),
  );
}

app.use('/build', express.static(ASSETS_DIR, { immutable: true, maxAge: '1y' }));
app.use(express.static('public', { maxAge: '1h', index: false }));
// Rate limits key on the client address; overwrite whatever the client sent under this name.
app.use((req, _res, next) => {
  req.headers['x-nomi-client-ip'] = req.ip ?? 'unknown';
  next();
});
app.use(sameOriginOnly(new URL(env.publicUrl).origin));
app.use(formBodiesOnly);

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
  // `remix dev --manual`: keep this process (and its websockets) alive; swap in each new build.
  fs.watchFile(VERSION_PATH, { interval: 300 }, async () => {
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
