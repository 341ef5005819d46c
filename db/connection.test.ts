import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite, db, openSqlite, rawSqlite } from './connection';

/**
 * Issue 16, item 9: the database was created 0644 (anyone on the machine could read every member's
 * data straight from the file and its WAL) while uploads and the ballot key were 0600.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nomi-perm-'));
const mode = (file: string) => fs.statSync(file).mode & 0o777;

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('files on disk', () => {
  it('creates the database, its WAL and shared-memory file readable by this user only', () => {
    const previous = process.umask(0o022); // the usual default, which gives 0644
    try {
      const file = path.join(dir, 'fresh', 'nomi.sqlite');
      const sqlite = openSqlite(file);
      sqlite.exec('create table t (x text); insert into t values (\'private\')');
      expect(fs.existsSync(`${file}-wal`)).toBe(true);
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
      expect(mode(`${file}-shm`)).toBe(0o600);
      sqlite.close();
    } finally {
      process.umask(previous);
    }
  });

  it('tightens a database an older version left world-readable', () => {
    const file = path.join(dir, 'old.sqlite');
    fs.writeFileSync(file, '');
    fs.chmodSync(file, 0o644);
    const sqlite = openSqlite(file);
    sqlite.exec('create table t (x text)');
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    sqlite.close();
  });

  it('writes backups 0600', async () => {
    const previous = process.umask(0o022);
    try {
      const sqlite = openSqlite(path.join(dir, 'source.sqlite'));
      sqlite.exec('create table t (x text); insert into t values (\'private\')');
      const target = path.join(dir, 'backups', 'nomi-backup.sqlite');
      await backupSqlite(sqlite, target);
      expect(mode(target)).toBe(0o600);
      sqlite.close();
    } finally {
      process.umask(previous);
    }
  });
});


// Issue 17: prepared statements are kept by SQL text. What must hold: answers stay right when the same
// text runs again, after the schema changes under a kept statement, and past the cache's size.
describe('prepared statement cache', () => {
  it('runs the same SQL text again with new parameters', async () => {
    await sql`create table cache_probe (id integer primary key, name text)`.execute(db);
    for (const [id, name] of [[1, 'Amina'], [2, 'Yonas']] as const) await db.insertInto('cache_probe' as never).values({ id, name } as never).execute();
    const name = async (id: number) => (await sql<{ name: string }>`select name from cache_probe where id = ${id}`.execute(db)).rows[0]?.name;
    expect(await name(1)).toBe('Amina');
    expect(await name(2)).toBe('Yonas');
  });

  it('keeps answering after a migration changes a table under a kept statement', async () => {
    const all = () => sql<Record<string, unknown>>`select * from cache_probe order by id`.execute(db);
    expect(Object.keys((await all()).rows[0]!)).toEqual(['id', 'name']);
    rawSqlite().exec('alter table cache_probe add column city text');
    expect(Object.keys((await all()).rows[0]!)).toEqual(['id', 'name', 'city']);
  });

  it('stays correct past the cache size (more distinct texts than it keeps)', async () => {
    for (let n = 1; n <= 600; n++) {
      const ids = Array.from({ length: n }, (_, i) => i + 1);
      const rows = (await sql<{ c: number }>`select count(*) as c from cache_probe where id in (${sql.join(ids)})`.execute(db)).rows;
      expect(rows[0]!.c).toBe(Math.min(n, 2));
    }
    // A transaction (BEGIN IMMEDIATE through the same cache) still commits and rolls back.
    await db.transaction().execute(async (trx) => {
      await sql`update cache_probe set city = 'coventry' where id = 2`.execute(trx);
    });
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`update cache_probe set city = 'nowhere' where id = 2`.execute(trx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await sql<{ city: string }>`select city from cache_probe where id = 2`.execute(db)).rows[0]!.city).toBe('coventry');
  });
});
