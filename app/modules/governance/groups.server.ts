import type { Transaction } from 'kysely';
import { db } from '~db/connection';
import type { Database } from '~db/schema';
import { newId } from '~/modules/auth/tokens.server';
import type { SessionUser } from '~/modules/auth/session.server';
import { audit } from '~/modules/network/settings.server';
import { GovernanceError } from './errors';
import { authorizeGovernance } from './authorize.server';

/** The built-in group that follows the directors register (its members are not stored). */
export const DIRECTORS_GROUP = 'directors';

type Reader = Transaction<Database> | typeof db;

export interface GroupSummary {
  id: string;
  name: string;
  builtin: string | null;
  members: number;
}

// Policy `governanceGroup.manage` (stewards).
function authorizeGroupManager(user: Pick<SessionUser, 'id' | 'role'>) {
  authorizeGovernance(user, 'governanceGroup.manage');
}

/** Voting members: active, not ceased, joined by `now`. */
function votingMembers(reader: Reader, now: number) {
  return reader.selectFrom('users').select('users.id').where('users.status', '=', 'active').where('users.ceased_at', 'is', null).where('users.joined_at', '<=', now);
}

/**
 * The voting members of a group at `now`: a custom group's listed members, or for the built-in
 * directors group the members serving a term on the directors register. Only voting members count.
 */
export async function groupVoters(reader: Reader, groupId: string, now: number): Promise<string[]> {
  const group = await reader.selectFrom('governance_groups').select(['id', 'builtin']).where('id', '=', groupId).executeTakeFirst();
  if (!group) throw new GovernanceError('invalid', 400);
  const q =
    group.builtin === DIRECTORS_GROUP
      ? votingMembers(reader, now).where((eb) =>
          eb.exists(
            eb
              .selectFrom('governance_directors as d')
              .select('d.id')
              .whereRef('d.user_id', '=', 'users.id')
              .where('d.ceased_at', 'is', null)
              .where('d.term_start', '<=', now)
              .where('d.term_end', '>', now)
          )
        )
      : votingMembers(reader, now).where((eb) =>
          eb.exists(eb.selectFrom('governance_group_members as m').select('m.user_id').whereRef('m.user_id', '=', 'users.id').where('m.group_id', '=', groupId))
        );
  const rows = await q.execute();
  return rows.map((r) => r.id);
}

/** Every voting member (the electorate of a proposal for "all voting members"). */
export async function allVoters(reader: Reader, now: number): Promise<string[]> {
  return (await votingMembers(reader, now).execute()).map((r) => r.id);
}

export async function listGroups(now = Date.now()): Promise<GroupSummary[]> {
  const groups = await db.selectFrom('governance_groups').select(['id', 'name', 'builtin']).orderBy('builtin', 'desc').orderBy('name').execute();
  const out: GroupSummary[] = [];
  for (const g of groups) out.push({ ...g, members: (await groupVoters(db, g.id, now)).length });
  return out;
}

export async function getGroup(id: string) {
  return db.selectFrom('governance_groups').select(['id', 'name', 'builtin']).where('id', '=', id).executeTakeFirst();
}

/** A group's members with names. For the directors group: the serving directors (read only). */
export async function groupMembers(id: string, now = Date.now()) {
  const group = await getGroup(id);
  if (!group) return null;
  if (group.builtin === DIRECTORS_GROUP) {
    const ids = await groupVoters(db, id, now);
    const rows = ids.length ? await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).orderBy('name').execute() : [];
    return { group, members: rows.map((r) => ({ ...r, voting: true })) };
  }
  const rows = await db
    .selectFrom('governance_group_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'u.status', 'u.ceased_at'])
    .where('m.group_id', '=', id)
    .orderBy('u.name')
    .execute();
  return {
    group,
    members: rows.map((r) => ({
      id: r.id,
      name: r.name,
      voting: r.status === 'active' && r.ceased_at === null,
    })),
  };
}

async function nameTaken(name: string, exceptId?: string): Promise<boolean> {
  // The unique index is case-insensitive; compare the same way here to give a clear message.
  const rows = await db.selectFrom('governance_groups').select(['id', 'name']).execute();
  return rows.some((r) => r.id !== exceptId && r.name.toLocaleLowerCase() === name.toLocaleLowerCase());
}

export async function createGroup(user: Pick<SessionUser, 'id' | 'role'>, name: string, now = Date.now()): Promise<string> {
  authorizeGroupManager(user);
  if (await nameTaken(name)) throw new GovernanceError('group_name_taken', 409);
  const id = newId();
  await db
    .insertInto('governance_groups')
    .values({
      id,
      name,
      builtin: null,
      created_by: user.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await audit({
    actorId: user.id,
    action: `governance.group_created`,
    subjectType: 'governance_group',
    subjectId: id,
    details: { name },
  });
  return id;
}

export async function renameGroup(user: Pick<SessionUser, 'id' | 'role'>, id: string, name: string, now = Date.now()): Promise<void> {
  authorizeGroupManager(user);
  const group = await getGroup(id);
  if (!group) throw new GovernanceError('not_found', 404);
  if (group.builtin) throw new GovernanceError('forbidden', 403);
  if (await nameTaken(name, id)) throw new GovernanceError('group_name_taken', 409);
  await db.updateTable('governance_groups').set({ name, updated_at: now }).where('id', '=', id).execute();
  await audit({
    actorId: user.id,
    action: `governance.group_renamed`,
    subjectType: 'governance_group',
    subjectId: id,
    details: { from: group.name, to: name },
  });
}

export async function addGroupMember(user: Pick<SessionUser, 'id' | 'role'>, id: string, memberId: string, now = Date.now()): Promise<void> {
  authorizeGroupManager(user);
  const group = await getGroup(id);
  if (!group) throw new GovernanceError('not_found', 404);
  // The directors group follows the directors register: change the register instead.
  if (group.builtin) throw new GovernanceError('forbidden', 403);
  const member = await db.selectFrom('users').select('id').where('id', '=', memberId).where('status', '=', 'active').where('ceased_at', 'is', null).executeTakeFirst();
  if (!member) throw new GovernanceError('invalid', 400);
  const r = await db
    .insertInto('governance_group_members')
    .values({ group_id: id, user_id: memberId, added_at: now })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) {
    await audit({
      actorId: user.id,
      action: `governance.group_member_added`,
      subjectType: 'governance_group',
      subjectId: id,
      details: { member: memberId },
    });
  }
}

export async function removeGroupMember(user: Pick<SessionUser, 'id' | 'role'>, id: string, memberId: string): Promise<void> {
  authorizeGroupManager(user);
  const group = await getGroup(id);
  if (!group) throw new GovernanceError('not_found', 404);
  if (group.builtin) throw new GovernanceError('forbidden', 403);
  const r = await db.deleteFrom('governance_group_members').where('group_id', '=', id).where('user_id', '=', memberId).executeTakeFirst();
  if (Number(r.numDeletedRows) > 0) {
    await audit({
      actorId: user.id,
      action: `governance.group_member_removed`,
      subjectType: 'governance_group',
      subjectId: id,
      details: { member: memberId },
    });
  }
}
