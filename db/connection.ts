import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { env } from '../app/env.server';
import type { Database } from './schema';

export type DB = Kysely<Database>;

interface Connection {
  path: string;
  sqlite: SQLite.Database;
  db: DB;
}

/**
 * One connection per process. In production the server takes this module from the Remix build, so
 * there is one copy of it (server/runtime.ts); `remix dev` imports each rebuilt app again into the same
 * process, so the handle lives on globalThis for every rebuild to share.
 */
const holder = globalThis as unknown as { __nomiConnection?: Connection };

/**
 * The database holds every member's private data: it, its WAL and shared-memory files and backups are
 * readable by the server's user only (0600), like uploads and the ballot key. SQLite creates the -wal
 * and -shm files with the database file's own permissions, so creating the file 0600 first is enough;
 * files an older version made 0644 are tightened on open.
 */
function ownerOnly(file: string) {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
}

function tightenSidecars(file: string) {
  for (const suffix of ['-wal', '-shm', '-journal']) {
    try {
      fs.chmodSync(`${file}${suffix}`, 0o600);
    } catch {
      /* not there */
    }
  }
}

export function openSqlite(file: string): SQLite.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (file !== ':memory:') ownerOnly(file);
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  if (file !== ':memory:') tightenSidecars(file);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Deleted rows are overwritten with zeros, not left readable in free space (secret ballots, issue 15.7).
  sqlite.pragma('secure_delete = ON');
  return sqlite;
}

/**
 * Transactions start with BEGIN IMMEDIATE: they take the write lock up front, so when another process
 * (a CLI script, a test) writes to the same file, busy_timeout makes us wait instead of failing with
 * SQLITE_BUSY when a read inside the transaction would later upgrade to a write.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (conn: DatabaseConnection) => {
      await conn.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/**
 * Prepared statements kept by SQL text. Kysely's SQLite driver prepares a statement for every query;
 * preparing (parsing and planning the SQL) cost more than running most of our queries. The app builds
 * a bounded set of SQL texts (values are parameters), but `in (?, ?, …)` lists vary in length, so the
 * cache is a small LRU. Statements re-prepare themselves after a schema change (SQLite does it).
 */
const STATEMENTS = 500;
function cachingDatabase(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let stmt = statements.get(text);
      if (stmt) {
        // Most recently used last, so the first key is the one to drop.
        statements.delete(text);
      } else {
        stmt = sqlite.prepare(text);
        if (statements.size >= STATEMENTS) statements.delete(statements.keys().next().value!);
      }
      statements.set(text, stmt);
      return stmt as unknown as SqliteStatement;
    },
  };
}

function connection(): Connection {
  const wanted = env.databasePath;
  const current = holder.__nomiConnection;
  if (current && current.path === wanted) return current;
  const sqlite = openSqlite(wanted);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: cachingDatabase(sqlite) }) });
  holder.__nomiConnection = { path: wanted, sqlite, db };
  return holder.__nomiConnection;
}

/** The Kysely instance. A Proxy keeps `import { db }` cheap and lazy. */
export const db: DB = new Proxy({} as DB, {
  get(_target, prop) {
    const real = connection().db as unknown as Record<string | symbol, unknown>;
    const value = real[prop];
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

export function rawSqlite(): SQLite.Database {
  return connection().sqlite;
}

export async function closeDb(): Promise<void> {
  const current = holder.__nomiConnection;
  if (!current) return;
  holder.__nomiConnection = undefined;
  await current.db.destroy();
  if (current.sqlite.open) current.sqlite.close();
}

// One prepared `select 1` per connection: /healthz is polled often, and preparing cost more than asking.
const healthChecks = new WeakMap<SQLite.Database, SQLite.Statement>();

export function dbHealth(): { ok: boolean; error?: string } {
  try {
    const sqlite = rawSqlite();
    let check = healthChecks.get(sqlite);
    if (!check) healthChecks.set(sqlite, (check = sqlite.prepare('select 1')));
    check.get();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : 'unknown' };
  }
}

const generationQueries = new WeakMap<SQLite.Database, { changes: SQLite.Statement; version: SQLite.Statement }>();

/**
 * A value that changes whenever the database does: rows changed through this connection since it
 * opened (SQLite's total_changes(): the app, its jobs and the collaboration server all write through it)
 * and commits by any other connection to the file (`PRAGMA data_version`: a CLI script, a restore).
 * Kept pages are valid only while it stays the same (server/visitor-cache.ts).
 */
export function dataGeneration(): string {
  const sqlite = rawSqlite();
  let q = generationQueries.get(sqlite);
  if (!q) {
    q = { changes: sqlite.prepare('select total_changes()').pluck(), version: sqlite.prepare('pragma data_version').pluck() };
    generationQueries.set(sqlite, q);
  }
  return `${String(q.version.get())}:${String(q.changes.get())}`;
}

/** An online backup (consistent while the server runs), written 0600 like the database itself. */
export async function backupSqlite(sqlite: SQLite.Database, target: string): Promise<void> {
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  ownerOnly(target);
  await sqlite.backup(target);
  fs.chmodSync(target, 0o600);
  tightenSidecars(target);
}
