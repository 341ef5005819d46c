import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireServerLock, DatabaseInUseError } from './db-lock';

/**
 * Issue 12.5: two servers on one SQLite database split live documents. A second server must refuse
 * to start, naming the process that holds the database; a server killed with -9 leaves no stale lock.
 */
const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nomi-lock-')), 'nomi.sqlite');

function holdLockInChild(databasePath: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', `import('./server/db-lock.ts').then((m) => { m.acquireServerLock(${JSON.stringify(databasePath)}); console.log('locked'); setInterval(() => {}, 1000); })`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
  return { child, ready };
}

describe('one server per database', () => {
  it('refuses a second holder while another process holds the database, naming its pid; kill -9 frees it', async () => {
    const db = tmp();
    const { child, ready } = holdLockInChild(db);
    await ready;
    let refused: unknown = null;
    try {
      acquireServerLock(db);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DatabaseInUseError);
    expect((refused as DatabaseInUseError).holderPid).toBe(child.pid);
    expect((refused as Error).message).toContain(`process ${child.pid}`);

    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const lock = acquireServerLock(db); // no stale lock after kill -9
    lock.release();
  });

  it('the real server exits at start with a clear message when the database is taken', async () => {
    const db = tmp();
    const lock = acquireServerLock(db);
    try {
      const server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
        env: { ...process.env, NODE_ENV: 'production', PORT: '0', DATABASE_PATH: db, LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      server.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((r) => server.once('exit', r));
      expect(code).toBe(1);
      expect(stderr).toContain(`Another NOMI Workspace server (process ${process.pid}) is already using the database`);
      // It stopped before migrating or writing anything: the database file was never created.
      expect(fs.existsSync(db)).toBe(false);
    } finally {
      lock.release();
    }
  }, 60_000);
});
