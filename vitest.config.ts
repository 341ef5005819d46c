import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      { find: /^~db\//, replacement: path.resolve('db') + '/' },
      { find: /^~\//, replacement: path.resolve('app') + '/' },
    ],
  },
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'db/**/*.test.ts', 'server/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['test/setup-db.ts'],
    // better-sqlite3 is native: one process per worker keeps it simple and isolated.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
