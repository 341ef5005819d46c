import { sql } from 'kysely';
import { db } from '~db/connection';
import type { Role } from '~db/schema';
import { endAllSessions } from '~/modules/auth/session.server';
import { audit } from '~/modules/network/settings.server';
import { notify } from '~/modules/notifications/notifications.server';
import { DELETED_EMAIL_DOMAIN, isDeletedAccount } from '~/modules/directory/former-member';
import { authorize, type Actor } from '~/policies';

export async function listMembers(opts: { q?: string; status?: 'active' | 'suspended' | 'all' } = {}) {
  let q = db.selectFrom('users').select(['id', 'name', 'email', 'role', 'is_mentor', 'status', 'city', 'joined_at']);
  if (opts.status && opts.status !== 'all') q = q.where('status', '=', opts.status);
  if (opts.q) {
    const like = `%${opts.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    // SQLite's LIKE has no escape character unless one is named.
    q = q.where((eb) => eb.or([sql<boolean>`name like ${like} escape '\\'`, sql<boolean>`email like ${like} escape '\\'`]));
  }
  return q.orderBy('name').limit(500).execute();
}

export type AdminResult = 'ok' | 'notFound' | 'lastSteward' | 'self' | 'deletedAccount';

async function activeStewards(trx = db): Promise<number> {
  const r = await trx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'steward')
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Stewards only (403 otherwise). The network always keeps one active steward. */
export async function changeRole(actor: Actor, memberId: string, role: Role): Promise<AdminResult> {
  authorize(actor, 'member.changeRole', { id: memberId });
  const result = await db.transaction().execute(async (trx) => {
    const member = await trx.selectFrom('users').select(['id', 'role', 'status']).where('id', '=', memberId).executeTakeFirst();
    if (!member) return 'notFound' as const;
    if (member.role === role) return 'ok' as const;
    if (member.role === 'steward' && member.status === 'active' && (await activeStewards(trx)) <= 1) return 'lastSteward' as const;
    await trx.updateTable('users').set({ role, updated_at: Date.now() }).where('id', '=', memberId).execute();
    return 'changed' as const;
  });
  if (result !== 'changed') return result;
  await audit({ actorId: actor.id, action: 'member.role', subjectType: 'user', subjectId: memberId, details: { role } });
  await notify({ userId: memberId, kind: 'membership.role_changed', params: { role }, link: '/settings' });
  return 'ok';
}

/** Suspension ends every session at once: an old cookie no longer signs anyone in. */
export async function suspendMember(actor: Actor, memberId: string): Promise<AdminResult> {
  authorize(actor, 'member.suspend', { id: memberId });
  if (actor.id === memberId) return 'self';
  const result = await db.transaction().execute(async (trx) => {
    const member = await trx.selectFrom('users').select(['id', 'role', 'status']).where('id', '=', memberId).executeTakeFirst();
    if (!member) return 'notFound' as const;
    if (member.status === 'suspended') return 'ok' as const;
    if (member.role === 'steward' && (await activeStewards(trx)) <= 1) return 'lastSteward' as const;
    await trx.updateTable('users').set({ status: 'suspended', updated_at: Date.now() }).where('id', '=', memberId).execute();
    return 'changed' as const;
  });
  if (result !== 'changed') return result;
  await endAllSessions(memberId);
  await (await import('~/modules/collab/revocation.server')).accessChanged({ userId: memberId }); // close their live editors now (issue 12.4)
  await audit({ actorId: actor.id, action: 'member.suspend', subjectType: 'user', subjectId: memberId });
  return 'ok';
}

export async function reinstateMember(actor: Actor, memberId: string): Promise<AdminResult> {
  authorize(actor, 'member.reinstate', { id: memberId });
  // A deleted (anonymised) account stays closed: the member asked for it to go, and it has no
  // name, email or password of theirs any more.
  const target = await db.selectFrom('users').select('email').where('id', '=', memberId).executeTakeFirst();
  if (target && isDeletedAccount(target)) return 'deletedAccount';
  const r = await db
    .updateTable('users')
    .set({ status: 'active', updated_at: Date.now() })
    .where('id', '=', memberId)
    .where('status', '=', 'suspended')
    .where('email', 'not like', `%${DELETED_EMAIL_DOMAIN}`)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    const exists = await db.selectFrom('users').select('id').where('id', '=', memberId).executeTakeFirst();
    return exists ? 'ok' : 'notFound';
  }
  await audit({ actorId: actor.id, action: 'member.reinstate', subjectType: 'user', subjectId: memberId });
  return 'ok';
}

export async function setMentorFlag(actor: Actor, memberId: string, isMentor: boolean): Promise<AdminResult> {
  authorize(actor, 'member.setMentor', { id: memberId });
  const r = await db.updateTable('users').set({ is_mentor: isMentor ? 1 : 0, updated_at: Date.now() }).where('id', '=', memberId).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return 'notFound';
  await audit({ actorId: actor.id, action: 'member.mentor', subjectType: 'user', subjectId: memberId, details: { isMentor } });
  return 'ok';
}
