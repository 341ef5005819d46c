import type SQLite from 'better-sqlite3';
import { rawSqlite } from '~db/connection';

/**
 * Answers to directory reads (searches, partner suggestions) kept until the database changes. The
 * directory is read far more than written; 50 people searching at once mostly repeat each other.
 *
 * "Changed" is exact, not a timeout: the generation is SQLite's total_changes() on our connection
 * (every insert/update/delete, triggers included) plus PRAGMA data_version (commits by any other
 * connection, e.g. a CLI script). Any write anywhere empties the cache, so no one ever sees a result
 * older than the data. Cached values are shared: callers must not mutate them.
 */
interface Cache {
  generation: string;
  entries: Map<string, Promise<unknown>>;
  statements: { changes: SQLite.Statement; version: SQLite.Statement };
}

const MAX_ENTRIES = 2000;
const caches = new WeakMap<SQLite.Database, Cache>();

function cacheFor(sqlite: SQLite.Database): Cache {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = {
      generation: '',
      entries: new Map(),
      statements: { changes: sqlite.prepare('SELECT total_changes()').pluck(), version: sqlite.prepare('PRAGMA data_version').pluck() },
    };
    caches.set(sqlite, cache);
  }
  return cache;
}

export async function cachedRead<T>(key: string, read: () => Promise<T>): Promise<T> {
  const sqlite = rawSqlite();
  // Inside a transaction the data may still roll back: never cache what it reads.
  if (sqlite.inTransaction) return read();
  const cache = cacheFor(sqlite);
  const generation = `${String(cache.statements.version.get())}:${String(cache.statements.changes.get())}`;
  if (generation !== cache.generation) {
    cache.entries.clear();
    cache.generation = generation;
  }
  const hit = cache.entries.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const pending = read();
  if (cache.entries.size >= MAX_ENTRIES) cache.entries.clear();
  cache.entries.set(key, pending);
  // A failed read is not remembered.
  pending.catch(() => {
    if (cache.entries.get(key) === pending) cache.entries.delete(key);
  });
  return pending;
}
