import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileMigrationProvider, Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '~db/connection';

const folder = path.resolve(process.cwd(), 'db/migrations');

describe('partners already on bids when organisation partners arrived', () => {
  it('are not named on any funding call until they opt in', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nomi-bidfix-'));
    const sqlite = openSqlite(path.join(dir, 'm.sqlite'));
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    try {
      const migrator = new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder: folder }) });
      const before = await migrator.migrateTo('2026-11-23T1905-notices-files');
      expect(before.error).toBeUndefined();
      // A partner row of the earlier shape (its bid and member need not exist for this check).
      sqlite.pragma('foreign_keys = OFF');
      await db
        .insertInto('bid_partners')
        .values({ id: 'p1', bid_id: 'b1', user_id: 'u1', org_id: null, role: 'partner', budget_share: 0, delivers: '', added_by: null, created_at: 1 })
        .execute();
      const after = await migrator.migrateTo('2026-11-23T1920-bids-org-partners');
      expect(after.error).toBeUndefined();
      expect(await db.selectFrom('bid_partners').select(['id', 'kind', 'status', 'show_name']).execute()).toEqual([{ id: 'p1', kind: 'member', status: 'accepted', show_name: 0 }]);
      // New rows that do not say otherwise are hidden too.
      await db.insertInto('bid_partners').values({ id: 'p2', bid_id: 'b1', kind: 'org', user_id: null, org_id: 'o1', role: 'partner', created_at: 2 }).execute();
      expect((await db.selectFrom('bid_partners').select('show_name').where('id', '=', 'p2').executeTakeFirstOrThrow()).show_name).toBe(0);
    } finally {
      await db.destroy();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
