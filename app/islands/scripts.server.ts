import fs from 'node:fs';
import { env } from '~/env.server';

/**
 * Where each island's script is (scripts/build-islands.js writes islands.json next to the server build,
 * which is where this module runs from). Without a build (unit tests) there are none, and pages keep
 * their no-JavaScript form.
 */
let cached: Record<string, string> | null = null;

export function islandScripts(): Record<string, string> {
  if (cached && env.nodeEnv !== 'development') return cached;
  try {
    cached = JSON.parse(fs.readFileSync(new URL('./islands.json', import.meta.url), 'utf8')) as Record<string, string>;
  } catch {
    cached = {};
  }
  return cached;
}
