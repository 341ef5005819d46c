// Compiles the HTTP server (server/index.ts and the few server/ files it imports itself) into
// <build dir>/server.js, next to the Remix build it serves, for plain `node` in production: no
// TypeScript loader at run time. Packages stay external (node_modules); app code comes through the
// Remix build (server/runtime.ts). Run by `npm run build` after `remix build`; takes well under a second.
// The migrations are compiled too, into <build dir>/migrations: db/migrate.ts looks for them next to
// itself, which in the build is the build folder.
import fs from 'node:fs';
import path from 'node:path';
import { buildSync as build } from 'esbuild';

const outdir = path.resolve(process.env.BUILD_DIR ?? 'build');
build({
  entryPoints: ['server/index.ts'],
  outfile: path.join(outdir, 'server.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

const migrations = fs.readdirSync('db/migrations').filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
build({
  entryPoints: migrations.map((f) => path.join('db/migrations', f)),
  outdir: path.join(outdir, 'migrations'),
  platform: 'node',
  format: 'esm',
  target: 'node22',
  logLevel: 'warning',
});
