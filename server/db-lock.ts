import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

/**
 * One server per SQLite database (issue 12.5). Two processes on one file each kept their own live
 * copy of every open collaborative document: partners on different processes stopped seeing each
 * other's edits while both said "saved", and the database kept one version. Running several
 * instances is a separate, explicit design (a shared document service); until then a second server
 * refuses to start.
 *
 * The lock is an exclusive SQLite lock on a small file beside the database, held for the life of
 * the process: the operating system drops it when the process ends in any way — including kill -9 —
 * so no stale lock is ever left behind. A second file records the holder's process id, only so the
 * refusal can name it. CLI tools (migrate, backup, seed) and tests do not take the lock: WAL lets
 * them share the database with the server safely.
 */
export class DatabaseInUseError extends Error {
  constructor(
    readonly databasePath: string,
    readonly holderPid: number | null,
  ) {
    super(
      `Another NOMI Workspace server${holderPid ? ` (process ${holderPid})` : ''} is already using the database ${databasePath}. ` +
        'Two servers on one SQLite database would split live documents between them, so this one will not start. ' +
        `Stop the other server${holderPid ? ` (kill ${holderPid})` : ''}, or give this one its own DATABASE_PATH.`,
    );
    this.name = 'DatabaseInUseError';
  }
}

export interface ServerLock {
  release(): void;
}

export function acquireServerLock(databasePath: string): ServerLock {
  const full = path.resolve(databasePath);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  const lockPath = `${full}.server-lock`;
  const pidPath = `${lockPath}.pid`;
  const lock = new SQLite(lockPath, { timeout: 0 });
  try {
    // In exclusive locking mode the first write keeps the file locked until the connection closes.
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('create table if not exists holder (pid integer not null)');
    lock.exec(`begin exclusive; delete from holder; insert into holder (pid) values (${process.pid}); commit;`);
  } catch (error) {
    lock.close();
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      let holder: number | null = null;
      try {
        holder = Number.parseInt(fs.readFileSync(pidPath, 'utf8'), 10) || null;
      } catch {
        holder = null;
      }
      throw new DatabaseInUseError(full, holder);
    }
    throw error;
  }
  fs.writeFileSync(pidPath, `${process.pid}\n`);
  return {
    release() {
      try {
        if (fs.readFileSync(pidPath, 'utf8').trim() === String(process.pid)) fs.rmSync(pidPath, { force: true });
      } catch {
        /* already gone */
      }
      if (lock.open) lock.close();
    },
  };
}
