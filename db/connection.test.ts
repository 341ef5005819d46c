import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite, openSqlite } from './connection';

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
