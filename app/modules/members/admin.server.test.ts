import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { createSessionCookie, getUser } from '~/modules/auth/session.server';
import { login } from '~/modules/auth/accounts.server';
import { action as membersAction, loader as membersLoader } from '~/routes/admin.members';
import { changeRole, listMembers, reinstateMember, setMentorFlag, suspendMember } from './admin.server';
import { makeMember } from '../../../test/factories';

async function roleOf(id: string) {
  return (await db.selectFrom('users').select(['role', 'status']).where('id', '=', id).executeTakeFirstOrThrow());
}

/** A real POST to /admin/members, as the browser of whoever holds `cookie` would send it. */
async function postMembers(cookie: string, fields: Record<string, string>) {
  const request = new Request('http://nomi.test/admin/members', {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { cookie: cookie.split(';')[0]!, 'content-type': 'application/x-www-form-urlencoded' },
  });
  try {
    return await membersAction({ request, params: {}, context: { cspNonce: '' } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe('member administration', () => {
  it('a steward changes a role; the member is told; it is in the audit log', async () => {
    const steward = await makeMember({ role: 'steward' });
    const member = await makeMember();
    expect(await changeRole(steward, member.id, 'steward')).toBe('ok');
    expect((await roleOf(member.id)).role).toBe('steward');
    const notes = await db.selectFrom('notifications').select('kind').where('user_id', '=', member.id).execute();
    expect(notes.map((x) => x.kind)).toContain('membership.role_changed');
    const log = await db.selectFrom('audit_log').selectAll().where('subject_id', '=', member.id).execute();
    expect(log.map((l) => [l.action, l.actor_id])).toContainEqual(['member.role', steward.id]);
  });

  it('the network always keeps at least one active steward', async () => {
    // Every other steward made by other tests in this file is suspended first.
    const only = await makeMember({ role: 'steward' });
    await db.updateTable('users').set({ status: 'suspended' }).where('role', '=', 'steward').where('id', '!=', only.id).execute();
    expect(await changeRole(only, only.id, 'member')).toBe('lastSteward');
    expect((await roleOf(only.id)).role).toBe('steward');
    const other = await makeMember();
    // A member cannot act as a steward at all (the module asks the policy, not only the route).
    await expect(suspendMember(other, only.id)).rejects.toMatchObject({ status: 403 });
    await expect(changeRole(other, other.id, 'steward')).rejects.toMatchObject({ status: 403 });
    const suspendedSteward = await makeMember({ role: 'steward' });
    await db.updateTable('users').set({ status: 'suspended' }).where('id', '=', suspendedSteward.id).execute();
    expect(await suspendMember(suspendedSteward, only.id)).toBe('lastSteward');
    expect((await roleOf(only.id)).status).toBe('active');
    // With a second steward, the first may step down.
    const second = await makeMember({ role: 'steward' });
    expect(await changeRole(second, only.id, 'member')).toBe('ok');
    expect(await changeRole(second, second.id, 'member')).toBe('lastSteward');
  });

  it('suspending signs the member out at once; they cannot sign in until reinstated', async () => {
    const steward = await makeMember({ role: 'steward' });
    const member = await makeMember();
    const cookie = await createSessionCookie(member.id);
    expect(await suspendMember(steward, member.id)).toBe('ok');
    expect(await getUser(new Request('http://nomi.test/', { headers: { cookie: cookie.split(';')[0]! } }))).toBeNull();
    expect((await login(member.email, 'correct horse battery staple', '198.51.100.9')).ok).toBe(false);
    expect(await suspendMember(steward, steward.id)).toBe('self');
    expect(await reinstateMember(steward, member.id)).toBe('ok');
    expect((await login(member.email, 'correct horse battery staple', '198.51.100.9')).ok).toBe(true);
    expect(await suspendMember(steward, 'no-such-member')).toBe('notFound');
  });

  it('marks mentors, and searches by name or email treating % and _ literally', async () => {
    const steward = await makeMember({ role: 'steward' });
    const member = await makeMember({ name: 'Zofia 100%_match' });
    expect(await setMentorFlag(steward, member.id, true)).toBe('ok');
    expect((await listMembers({ q: '100%_' })).map((m) => m.id)).toEqual([member.id]);
    expect((await listMembers({ q: '%' })).map((m) => m.id)).toEqual([member.id]);
    expect((await listMembers({ q: 'zofia' }))[0]?.is_mentor).toBe(1);
  });
});

describe('POST /admin/members', () => {
  it('refuses a member who forges a role change (403) and changes nothing', async () => {
    const member = await makeMember();
    const cookie = await createSessionCookie(member.id);
    const forged: Record<string, string>[] = [
      { intent: 'role', id: member.id, role: 'steward' },
      { intent: 'suspend', id: member.id },
    ];
    for (const fields of forged) {
      const res = await postMembers(cookie, fields);
      expect(res.status).toBe(403);
    }
    expect(await roleOf(member.id)).toEqual({ role: 'member', status: 'active' });
    expect(await db.selectFrom('audit_log').select('id').where('subject_id', '=', member.id).execute()).toEqual([]);
  });

  it('sends a visitor without a session to sign in', async () => {
    const member = await makeMember();
    const res = await postMembers('', { intent: 'role', id: member.id, role: 'steward' });
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toMatch(/^\/login\?redirectTo=/);
    expect((await roleOf(member.id)).role).toBe('member');
    const loader = await membersLoader({ request: new Request('http://nomi.test/admin/members'), params: {}, context: { cspNonce: '' } }).catch((r: unknown) => r as Response);
    expect(loader.status).toBe(302);
  });

  it('lets a steward change a role, and answers bad input with 400, not a crash', async () => {
    const steward = await makeMember({ role: 'steward' });
    const member = await makeMember();
    const cookie = await createSessionCookie(steward.id);
    const res = await postMembers(cookie, { intent: 'role', id: member.id, role: 'steward' });
    expect(res.status).toBe(302);
    expect((await roleOf(member.id)).role).toBe('steward');
    expect((await postMembers(cookie, { intent: 'role', id: member.id, role: 'admin' })).status).toBe(400);
    expect((await postMembers(cookie, { intent: 'role', id: 'x'.repeat(10_000), role: 'member' })).status).toBe(400);
    expect((await postMembers(cookie, { intent: 'role', id: 'nobody', role: 'member' })).status).toBe(404);
  });

  it('a suspended steward\'s old cookie can do nothing', async () => {
    const steward = await makeMember({ role: 'steward' });
    const other = await makeMember({ role: 'steward' });
    const member = await makeMember();
    const cookie = await createSessionCookie(steward.id);
    expect(await suspendMember(other, steward.id)).toBe('ok');
    const res = await postMembers(cookie, { intent: 'role', id: member.id, role: 'steward' });
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toMatch(/^\/login/);
    expect((await roleOf(member.id)).role).toBe('member');
  });
});
