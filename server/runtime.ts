/**
 * What the Express server (server/index.ts) needs from the app, handed over through the Remix build
 * (app/entry.server.tsx re-exports this as `runtime`). The server imports nothing from app/ or db/
 * itself, so a process holds one copy of each module — one database connection, one job registry, one
 * collaboration server — and the server compiles on its own into `build/server.js` for plain `node`.
 */
export { env } from '../app/env.server';
export { closeDb, dataGeneration, dbHealth } from '../db/connection';
export { SESSION_COOKIE } from '../app/modules/auth/session.server';
export { runInRequestScope } from '../app/modules/auth/request-scope.server';
export { migrateToLatest } from '../db/migrate';
export { startScheduler } from '../app/modules/jobs/scheduler.server';
export { registerJobs } from '../app/modules/jobs/registry.server';
export { handleUpgrade } from './upgrade';
export { attachCollab } from './collab';
export { runShutdownHooks } from './shutdown';
export { createRequestHandler } from '@remix-run/express';
