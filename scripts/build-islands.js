// Builds the islands (app/islands/*.client.tsx): small scripts that bring one widget to life on a page
// that otherwise ships no JavaScript (issue 17) — the voice recorder on /join, without Remix's router,
// Conform or the route manifest. Output: <assets>/islands/<name>-<hash>.js (served under /build/ with the
// fingerprinted files) and <build dir>/islands.json, which the root loader reads to link them.
// Run by `npm run build` after `remix build`.
import fs from 'node:fs';
import path from 'node:path';
import { buildSync as build } from 'esbuild';

const outdir = path.resolve(process.env.BUILD_DIR ?? 'build');
// remix.config.js: the default build keeps its assets in public/build, a BUILD_DIR build inside itself.
const assetsDir = process.env.BUILD_DIR ? path.join(outdir, 'public/build') : path.resolve('public/build');
const islands = fs.readdirSync('app/islands').filter((f) => f.endsWith('.client.tsx'));

fs.rmSync(path.join(assetsDir, 'islands'), { recursive: true, force: true });
const result = build({
  entryPoints: Object.fromEntries(islands.map((f) => [f.replace(/\.client\.tsx$/, ''), path.join('app/islands', f)])),
  outdir: path.join(assetsDir, 'islands'),
  entryNames: '[name]-[hash]',
  bundle: true,
  splitting: false,
  format: 'esm',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  jsx: 'automatic',
  alias: { '~': path.resolve('app') },
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  logLevel: 'warning',
});

const manifest = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (!output.entryPoint) continue;
  const name = path.basename(output.entryPoint).replace(/\.client\.tsx$/, '');
  manifest[name] = `/build/islands/${path.basename(file)}`;
}
// `npm run dev` runs this before Remix's first build: on a fresh checkout there is no build folder yet.
fs.mkdirSync(outdir, { recursive: true });
fs.writeFileSync(path.join(outdir, 'islands.json'), JSON.stringify(manifest, null, 2));
