import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `npm run bench`: runs every bench/<area>.bench.ts (each exports a default async function that prints
 * its figures). Build first (`npm run build`): benchmarks start the built server.
 */
const only = process.argv[2];
const dir = path.resolve('bench');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!only || f.startsWith(only))).sort();
if (!fs.existsSync(path.resolve(process.env.BUILD_DIR ?? 'build', 'server.js'))) {
  console.error('Build the app first: npm run build');
  process.exit(1);
}
for (const f of files) {
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { default: () => Promise<void> };
  console.log(`\n# ${f}`);
  await mod.default();
}
if (!files.length) console.log('No benchmarks found.');
