import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { env } from '~/env.server';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { searchMembers, searchOrgs } from './search.server';

/**
 * A plain text search ranks and pages inside the search index and counts without joining every match
 * (the directory's speed target at 10,000 members). It must give the same members, totals and order
 * as the filtered path, and never a suspended member.
 */
describe('text search paged in the index', () => {
  it('pages through every match once, in rank order, with the right total, and leaves out suspended members', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await makeMember({ name: `Pagingword Person ${String(i).padStart(2, '0')}` })).id);
    // A stronger match (the word twice) ranks first.
    const strong = await makeMember({ name: 'Pagingword Pagingword Strong' });
    const suspended = await makeMember({ name: 'Pagingword Suspended' });
    await db.updateTable('users').set({ status: 'suspended' }).where('id', '=', suspended.id).execute();

    const first = await searchMembers({ q: 'pagingword' }, 1);
    const second = await searchMembers({ q: 'pagingword' }, 2);
    expect(first.total).toBe(26);
    expect(first.pageCount).toBe(2);
    expect(first.items).toHaveLength(20);
    expect(second.items).toHaveLength(6);
    expect(first.items[0]!.id).toBe(strong.id);
    const seen = [...first.items, ...second.items].map((m) => m.id);
    expect(new Set(seen).size).toBe(26);
    expect(seen).not.toContain(suspended.id);
    expect(seen.sort()).toEqual([...ids, strong.id].sort());

    // The filtered path (a city nobody has) agrees there is nothing; with no filter it agrees on totals.
    expect((await searchMembers({ q: 'pagingword', city: 'coventry' })).total).toBe(0);
    expect((await searchMembers({ q: 'pagingword', mentoring: false })).total).toBe(26);
    // A page past the end is empty but keeps the total.
    const past = await searchMembers({ q: 'pagingword' }, 5);
    expect(past.items).toEqual([]);
    expect(past.total).toBe(26);
  });

  it('counts members without a search (no profile join) the same as listing them', async () => {
    const all = await searchMembers({}, 1);
    const active = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'active').executeTakeFirstOrThrow();
    expect(all.total).toBe(Number(active.n));
    expect((await searchOrgs({ q: 'nothing-like-this-anywhere' })).total).toBe(0);
  });
});

describe('directory reads kept until the data changes', () => {
  it('a repeated search is answered from memory, and any write, here or from another process, shows at once', async () => {
    const a = await makeMember({ name: 'Cacheword First' });
    const before = await searchMembers({ q: 'cacheword' });
    expect(before.total).toBe(1);
    // Same question, same data: the very same answer object.
    expect(await searchMembers({ q: 'cacheword' })).toBe(before);

    // A write through the app (a new member) is seen by the next search.
    const b = await makeMember({ name: 'Cacheword Second' });
    expect((await searchMembers({ q: 'cacheword' })).items.map((m) => m.id).sort()).toEqual([a.id, b.id].sort());

    // A write from another connection (a CLI script, another process) too.
    const other = new SQLite(env.databasePath);
    other.prepare("UPDATE users SET status = 'suspended' WHERE id = ?").run(b.id);
    other.close();
    expect((await searchMembers({ q: 'cacheword' })).items.map((m) => m.id)).toEqual([a.id]);
  });
});
