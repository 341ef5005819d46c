// `npm start`: build if the build is missing or older than the sources, then serve in production mode.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const build = path.resolve('build/index.js');
const server = path.resolve('build/server.js');

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

const sourcesChanged = () => {
  if (!fs.existsSync(build) || !fs.existsSync(server)) return true;
  const built = fs.statSync(build).mtimeMs;
  const inputs = Math.max(newest('app'), newest('server'), newest('db'), fs.statSync('remix.config.js').mtimeMs, fs.statSync('package.json').mtimeMs);
  return inputs > built;
};

if (sourcesChanged()) {
  console.log('Building the app…');
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Plain node: the server is compiled into the build (scripts/build-server.js), no TypeScript loader.
// Memory on a 1 GB server (docs/performance.md): a 2 MB young generation (V8's default grows to 16 MB
// per semi-space, which a busy server keeps as RSS) and two malloc arenas (glibc makes one per thread
// that allocates — zlib, SQLite — and rarely gives them back). A 256 MB old generation: V8 otherwise lets
// the heap grow under load and keeps the memory (RSS 416 MiB after the bench's load, 238 MiB with it, at
// the same speed). It goes first in NODE_OPTIONS, so a bigger network can raise it (the last one wins):
// NODE_OPTIONS=--max-old-space-size=512 npm start.
const child = spawn(process.execPath, ['--max-semi-space-size=2', server], {
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV || 'production',
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX || '2',
    NODE_OPTIONS: `--max-old-space-size=256 ${process.env.NODE_OPTIONS ?? ''}`.trim(),
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
