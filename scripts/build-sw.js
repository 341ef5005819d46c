// Builds the service worker (app/service-worker/sw.ts, issue 12.2) into <build dir>/sw/sw.js, served at
// /sw.js by server/index.ts. Run by `npm run build` after `remix build` (it needs the client build):
// esbuild bundles the worker and its Workbox modules, then workbox-build writes in the precache list —
// the app shell of the bid editor page only (entry, root, the bid routes, every chunk they import, lazily
// or not, and the CSS), read from the build's metafile, so a phone does not download every page's code.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync as build } from 'esbuild';
import { injectManifest } from 'workbox-build';

const outdir = path.resolve(process.env.BUILD_DIR ?? 'build');
// remix.config.js: the default build keeps its assets in public/build, a BUILD_DIR build inside itself.
const assetsDir = process.env.BUILD_DIR ? path.join(outdir, 'public/build') : path.resolve('public/build');
// esbuild's entry point names in the Remix client build.
const SHELL_ROUTES = ['app/entry.client.tsx', 'browser-route-module:root.tsx?browser', 'browser-route-module:routes/bids.$id.tsx?browser', 'browser-route-module:routes/bids.$id._index.tsx?browser'];

/** The files (relative to assetsDir) the bid editor page loads, from esbuild's metafile of the client build. */
function shellFiles() {
  const { outputs } = JSON.parse(fs.readFileSync(path.join(outdir, 'metafile.js.json'), 'utf8'));
  const rel = (p) => path.relative(assetsDir, path.resolve(p)).split(path.sep).join('/');
  const files = new Set();
  const queue = Object.entries(outputs)
    .filter(([, o]) => SHELL_ROUTES.includes(o.entryPoint))
    .map(([p]) => p);
  if (queue.length < SHELL_ROUTES.length) throw new Error(`build-sw: the client build lacks a shell route (found ${queue.length} of ${SHELL_ROUTES.length})`);
  while (queue.length) {
    const p = queue.pop();
    if (files.has(rel(p))) continue;
    files.add(rel(p));
    for (const i of outputs[p]?.imports ?? []) if (!i.external && outputs[i.path]) queue.push(i.path);
  }
  for (const f of fs.readdirSync(assetsDir)) if (/^manifest-[A-Z0-9]+\.js$/.test(f)) files.add(f);
  for (const f of fs.readdirSync(path.join(assetsDir, '_assets'))) if (f.endsWith('.css')) files.add(`_assets/${f}`);
  return files;
}

const shell = shellFiles();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nomi-sw-'));
const bundled = path.join(tmp, 'sw.js');
build({
  entryPoints: ['app/service-worker/sw.ts'],
  outfile: bundled,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  // Workbox logs only in development builds.
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});

const favicon = fs.readFileSync('public/favicon.svg');
const swDest = path.join(outdir, 'sw', 'sw.js');
fs.rmSync(path.dirname(swDest), { recursive: true, force: true });
const { count, size, warnings } = await injectManifest({
  swSrc: bundled,
  swDest,
  globDirectory: assetsDir,
  globPatterns: ['**/*.{js,css}'],
  manifestTransforms: [async (entries) => ({ manifest: entries.filter((e) => shell.has(e.url.replace(/^\/build\//, ''))), warnings: [] })],
  modifyURLPrefix: { '': '/build/' },
  // Every file under /build/ is fingerprinted (NAME-HASH.js): its URL is its revision.
  dontCacheBustURLsMatching: /-[A-Z0-9]{8}\.(js|css)$/,
  additionalManifestEntries: [{ url: '/favicon.svg', revision: createHash('sha1').update(favicon).digest('hex').slice(0, 12) }],
  maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
});
fs.rmSync(tmp, { recursive: true, force: true });
for (const w of warnings) console.warn(`build-sw: ${w}`);
if (count < shell.size) throw new Error(`build-sw: only ${count} of ${shell.size} shell files made it into the precache list`);
console.log(`Service worker: ${path.relative(process.cwd(), swDest)} (precaches ${count} files, ${Math.round(size / 1024)} KB)`);
